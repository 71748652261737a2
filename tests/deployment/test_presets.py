"""Presets (veelgestelde vragen): reference data, seeding on first use, editing with an actor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from capaciteit.access.permissions import local_admin
from capaciteit.capacity.categories import default_categories, powers
from capaciteit.deployment.presets import (
    SEED_ACTOR,
    Preset,
    PresetError,
    load_presets,
    preset_problems,
    reference_presets,
    save_preset,
)
from capaciteit.storage.models import StoredPreset

CATEGORIES = default_categories()


def test_every_reference_preset_is_valid_and_names_known_powers():
    known = {p.name for p in powers()}
    for preset in reference_presets():
        assert preset_problems(preset, CATEGORIES) == [], preset.code
        assert set(preset.powers) <= known, preset.code


def test_the_pandemic_presets_ask_what_the_crisis_teams_asked():
    by_code = {p.code: p for p in reference_presets()}
    assert by_code["mondkapjes-ov"].scopes == (("boa", "domein-4"),)
    assert by_code["mondkapjes-ov"].powers == ("Handhaving mondkapjesplicht OV",)
    assert set(by_code["evenementen"].scopes) == {
        ("particuliere-beveiliging", "evenementen"),
        ("boa", "domein-1"),
    }
    assert "toegangsbewijs-horeca" in by_code


def test_presets_are_seeded_from_the_reference_list_on_first_use(engine):
    presets = load_presets(engine)
    assert [p.code for p in presets] == [p.code for p in reference_presets()]
    with engine.connect() as conn:
        actors = set(conn.execute(select(StoredPreset.updated_by)).scalars())
    assert actors == {SEED_ACTOR}
    assert load_presets(engine) == presets  # the second use seeds nothing more


def test_an_administrator_changes_a_preset_and_is_recorded(engine):
    original = load_presets(engine)[0]
    changed = Preset(
        original.code,
        "Mondkapjes OV en stations",
        "Ook stations.",
        original.scopes,
        (*original.powers, " Toegangscontrole "),
        72,
        original.position,
    )
    moment = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    save_preset(
        engine, changed, actor=local_admin("beheerder@vr13.nl"), categories=CATEGORIES, now=moment
    )
    stored = {p.code: p for p in load_presets(engine)}[original.code]
    assert (stored.name, stored.hours) == ("Mondkapjes OV en stations", 72)
    assert stored.powers == ("Handhaving mondkapjesplicht OV", "Toegangscontrole")
    with engine.connect() as conn:
        row = conn.execute(
            select(StoredPreset.updated_by, StoredPreset.updated_at).where(
                StoredPreset.code == original.code
            )
        ).one()
    assert row.updated_by == "beheerder@vr13.nl"
    assert row.updated_at.replace(tzinfo=UTC) == moment


def test_a_new_preset_is_added_and_an_inactive_one_is_hidden(engine):
    new = Preset(
        "handhaving-markten", "Toezicht op markten", "", (("boa", "domein-1"),), (), 24, position=9
    )
    save_preset(engine, new, actor=local_admin("beheerder"), categories=CATEGORIES)
    assert "handhaving-markten" in [p.code for p in load_presets(engine)]
    save_preset(
        engine,
        Preset(**{**new.__dict__, "active": False}),
        actor=local_admin("beheerder"),
        categories=CATEGORIES,
    )
    assert "handhaving-markten" not in [p.code for p in load_presets(engine)]
    assert "handhaving-markten" in [p.code for p in load_presets(engine, include_inactive=True)]


def test_when_every_preset_is_inactive_the_reference_list_is_not_seeded_again(engine):
    for preset in load_presets(engine):
        save_preset(
            engine,
            Preset(**{**preset.__dict__, "active": False}),
            actor=local_admin("beheerder"),
            categories=CATEGORIES,
        )
    assert load_presets(engine) == []


@pytest.mark.parametrize(
    "preset, fragment",
    [
        (Preset("Met Hoofdletters", "x", "", (("boa", None),), (), 24), "mag alleen kleine"),
        (Preset("leeg", " ", "", (("boa", None),), (), 24), "naam is leeg"),
        (Preset("niets", "Niets", "", (), (), 24), "ten minste een categorie"),
        (Preset("onbekend", "X", "", (("boa", "domein-9"),), (), 24), "'boa/domein-9'"),
        (Preset("uren", "X", "", (("boa", None),), (), 48), "48 uur"),
    ],
)
def test_an_invalid_preset_is_refused_and_nothing_is_stored(engine, preset, fragment):
    with pytest.raises(PresetError, match=fragment):
        save_preset(engine, preset, actor=local_admin("beheerder"), categories=CATEGORIES)
    codes = [p.code for p in load_presets(engine, include_inactive=True)]
    assert preset.code not in codes


# --- values the question_preset table can hold, on both stores (issue 10) ----------------

BASE = Preset("grenzen", "Grenzen", "", (("boa", None),), (), 24)
PRESET_CASES = [
    ("name of 255 emoji", {"name": "\U0001f6a8" * 255}, None),
    ("name of 256", {"name": "n" * 256}, "de naam is 256 tekens; de grens is 255"),
    ("name with NUL", {"name": "Mond\x00kapjes"},
     "de naam bevat een stuurteken (U+0000) dat niet kan worden opgeslagen"),
    ("description over lines", {"description": "Regel 1\nRegel 2\tmet tab"}, None),
    ("description with NUL", {"description": "zie\x00"},
     "de omschrijving bevat een stuurteken (U+0000)"),
    ("power with escape", {"powers": ("Toegangscontrole\x1b",)},
     "een bevoegdheid bevat een stuurteken (U+001B)"),
    ("position 9,999", {"position": 9_999}, None),
    ("position int32 max + 1", {"position": 2**31},
     "volgorde 2147483648 ligt niet tussen 0 en 9999"),
    ("position -1", {"position": -1}, "volgorde -1 ligt niet tussen 0 en 9999"),
    ("code with a newline", {"code": "grenzen\n"}, "mag alleen kleine"),
]


def test_a_preset_is_refused_or_stored_as_entered(engine, subtests):
    for name, change, refusal in PRESET_CASES:
        with subtests.test(name):
            preset = Preset(**{**BASE.__dict__, **change})
            if refusal:
                with pytest.raises(PresetError, match=refusal.replace("(", r"\(").replace(
                        ")", r"\)").replace("+", r"\+")):
                    save_preset(engine, preset, actor=local_admin("beheerder"),
                                categories=CATEGORIES)
                stored = [p for p in load_presets(engine, include_inactive=True)
                          if p.code == preset.code]
                assert all(getattr(p, k) != v for p in stored for k, v in change.items())
            else:
                save_preset(engine, preset, actor=local_admin("beheerder"),
                            categories=CATEGORIES)
                stored = {p.code: p for p in load_presets(engine)}[preset.code]
                assert stored == preset
