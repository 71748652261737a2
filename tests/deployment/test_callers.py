"""Whom to call and the cost lines of the crisis answer, on the hand-made chain of regions.

Expected figures are written out by hand (helpers from tests/deployment/test_answer.py).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pandas as pd
import pytest

from capaciteit.agreements.model import SCOPE_COLUMNS
from capaciteit.deployment.answer import Question
from capaciteit.deployment.cost import CostLine, Duration, estimate_cost
from tests.deployment.test_answer import agreement, ask, record, records_frame, versions_for


def mailed(row: dict[str, object], mailbox: str, unit: str = "per uur") -> dict[str, object]:
    return {**row, "contact_mailbox": mailbox, "compensation_unit": unit}


RECORDS = records_frame([
    record("VR01", 15, organisation="Stadstoezicht Noord", organisation_id="KVK-1"),
    record("VR01", 4, organisation="Stadstoezicht Noord", organisation_id="KVK-1",
           subcategory="domein-1"),
    record("VR01", 3, organisation="Kleine Handhaving"),
    record("VR02", 6, organisation="Stadstoezicht Zuid"),
    record("VR02", 9, organisation="Beveiliging Zuid BV", category="particuliere-beveiliging",
           subcategory="evenementen"),
    record("VR03", 50, organisation="Ver Weg"),  # second ring: outside 'buren' of VR01
    record("VR02", 0, organisation="Niemand Inzetbaar"),
])
AGREEMENTS = pd.DataFrame([
    mailed(agreement(1, "VR01", "Stadstoezicht Noord", valid_to=None, lead_time=6),
           "crisis@noord.example"),
    mailed(agreement(2, None, "Sector boa", valid_to=None, lead_time=12,
                     partner_type="sectororganisatie", eur=40.25), "sector@boa.example",
           "per persoon per dag"),
    mailed(agreement(3, "VR02", "Stadstoezicht Zuid", valid_to="2026-01-01"), "oud@zuid.example"),
])
SCOPES = pd.DataFrame([(1, "boa", None), (2, "boa", "domein-4"), (3, "boa", None)],
                      columns=SCOPE_COLUMNS)
QUESTION = Question(("VR01",), 24, 30, search_area="buren")


def answer_for(question: Question = QUESTION):
    return ask(question, RECORDS, agreements=AGREEMENTS, scopes=SCOPES)


def test_whom_to_call_lists_each_organisation_per_region_nearest_first_largest_first():
    table = answer_for().organisations
    assert table[["region_code", "organisation", "organisation_id", "deployable_persons",
                  "covered_persons"]].values.tolist() == [
        ["VR01", "Stadstoezicht Noord", "KVK-1", 19, 19],
        ["VR01", "Kleine Handhaving", None, 3, 3],  # the sector agreement covers domein-4
        ["VR02", "Beveiliging Zuid BV", None, 9, 0],
        ["VR02", "Stadstoezicht Zuid", None, 6, 6],  # its own agreement expired; sector's not
    ]


def test_each_organisation_names_its_agreements_shortest_lead_time_and_mailboxes():
    table = answer_for().organisations.set_index("organisation")
    noord = table.loc["Stadstoezicht Noord"]
    assert noord["agreement_ids"] == [1, 2]
    assert noord["agreements"] == "Stadstoezicht Noord (nr. 1); Sector boa (nr. 2)"
    assert noord["lead_time_hours"] == 6
    assert noord["contact_mailbox"] == "crisis@noord.example, sector@boa.example"
    zuid = table.loc["Stadstoezicht Zuid"]
    assert (zuid["agreement_ids"], zuid["contact_mailbox"]) == ([2], "sector@boa.example")
    uncovered = table.loc["Beveiliging Zuid BV"]
    assert uncovered["agreement_ids"] == [] and uncovered["agreements"] == ""
    assert pd.isna(uncovered["lead_time_hours"])


def test_with_a_shortfall_the_organisations_of_every_region_add_up_to_the_answer():
    answer = answer_for(replace(QUESTION, search_area="land", persons_needed=1000))
    per_region = answer.organisations.groupby("region_code")["deployable_persons"].sum()
    suppliers = answer.suppliers.set_index("region_code")["deployable_persons"]
    assert per_region.to_dict() == {c: v for c, v in suppliers.items() if v > 0}
    assert answer.organisations["deployable_persons"].sum() == answer.deployable
    assert answer.organisations["covered_persons"].sum() == answer.covered


@pytest.mark.parametrize(("needed", "regions"), [
    (1, ["VR01"]), (22, ["VR01"]), (23, ["VR01", "VR02"]), (37, ["VR01", "VR02"]),
    (38, ["VR01", "VR02", "VR03"]),
])
def test_whom_to_call_stops_at_the_nearest_regions_that_hold_the_need(needed, regions):
    answer = answer_for(replace(QUESTION, search_area="land", persons_needed=needed))
    assert answer.organisations["region_code"].unique().tolist() == regions


def test_regions_without_data_have_no_organisations():
    answer = ask(QUESTION, RECORDS, versions=versions_for(["VR01"]),
                 agreements=AGREEMENTS, scopes=SCOPES)
    assert set(answer.organisations["region_code"]) <= {"VR01", "VR02"}


def test_cost_lines_price_each_covered_person_once_then_the_uncovered_rest_unpriced():
    answer = answer_for()  # 30 needed; 19 + 3 + 6 covered, 9 uncovered
    assert answer.cost_lines == (
        CostLine(1, "Stadstoezicht Noord", 19, Decimal("55.00"), "per uur"),
        CostLine(2, "Sector boa", 9, Decimal("40.25"), "per persoon per dag"),
        CostLine(None, "Zonder afspraak", 2, None, None),
    )
    estimate = estimate_cost(answer.cost_lines, Duration(2, "dagen"))
    assert [i.amount_eur for i in estimate.items] == [
        Decimal("16720.00"),  # 55 × 16 h × 19
        Decimal("724.50"),  # 40,25 × 2 days × 9
        None]
    assert (estimate.total_eur, estimate.unpriced_persons) == (Decimal("17444.50"), 2)


def test_a_need_met_by_covered_persons_prices_only_the_need():
    lines = answer_for(replace(QUESTION, persons_needed=5)).cost_lines
    assert lines == (CostLine(1, "Stadstoezicht Noord", 5, Decimal("55.00"), "per uur"),)
