import re
from pathlib import Path

import pytest

from capaciteit.settings import Settings, environment_names

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
SETTINGS_TABLE = README.split("## Settings", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme_with_its_variable_and_field(field):
    documented = environment_names(field)[0]
    assert re.search(rf"^\| `{documented}` \| `{field}` \|", SETTINGS_TABLE, re.M), \
        f"{field} undocumented"


def test_every_variable_in_the_readme_table_is_a_setting():
    known = {name for field in Settings.model_fields for name in environment_names(field)}
    listed = set(re.findall(r"^\| `([A-Z_]+)` \|", SETTINGS_TABLE, re.M))
    assert listed and listed <= known, listed - known


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_setting_names_are_english_and_their_variables_keep_the_documented_names(field):
    assert re.fullmatch(r"[a-z_]+", field)
    assert not re.search(r"gebied|jaar|bestand|kaart|regels|groep|rollen|dagen", field)
    assert all(name.isupper() for name in environment_names(field))


@pytest.mark.parametrize("variable, value, field, expected", [
    ("CAPACITEIT_GEBIEDEN_BRON", "/srv/gebieden", "boundaries_source", "/srv/gebieden"),
    ("CAPACITEIT_GEBIEDEN_JAAR", "2023", "boundaries_year", 2023),
    ("CAPACITEIT_CATEGORIEEN_BESTAND", "eigen.toml", "categories_file", Path("eigen.toml")),
    ("CAPACITEIT_ACHTERGRONDKAART", "true", "basemap", True),
    ("CAPACITEIT_MAX_REGELS", "12", "max_rows", 12),
    ("CAPACITEIT_GROEPEN_ROLLEN", '{"vr13": "regio-invoerder:VR13"}', "group_roles",
     {"vr13": "regio-invoerder:VR13"}),
    ("CAPACITEIT_VEROUDERD_NA_DAGEN", "30", "stale_after_days", 30),
])
def test_the_documented_variables_set_the_english_fields(monkeypatch, variable, value, field,
                                                         expected):
    monkeypatch.setenv(variable, value)
    assert getattr(Settings(), field) == expected


def test_an_english_field_name_in_the_environment_sets_nothing(monkeypatch):
    monkeypatch.setenv("CAPACITEIT_BOUNDARIES_SOURCE", "/elders")
    monkeypatch.setenv("BOUNDARIES_SOURCE", "/elders")
    monkeypatch.delenv("CAPACITEIT_GEBIEDEN_BRON", raising=False)
    assert Settings().boundaries_source is None


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
