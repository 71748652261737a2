"""Stored closure measures and presets carrying them: seeded, edited as new versions, audited.

Runs on SQLite and PostgreSQL (the ``engine`` fixture).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from capaciteit import texts
from capaciteit.access import audit, roles
from capaciteit.access.permissions import AccessDenied, User, local_admin
from capaciteit.capacity.categories import default_categories
from capaciteit.deployment.measure_store import (
    SEED_ACTOR,
    MeasureError,
    load_measures,
    measure_history,
    save_measure,
)
from capaciteit.deployment.measures import Measure, Release, reference_measures
from capaciteit.deployment.presets import PresetError, load_presets, save_preset
from capaciteit.storage.models import StoredMeasure

CATEGORIES = default_categories()
ADMIN = local_admin("beheer@rijk.nl")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def versions(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(StoredMeasure)).scalar_one())


def test_measures_are_seeded_from_the_reference_list_once(engine):
    measures = load_measures(engine)
    assert measures == list(reference_measures())
    assert load_measures(engine) == measures
    assert versions(engine) == len(reference_measures())
    with engine.connect() as conn:
        assert set(measure_history(conn, "scholen-gesloten")["saved_by"]) == {SEED_ACTOR}


def test_an_edit_is_a_new_version_and_the_earlier_wording_stays(engine):
    schools = next(m for m in load_measures(engine) if m.code == "scholen-gesloten")
    changed = replace(schools, assumption="Leerplicht ligt stil; aanname: 60% komt vrij.",
                      releases=(Release("boa", "domein-3", 0.6),))
    save_measure(engine, changed, actor=ADMIN, categories=CATEGORIES, now=NOW)
    save_measure(engine, replace(changed, active=False), actor=ADMIN, categories=CATEGORIES,
                 now=NOW + timedelta(minutes=1))
    assert "scholen-gesloten" not in {m.code for m in load_measures(engine)}
    current = {m.code: m for m in load_measures(engine, include_inactive=True)}
    assert current["scholen-gesloten"].releases == (Release("boa", "domein-3", 0.6),)
    with engine.connect() as conn:
        history = measure_history(conn, "scholen-gesloten")
        events = audit.events(conn)
    assert list(history["active"]) == [False, True, True]
    assert list(history["assumption"])[-1] == schools.assumption
    assert list(history["saved_by"]) == [ADMIN.label, ADMIN.label, SEED_ACTOR]
    saved = events[events["action"] == "maatregel_opgeslagen"]
    assert list(saved["object_id"]) == ["scholen-gesloten"] * 2


def test_a_new_measure_is_added_beside_the_reference_ones(engine):
    theatre = Measure("theaters-gesloten", " Theaters gesloten ", "Zaalwachten; 50% vrij.",
                      (Release("particuliere-beveiliging", "beveiliging-overig", 0.5),),
                      position=9)
    save_measure(engine, theatre, actor=ADMIN, categories=CATEGORIES, now=NOW)
    by_code = {m.code: m for m in load_measures(engine)}
    assert by_code["theaters-gesloten"].name == "Theaters gesloten"
    assert len(by_code) == len(reference_measures()) + 1


@pytest.mark.parametrize(("change", "problem"), [
    ({"releases": (Release("boa", "domein-9", 0.5),)},
     texts.MEASURE_UNKNOWN_SCOPE.format(scope="boa/domein-9")),
    ({"releases": (Release("boa", "domein-3", 0.0),)},
     texts.MEASURE_BAD_FRACTION.format(scope="boa/domein-3")),
    ({"assumption": "  "}, texts.MEASURE_NO_ASSUMPTION),
    ({"name": "a\x00b"}, "stuurteken"),
    ({"position": -1}, "volgorde -1"),
])
def test_a_bad_measure_is_refused_in_dutch_and_nothing_is_stored(engine, change, problem):
    schools = next(m for m in load_measures(engine) if m.code == "scholen-gesloten")
    before = versions(engine)
    with pytest.raises(MeasureError, match=re.escape(problem)):
        save_measure(engine, replace(schools, **change), actor=ADMIN, categories=CATEGORIES)
    assert versions(engine) == before
    assert next(m for m in load_measures(engine) if m.code == "scholen-gesloten") == schools


def test_only_a_beheerder_edits_measures_and_a_refusal_is_audited(engine):
    roles.grant(engine, ADMIN, "lezer@rijk.nl", "lezer")
    reader = User("lezer@rijk.nl")
    schools = next(m for m in load_measures(engine) if m.code == "scholen-gesloten")
    before = versions(engine)
    with pytest.raises(AccessDenied):
        save_measure(engine, replace(schools, name="Anders"), actor=reader,
                     categories=CATEGORIES)
    assert versions(engine) == before
    with engine.connect() as conn:
        events = audit.events(conn)
    assert "lezer@rijk.nl" in set(events.loc[events["action"] == "geweigerd", "actor"])


def test_stored_measure_versions_cannot_be_rewritten(engine):
    load_measures(engine)
    for statement in ["UPDATE closure_measure_version SET name = 'x'",
                      "DELETE FROM closure_measure_version"]:
        with pytest.raises(DBAPIError, match="versies van een maatregel"):
            with engine.begin() as conn:
                conn.execute(text(statement))
    assert versions(engine) == len(reference_measures())


def test_a_preset_carries_measures_and_an_unknown_one_is_refused(engine):
    lockdown = next(p for p in load_presets(engine) if p.code == "noodverordening-lockdown")
    assert "scholen-gesloten" in lockdown.measures
    first = load_presets(engine)[0]
    save_preset(engine, replace(first, measures=("musea-gesloten",)), actor=ADMIN,
                categories=CATEGORIES)
    assert load_presets(engine)[0].measures == ("musea-gesloten",)
    with pytest.raises(PresetError, match="'bestaat-niet' is geen bekende maatregel"):
        save_preset(engine, replace(first, measures=("bestaat-niet",)), actor=ADMIN,
                    categories=CATEGORIES)
    assert load_presets(engine)[0].measures == ("musea-gesloten",)
    with engine.connect() as conn:
        events = audit.events(conn)
    saved = events[events["action"] == "veelgestelde_vraag_opgeslagen"]
    assert saved["details"].iloc[-1]["maatregelen"] == ["musea-gesloten"]
