"""What the Inzetbaar page shows and shares: sentences, the map, the xlsx and the print view."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from capaciteit.capacity.categories import default_categories
from capaciteit.deployment.view import (
    answer_sentences,
    answer_workbook,
    print_page,
    question_line,
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
MADE_AT = datetime(2026, 11, 25, 14, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))


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


def test_the_shortfall_is_stated_plainly_with_dutch_numbers():
    lines = answer_sentences(example_answer(), NAMES, 180)
    assert lines[0] == ("**Tekort: 266 personen.** Binnen 24 uur zijn 1.234 van de 1.500 "
                        "gevraagde personen inzetbaar; 1.000 daarvan vallen onder een geldige "
                        "afspraak.")
    assert "tekort 500" in lines[1]
    assert any("Verouderde gegevens" in line and "Midden" in line for line in lines)
    assert any("Zonder gegevens" in line and "Zuid" in line for line in lines)


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


def test_the_print_view_has_the_moment_the_question_the_answer_and_the_freshness():
    answer = example_answer()
    page = print_page(answer, answer_sentences(answer, NAMES, 180), "De vraag <script>",
                      MADE_AT, ["Fictieve demogegevens"])
    assert "Opgesteld op 25 november 2026 14:05" in page
    assert "De vraag &lt;script&gt;" in page and "<script>" not in page
    assert "<strong>Tekort: 266 personen.</strong>" in page
    assert "peildatum 1 januari 2025" in page and "(verouderd)" in page
    assert "@media print" in page
    assert page.count("<tr>") == 1 + 3 + 1 + 1  # suppliers head + 3 rows, agreements head + 1
    assert "geen gegevens" in page  # VR03 has no data: not a zero


def test_the_export_has_suppliers_agreements_and_the_question():
    answer = example_answer()
    content = answer_workbook(answer, answer_sentences(answer, NAMES, 180), "De vraag",
                              MADE_AT, [])
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, engine="calamine")
    assert list(sheets) == ["Leveranciers", "Afspraken", "Toelichting"]
    suppliers = sheets["Leveranciers"]
    assert suppliers["Inzetbaar"].tolist()[:2] == [1000, 234]
    assert suppliers["Onder afspraak"].tolist()[:2] == [1000, 0]
    assert sheets["Afspraken"]["Activeringstijd (uur)"].tolist() == [36]
    assert sheets["Afspraken"]["Langer dan termijn"].tolist() == ["ja"]
    notes = sheets["Toelichting"]["Toelichting"].tolist()
    assert notes[0] == "Vraag: De vraag"
    assert any(n.startswith("Tekort: 266 personen.") for n in notes)


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
