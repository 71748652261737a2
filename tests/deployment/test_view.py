"""What the Inzetbaar page shows: the verdict, the question line, the tables, the map."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pandas as pd

from capaciteit.capacity.categories import default_categories
from capaciteit.deployment.view import (
    agreement_view,
    answer_sentences,
    caller_view,
    format_money,
    question_line,
    rate_text,
    scope_keys,
    scope_options,
    scopes_from_keys,
)
from capaciteit.geo.maps import build_supply_map
from tests.deployment.test_answer import (
    CHAIN,
    SCOPE_COLUMNS,
    Question,
    agreement,
    ask,
    record,
    records_frame,
    versions_for,
)

NAMES = {"VR01": "Noord", "VR02": "Midden", "VR03": "Zuid", "VR04": "Verweg"}


def example_answer():
    records = records_frame([record("VR01", 1000, organisation="Stad"),
                             record("VR02", 234, organisation="Buur")])
    versions = pd.concat([versions_for(["VR01"], "2026-11-01"),
                          versions_for(["VR02"], "2025-01-01")], ignore_index=True)
    agreements = pd.DataFrame([agreement(1, "VR01", "Stad", valid_to=None, lead_time=36)])
    scopes = pd.DataFrame([(1, "boa", None)], columns=SCOPE_COLUMNS)
    question = Question(("VR01",), 24, 1500, scopes=(("boa", "domein-4"),),
                        powers=(), search_area="tweede-ring")
    return ask(question, records, versions=versions, agreements=agreements, scopes=scopes)


def test_the_verdict_gives_both_readings_in_one_box_and_names_what_is_missing():
    lines = answer_sentences(example_answer(), NAMES, 180)
    assert lines[:3] == [
        "**Tekort: 266 personen.**",
        "Met alle inzetbare capaciteit: Binnen 24 uur zijn 1.234 van de 1.500 gevraagde "
        "personen inzetbaar, tekort 266.",
        "Alleen onder afspraak: 1.000 personen, tekort 500."]
    assert lines[3].startswith("Onvolledig: geen gegevens van 1 van 3 regio's (Zuid (VR03))")
    assert any("Verouderde gegevens" in line and "Midden" in line for line in lines)


def test_money_is_shown_exactly_to_the_cent():
    assert format_money(Decimal("65.5")) == "€ 65,50"
    assert format_money(Decimal("1234567")) == "€ 1.234.567,00"
    assert rate_text(65.5, "per uur") == "€ 65,50 per uur"
    assert rate_text(None, "per uur") == "geen afgesproken tarief"
    assert rate_text(None, "geen vergoeding") == "geen vergoeding"


def test_the_agreements_table_keeps_to_the_columns_a_page_holds():
    view = agreement_view(example_answer())
    assert list(view.columns) == ["Afspraak", "Leverende regio's", "Gedekt in dit antwoord",
                                  "Aanlooptijd", "Vergoeding", "Betaler", "Geldig tot"]
    assert view.iloc[0].tolist() == ["Stad (nr. 1)", "VR01", 1000, "36 uur (langer dan de termijn)",
                                     "€ 55,00 per uur", "Veiligheidsregio", ""]


def test_whom_to_call_shows_region_organisation_cover_and_lead_time():
    view = caller_view(example_answer())
    assert view[["Veiligheidsregio", "Organisatie", "Onder afspraak", "Aanlooptijd (uur)"]
                ].astype(object).fillna("").values.tolist() == [
        ["Regio 01 (VR01)", "Stad", "ja", 36], ["Regio 02 (VR02)", "Buur", "nee", ""]]


def test_the_question_line_names_targets_scopes_horizon_need_and_area():
    line = question_line(example_answer().question, NAMES, default_categories())
    assert line == ("Noord (VR01); Boa's – Domein IV Openbaar vervoer; geen bevoegdheden "
                    "vereist; binnen 24 uur; 1.500 personen; zoekgebied: plus tweede ring.")


def test_scope_keys_and_options_round_trip():
    scopes = (("boa", None), ("boa", "domein-4"))
    assert scopes_from_keys(scope_keys(scopes)) == scopes
    options = scope_options(default_categories())
    assert options["boa"] == "Boa's (alle)"
    assert options["particuliere-beveiliging/evenementen"].endswith("Evenementen")


def test_the_map_marks_targets_and_labels_suppliers_with_their_numbers():
    answer = example_answer()
    shapes = CHAIN.to_crs("EPSG:4326")
    html = build_supply_map(shapes, answer.suppliers, ["VR01"], legend_title="Inzetbare personen",
                            peildatum="Peildatum: 1 november 2026",
                            attributions=["bron"]).get_root().render()
    labels = re.findall(r'"html": "(.*?)",\s*"iconSize"', html)
    numbers = [json.loads(f'"{label}"') for label in labels]
    assert [re.sub(r"<[^>]+>", "", n) for n in numbers] == ["1.000", "234"]
    assert "#d7301f" in numbers[0] and "#d7301f" not in numbers[1]  # the target's label
    assert html.count('"doel": true') == 1
    assert "geen gegevens" in html       # VR03 searched, no data
    assert "buiten zoekgebied" in html   # VR04 outside the second ring
