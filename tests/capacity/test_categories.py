"""Categories, horizons and powers are reference data, read from TOML."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from capaciteit.capacity.categories import (
    categories_frame,
    category_names,
    default_categories,
    horizons,
    load_categories,
    powers,
)

REFERENCE = Path(__file__).resolve().parents[2] / "src" / "capaciteit" / "reference"
BUILT_IN = {
    "boa": ["domein-1", "domein-2", "domein-3", "domein-4", "domein-5", "domein-6"],
    "vrijwillige-politie": ["vrijwillige-politie"],
    "inspectiedienst": ["nvwa", "ilt", "nla", "igj", "inspectie-overig"],
    "particuliere-beveiliging": ["musea", "bibliotheken", "evenementen", "beveiliging-overig"],
    "defensie": ["bijstand"],
}


def test_the_built_in_list_has_the_five_categories_in_order():
    assert [c.code for c in default_categories()] == list(BUILT_IN)


def reference_data(name: str) -> dict:
    """A reference TOML file as written, read here with tomllib (not by the app's loader)."""
    return tomllib.loads((REFERENCE / name).read_text("utf-8"))


@pytest.mark.parametrize(("code", "subcategories"), BUILT_IN.items())
def test_each_built_in_category_has_its_subcategories(code, subcategories):
    category = {c.code: c for c in default_categories()}[code]
    written = {c["code"]: c for c in reference_data("categorieen.toml")["categorie"]}[code]
    assert category.subcategory_codes() == subcategories
    assert (category.name, category.description) == (written["naam"], written["omschrijving"])
    assert [(s.code, s.name) for s in category.subcategories] == [
        (s["code"], s["naam"]) for s in written["subcategorieen"]]


@pytest.mark.parametrize(("subcategory", "name"), [
    ("domein-1", "Domein I Openbare ruimte"),
    ("domein-6", "Domein VI Generieke opsporing"),
    ("nvwa", "NVWA"),
    ("igj", "IGJ"),
    ("musea", "Musea"),
    ("bijstand", "Militaire bijstand"),
])
def test_subcategories_have_their_dutch_names(subcategory, name):
    frame = categories_frame(default_categories()).set_index("subcategory")
    assert frame.loc[subcategory, "subcategory_name"] == name


def test_categories_frame_has_one_row_per_subcategory():
    frame = categories_frame(default_categories())
    assert len(frame) == sum(len(v) for v in BUILT_IN.values())
    assert list(frame.columns) == ["category", "category_name", "subcategory",
                                   "subcategory_name"]
    assert category_names(default_categories())["boa"] == "Boa's"


CUSTOM = """
[[categorie]]
code = "boa"
naam = "Boa's"
subcategorieen = [{ code = "domein-1", naam = "Domein I" }]

[[categorie]]
code = "brandwacht"
naam = "Brandwachten"
omschrijving = "Brandwachten bij evenementen"
subcategorieen = [
    { code = "brandwacht-evenement", naam = "Evenementen" },
    { code = "brandwacht-overig", naam = "Overig" },
]
"""


def test_a_custom_toml_file_adds_a_category_without_code_changes(tmp_path: Path):
    path = tmp_path / "categorieen.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    categories = load_categories(path)
    assert [c.code for c in categories] == ["boa", "brandwacht"]
    added = categories[1]
    assert (added.name, added.description) == ("Brandwachten", "Brandwachten bij evenementen")
    assert added.subcategory_codes() == ["brandwacht-evenement", "brandwacht-overig"]
    assert categories[0].description == ""
    assert categories_frame(categories)["subcategory"].tolist() == [
        "domein-1", "brandwacht-evenement", "brandwacht-overig"]


@pytest.mark.parametrize(("text", "message"), [
    ("""
[[categorie]]
code = "boa"
naam = "A"
subcategorieen = [{ code = "a", naam = "A" }]
[[categorie]]
code = "boa"
naam = "B"
subcategorieen = [{ code = "b", naam = "B" }]
""", "Dubbele categoriecodes in de categorieën: boa"),
    ("""
[[categorie]]
code = "boa"
naam = "A"
subcategorieen = [{ code = "overig", naam = "A" }]
[[categorie]]
code = "defensie"
naam = "B"
subcategorieen = [{ code = "overig", naam = "B" }]
""", "Dubbele subcategoriecodes in de categorieën: overig"),
])
def test_duplicate_codes_are_refused(tmp_path: Path, text, message):
    path = tmp_path / "categorieen.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_categories(path)


def test_the_built_in_codes_are_unique():
    frame = categories_frame(default_categories())
    assert frame["subcategory"].is_unique
    assert len({c.code for c in default_categories()}) == len(default_categories())


def test_deployability_horizons_are_a_day_three_days_and_a_week():
    assert [(h.hours, h.name) for h in horizons()] == [
        (24, "binnen 24 uur"), (72, "binnen 72 uur"), (168, "binnen een week")]


def test_powers_load_as_written_with_unique_codes_and_known_categories():
    loaded = powers()
    written = reference_data("bevoegdheden.toml")["bevoegdheid"]
    known = {c.code for c in default_categories()}
    assert [(p.code, p.name, p.categories) for p in loaded] == [
        (w["code"], w["naam"], tuple(w.get("categorieen", ()))) for w in written]
    assert len({p.code for p in loaded}) == len(loaded) == len(written)
    assert all(set(p.categories) <= known for p in loaded)
    assert {"noodverordening", "proces-verbaal"} <= {p.code for p in loaded}


@pytest.mark.parametrize("category", list(BUILT_IN))
def test_every_category_has_at_least_one_fitting_power(category):
    assert any(category in p.categories for p in powers())
