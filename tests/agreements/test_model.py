"""Agreements: the derived effective status, and every validation rule with its Dutch message.

Expected statuses and messages are written out here, not taken from the code.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from capaciteit.agreements.model import effective_status, with_effective_status
from capaciteit.agreements.rules import AgreementDraft, Catalogue, registered_persons, validate
from capaciteit.bounds import Bounds
from capaciteit.capacity.categories import default_categories
from capaciteit.storage.models import Agreement

TODAY = date(2026, 6, 15)
NAMES = {"VR01": "Groningen", "VR13": "Amsterdam-Amstelland"}
CATALOGUE = Catalogue(NAMES, default_categories())
DRAFT = AgreementDraft(
    region_code="VR13", partner_name="Gemeente Amsterdam", partner_type="gemeente",
    scopes=(("boa", None),), committed_persons=20, lead_time_hours=24,
    valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), status="getekend",
    compensation_eur=45.5, compensation_unit="per uur", contact_mailbox="crisis@amsterdam.nl")


# ---------------------------------------------------------------- effective status


@pytest.mark.parametrize("status, start, end, expected", [
    ("getekend", date(2026, 1, 1), date(2026, 12, 31), "geldig"),
    ("getekend", date(2026, 6, 15), date(2026, 6, 15), "geldig"),  # both ends inclusive
    ("getekend", date(2026, 1, 1), None, "geldig"),  # no end date: open-ended
    ("getekend", date(2026, 1, 1), date(2026, 6, 14), "verlopen"),  # ended yesterday
    ("getekend", date(2026, 6, 16), date(2026, 12, 31), "nog niet ingegaan"),  # tomorrow
    ("getekend", date(2026, 7, 1), None, "nog niet ingegaan"),  # next month
    ("concept", date(2026, 1, 1), date(2026, 12, 31), "concept"),
    ("in onderhandeling", date(2026, 1, 1), None, "in onderhandeling"),
    ("opgezegd", date(2026, 1, 1), date(2026, 12, 31), "opgezegd"),  # never geldig
    ("opgezegd", date(2025, 1, 1), date(2025, 12, 31), "opgezegd"),  # not 'verlopen'
])
def test_the_effective_status_follows_from_status_and_dates(status, start, end, expected):
    assert effective_status(status, start, end, TODAY) == expected


def test_the_effective_status_of_a_frame_reads_missing_end_dates_as_open():
    frame = pd.DataFrame({"status": ["getekend", "getekend", "concept"],
                          "valid_from": [date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 1)],
                          "valid_to": [None, pd.NaT, date(2026, 2, 1)]})
    assert with_effective_status(frame, TODAY)["effective_status"].tolist() == [
        "geldig", "geldig", "concept"]


# ---------------------------------------------------------------- validation


def messages(problems) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in problems]


def test_a_complete_draft_has_no_problems():
    assert validate(DRAFT, CATALOGUE) == ([], [])


def test_a_national_draft_is_valid():
    assert validate(replace(DRAFT, region_code="landelijk"), CATALOGUE) == ([], [])


@pytest.mark.parametrize("change, field, message", [
    ({"valid_to": date(2025, 12, 1)}, "valid_to",
     "de einddatum 1 december 2025 ligt vóór de begindatum 1 januari 2026"),
    ({"committed_persons": -3}, "committed_persons", "-3 is negatief; vul 0 of meer in"),
    ({"lead_time_hours": -1}, "lead_time_hours", "-1 is negatief; vul 0 of meer in"),
    ({"compensation_eur": -12.5}, "compensation_eur", "-12,50 is negatief; vul 0 of meer in"),
    ({"committed_persons": 2.5}, "committed_persons", "2,50 is geen geheel getal"),
    ({"scopes": (("brandweer", None),)}, "scopes",
     "'brandweer' is geen bekende categorie; kies uit: boa, vrijwillige-politie, "
     "inspectiedienst, particuliere-beveiliging, defensie"),
    ({"scopes": (("boa", "nvwa"),)}, "scopes",
     "'nvwa' is geen subcategorie van deze categorie; kies uit: domein-1, domein-2, domein-3, "
     "domein-4, domein-5, domein-6"),
    ({"region_code": "VR99"}, "region_code",
     "'VR99' is geen veiligheidsregio; kies een code (VR01–VR25), een naam of 'landelijk'"),
    ({"partner_type": "bedrijf"}, "partner_type",
     "'bedrijf' is geen soort partner; kies uit: gemeente, sectororganisatie, "
     "inspectiedienst, politie, defensie, overig"),
    ({"status": "actief"}, "status",
     "'actief' is geen status; kies uit: concept, in onderhandeling, getekend, opgezegd"),
    ({"compensation_unit": "per week"}, "compensation_unit",
     "'per week' is geen eenheid; kies uit: per uur, per dienst, per persoon per dag, "
     "vast bedrag, geen vergoeding"),
    ({"contact_mailbox": "crisis-at-amsterdam"}, "contact_mailbox",
     "'crisis-at-amsterdam' is geen e-mailadres"),
    ({"partner_name": "x" * 256}, "partner_name", "is 256 tekens; de grens is 255"),
    ({"region_code": None}, "region_code", "kies een veiligheidsregio of 'landelijk'"),
    ({"partner_name": ""}, "partner_name", "de naam van de partner is niet ingevuld"),
    ({"scopes": ()}, "scopes", "kies ten minste één categorie of subcategorie"),
    ({"committed_persons": None}, "committed_persons", "is niet ingevuld"),
    ({"valid_from": None}, "valid_from", "is niet ingevuld"),
    # impossible numbers and unstorable texts (issue 10)
    ({"committed_persons": float("inf")}, "committed_persons", "'inf' is geen getal"),
    ({"committed_persons": float("nan")}, "committed_persons", "'nan' is geen getal"),
    ({"committed_persons": 1e30}, "committed_persons",
     "1e+30 is meer dan de grens van 100.000"),
    ({"committed_persons": 2**31}, "committed_persons",
     "2.147.483.648 is meer dan de grens van 100.000"),
    ({"committed_persons": 100_001}, "committed_persons",
     "100.001 is meer dan de grens van 100.000"),
    ({"lead_time_hours": float("-inf")}, "lead_time_hours", "'-inf' is geen getal"),
    ({"lead_time_hours": 721}, "lead_time_hours", "721 is meer dan de grens van 720"),
    ({"compensation_eur": float("inf")}, "compensation_eur", "'inf' is geen getal"),
    ({"compensation_eur": 1e308}, "compensation_eur",
     "1e+308 is meer dan de grens van 10.000.000"),
    ({"compensation_eur": 10_000_000.01}, "compensation_eur",
     "10.000.000,01 is meer dan de grens van 10.000.000"),
    ({"partner_id": "1" * 65}, "partner_id", "is 65 tekens; de grens is 64"),
    ({"partner_name": "\U0001f693" * 256}, "partner_name", "is 256 tekens; de grens is 255"),
    ({"partner_name": "Gemeente\x00Amsterdam"}, "partner_name",
     "bevat een stuurteken (U+0000) dat niet kan worden opgeslagen; verwijder het"),
    ({"contact_person": "J.\tJansen"}, "contact_person",
     "bevat een stuurteken (U+0009) dat niet kan worden opgeslagen; verwijder het"),
    ({"contact_mailbox": "c" * 309 + "@amsterdam.nl"}, "contact_mailbox",
     "is 322 tekens; de grens is 320"),
    ({"powers": "toezicht\x1b[0m"}, "powers",
     "bevat een stuurteken (U+001B) dat niet kan worden opgeslagen; verwijder het"),
    ({"document_reference": "d" * 256}, "document_reference", "is 256 tekens; de grens is 255"),
])
def test_each_bad_value_gives_one_dutch_error_on_its_field(change, field, message):
    errors, warnings = validate(replace(DRAFT, **change), CATALOGUE)
    assert messages(errors) == [(field, message)]
    assert warnings == []


@pytest.mark.parametrize("change", [
    {"committed_persons": 100_000}, {"lead_time_hours": 720}, {"compensation_eur": 10_000_000},
    {"committed_persons": 0}, {"partner_name": "\U0001f693" * 255},
    {"partner_name": "e\u0301" * 127 + "e"}, {"partner_id": "1" * 64},
    {"powers": "toezicht;\ntoegangscontrole\tin het OV"},
    {"activation_trigger": "op verzoek\r\nvan de voorzitter"}])
def test_values_at_their_bounds_and_multi_line_texts_are_valid(change):
    assert validate(replace(DRAFT, **change), CATALOGUE) == ([], [])


@pytest.mark.parametrize("field", ["partner_name", "partner_id", "payer", "document_reference",
                                   "contact_person"])
def test_a_text_may_be_as_long_as_its_database_column_and_no_longer(field):
    """One source of truth: the model's String(n), not a list of its own."""
    length = Agreement.__table__.c[field].type.length
    assert validate(replace(DRAFT, **{field: "x" * length}), CATALOGUE) == ([], [])
    errors, _ = validate(replace(DRAFT, **{field: "x" * (length + 1)}), CATALOGUE)
    assert messages(errors) == [(field, f"is {length + 1} tekens; de grens is {length}")]


def test_the_bounds_come_from_the_catalogue():
    catalogue = Catalogue(NAMES, default_categories(),
                          Bounds(max_persons=10, max_lead_time_hours=48, max_compensation_eur=50))
    draft = replace(DRAFT, committed_persons=11, lead_time_hours=49, compensation_eur=50.5)
    errors, _ = validate(draft, catalogue)
    assert messages(errors) == [
        ("committed_persons", "11 is meer dan de grens van 10"),
        ("lead_time_hours", "49 is meer dan de grens van 48"),
        ("compensation_eur", "50,50 is meer dan de grens van 50")]


def test_a_half_filled_draft_names_every_missing_field():
    half = AgreementDraft(region_code=None, partner_name="Stichting X", partner_type="",
                          scopes=(), committed_persons=None, lead_time_hours=None,
                          valid_from=None, status="concept")
    errors, _ = validate(half, CATALOGUE)
    assert [p.field for p in errors] == ["region_code", "partner_type", "scopes",
                                         "committed_persons", "lead_time_hours", "valid_from"]


# ---------------------------------------------------------------- the capacity warning


CAPACITY = pd.DataFrame([
    # region, category, subcategory, persons (current summary rows; may repeat per gemeente)
    ("VR13", "boa", "domein-1", 10), ("VR13", "boa", "domein-1", 5),
    ("VR13", "boa", "domein-4", 7), ("VR13", "defensie", "bijstand", 40),
    ("VR01", "boa", "domein-1", 100),
], columns=["region_code", "category", "subcategory", "persons"])


@pytest.mark.parametrize("region, scopes, expected", [
    ("VR13", (("boa", None),), 10 + 5 + 7),
    ("VR13", (("boa", "domein-1"),), 10 + 5),
    ("VR13", (("boa", None), ("boa", "domein-1")), 10 + 5 + 7),  # overlap counted once
    ("VR13", (("boa", "domein-4"), ("defensie", None)), 7 + 40),
    (None, (("boa", None),), 10 + 5 + 7 + 100),  # national: every region
    ("VR01", (("defensie", None),), 0),
])
def test_registered_persons_sums_each_person_in_scope_once(region, scopes, expected):
    assert registered_persons(CAPACITY, region, scopes) == expected


def test_committing_more_than_registered_warns_with_both_figures():
    errors, warnings = validate(replace(DRAFT, committed_persons=23), CATALOGUE, CAPACITY)
    assert errors == []
    assert messages(warnings) == [(
        "committed_persons",
        "23 toegezegde personen is meer dan de geregistreerde capaciteit in "
        "Amsterdam-Amstelland (VR13) voor Boa's: 22 personen")]


def test_committing_exactly_the_registered_capacity_does_not_warn():
    assert validate(replace(DRAFT, committed_persons=22), CATALOGUE, CAPACITY) == ([], [])


def test_a_national_agreement_is_compared_with_the_national_capacity():
    draft = replace(DRAFT, region_code="landelijk", scopes=(("boa", "domein-1"),),
                    committed_persons=116)
    _, warnings = validate(draft, CATALOGUE, CAPACITY)
    assert messages(warnings) == [(
        "committed_persons", "116 toegezegde personen is meer dan de geregistreerde "
        "capaciteit in heel Nederland voor Boa's / Domein I Openbare ruimte: 115 personen")]


def test_no_capacity_warning_while_the_scope_itself_is_wrong():
    draft = replace(DRAFT, scopes=(("brandweer", None),), committed_persons=500)
    errors, warnings = validate(draft, CATALOGUE, CAPACITY)
    assert [p.field for p in errors] == ["scopes"]
    assert warnings == []
