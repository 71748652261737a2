"""The closure-measure editor on the Inzetbaar page (lokale modus: the local beheerder)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from capaciteit import texts
from capaciteit.deployment.measure_store import load_measures
from capaciteit.settings import get_settings
from capaciteit.storage.engine import prepare_database
from pages._measure_editor import edited_rows
from tests.pages import test_pages
from tests.pages.support import run_ok, values
from tests.pages.test_inzetbaar_page import open_page

demo_data = test_pages.demo_data
SHOWN = pd.DataFrame({"scope": ["Boa's – Domein III Onderwijs", "Boa's (alle)"],
                      "percent": [80.0, 10.0]})


@pytest.mark.parametrize(("edits", "rows"), [
    ({}, [("Boa's – Domein III Onderwijs", 80.0), ("Boa's (alle)", 10.0)]),
    ({"edited_rows": {"1": {"percent": 25}}},
     [("Boa's – Domein III Onderwijs", 80.0), ("Boa's (alle)", 25.0)]),
    ({"deleted_rows": [0], "added_rows": [{"scope": "Defensie (alle)", "percent": 5}]},
     [("Boa's (alle)", 10.0), ("Defensie (alle)", 5.0)]),
    ({"added_rows": [{"percent": 5}]},  # no (sub)categorie chosen: not a release
     [("Boa's – Domein III Onderwijs", 80.0), ("Boa's (alle)", 10.0)]),
])
def test_the_editor_reads_edited_added_and_deleted_release_rows(edits, rows):
    assert edited_rows(SHOWN, edits) == rows


def test_a_missing_percentage_is_read_as_not_a_number_and_refused_later():
    (_, percent), = edited_rows(SHOWN.iloc[:0], {"added_rows": [{"scope": "Boa's (alle)"}]})
    assert math.isnan(percent)


def stored_schools():
    engine = prepare_database(get_settings().effective_database_url)
    try:
        return next(m for m in load_measures(engine, include_inactive=True)
                    if m.code == "scholen-gesloten")
    finally:
        engine.dispose()


def test_a_beheerder_saves_a_measure_and_an_empty_assumption_is_refused(demo_data):
    at = open_page(regio="VR13")
    run_ok(at.selectbox(key="measure_choice").set_value("scholen-gesloten"))
    at.text_area(key="measure_scholen-gesloten_assumption").input(" ")
    form = "measure_form_scholen-gesloten"
    run_ok(next(b for b in at.button if b.form_id == form).click())
    refusal = texts.MEASURE_REFUSED.format(fouten=texts.MEASURE_NO_ASSUMPTION)
    assert refusal in values(at.error)
    before = stored_schools()
    assert before.assumption.strip()
    at.text_area(key="measure_scholen-gesloten_assumption").input("Leerplicht ligt stil.")
    run_ok(next(b for b in at.button if b.form_id == form).click())
    assert texts.MEASURE_SAVED.format(naam=before.name) in values(at.success)
    after = stored_schools()
    assert after.assumption == "Leerplicht ligt stil." and after.releases == before.releases
