import re
from pathlib import Path

import pytest

from capaciteit.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme(field):
    names = {f"CAPACITEIT_{field.upper()}"}
    if field == "database_url":
        names.add("DATABASE_URL")
    assert any(re.search(rf"`{name}`", README) for name in names), f"{field} undocumented"


def test_without_environment_the_store_is_the_embedded_sqlite_file(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CAPACITEIT_DATABASE_URL", raising=False)
    monkeypatch.setenv("CAPACITEIT_DATA_DIR", "somewhere")
    assert Settings().effective_database_url == "sqlite:///somewhere/capaciteit.db"


def test_database_url_switches_the_store(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@h/db")
    assert Settings().effective_database_url == "postgresql+psycopg://u:p@h/db"
