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


def test_the_domain_bounds_come_from_the_environment(monkeypatch):
    from capaciteit.bounds import Bounds

    monkeypatch.setenv("CAPACITEIT_MAX_PERSONEN", "500")
    monkeypatch.setenv("CAPACITEIT_MAX_FTE_PER_PERSOON", "1.2")
    monkeypatch.setenv("CAPACITEIT_MAX_AANLOOPTIJD_UUR", "168")
    monkeypatch.setenv("CAPACITEIT_MAX_VERGOEDING_EURO", "250000")
    assert Bounds.from_settings(Settings()) == Bounds(500, 1.2, 168, 250_000.0)


def test_without_environment_the_bounds_are_the_documented_defaults(monkeypatch):
    from capaciteit.bounds import Bounds

    for name in ("PERSONEN", "FTE_PER_PERSOON", "AANLOOPTIJD_UUR", "VERGOEDING_EURO"):
        monkeypatch.delenv(f"CAPACITEIT_MAX_{name}", raising=False)
    assert Bounds.from_settings(Settings()) == Bounds() == Bounds(100_000, 1.5, 720, 1e7)


@pytest.mark.parametrize(("variable", "value"), [
    ("CAPACITEIT_MAX_PERSONEN", "2147483648"),  # beyond PostgreSQL's integer column
    ("CAPACITEIT_MAX_PERSONEN", "0"),
    ("CAPACITEIT_MAX_FTE_PER_PERSOON", "inf"),
    ("CAPACITEIT_MAX_AANLOOPTIJD_UUR", "-1"),
    ("CAPACITEIT_MAX_VERGOEDING_EURO", "nan"),
])
def test_a_bound_the_store_could_not_honour_is_refused_at_start(monkeypatch, variable, value):
    from pydantic import ValidationError

    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError):
        Settings()
