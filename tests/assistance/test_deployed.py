"""Nobody counted twice: ``subtract_deployed`` takes deployed persons out of capacity, from
the rows that fit their request first, never below zero; the board and its map."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from capaciteit.assistance.board import flows, region_board, request_board
from capaciteit.assistance.board_map import build_flow_map
from capaciteit.assistance.deployed import subtract_deployed
from capaciteit.assistance.state import EVENT_COLUMNS, REQUEST_COLUMNS, active_on, deployments

DAY = date(2026, 3, 2)
KEYS = {"region_code": "VR14", "organisation": "Gemeente Hilversum", "organisation_id": None,
        "category": "boa", "subcategory": "domein-1"}


def capacity(*rows: tuple[int, str, int]) -> pd.DataFrame:
    """(horizon hours, powers, deployable persons) rows of one organisation, plus another."""
    frame = pd.DataFrame([{**KEYS, "deployable_within_hours": h, "powers": p,
                           "deployable_persons": n} for h, p, n in rows])
    other = {**KEYS, "organisation": "Gemeente Huizen", "deployable_within_hours": 24,
             "powers": "", "deployable_persons": 9}
    return pd.concat([frame, pd.DataFrame([other])], ignore_index=True)


def deployed(persons: int, hours: int = 24, powers: tuple[str, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame([{**KEYS, "persons": persons, "hours": hours, "powers": list(powers)}])


@pytest.mark.parametrize(("rows", "out", "left"), [
    ([(24, "", 10)], deployed(4), [6]),
    ([(24, "", 10)], deployed(15), [0]),  # never below zero
    ([(72, "", 10), (24, "", 5)], deployed(7), [8, 0]),  # soonest first
    ([(24, "", 10), (24, "Boete", 3)], deployed(3, powers=("boete",)), [10, 0]),  # who came
    ([(72, "", 10), (24, "", 5)], deployed(3, hours=72), [10, 2]),
], ids=["part", "more-than-there", "soonest-first", "with-the-power-first", "within-horizon"])
def test_deployed_persons_leave_their_own_rows_first(rows, out, left):
    result = subtract_deployed(capacity(*rows), out)
    assert result["deployable_persons"].tolist() == [*left, 9]  # the other organisation keeps


def test_nothing_deployed_leaves_capacity_as_it_is():
    frame = capacity((24, "", 10))
    assert subtract_deployed(frame, deployed(0).iloc[0:0]) is frame


def test_subtracting_keeps_the_categorical_sums_of_the_inzetbaar_answer():
    frame = capacity((24, "", 10)).astype({k: "category" for k in
                                           ["region_code", "organisation", "category",
                                            "subcategory", "powers"]})
    assert subtract_deployed(frame, deployed(4))["deployable_persons"].tolist() == [6, 9]


def stored(start: date = DAY, days: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One request of VR09, offers of VR14 (8) and VR08 (5); VR14's accepted after 2 hours."""
    created = datetime(2026, 3, 1, 8, tzinfo=UTC)
    requests = pd.DataFrame([{
        "id": 1, "reference": "BV-2026-0001", "region_code": "VR09", "targets": ["VR09"],
        "scopes": [], "powers": [], "persons_needed": 20, "hours": 24, "search_area": "buren",
        "start_date": start, "duration_amount": days, "duration_unit": "dagen",
        "end_date": start + timedelta(days=days - 1), "report_location": "Utrecht",
        "question": "", "created_by": "crisis@vr09.nl", "created_at": created}],
        columns=REQUEST_COLUMNS)
    base = {"request_id": 1, "organisation_id": None, "category": "boa",
            "subcategory": "domein-1", "agreement_id": None, "compensation_eur": None,
            "compensation_unit": None, "reason": "", "actor": "x"}
    events = pd.DataFrame([
        {**base, "id": 1, "kind": "aanbod", "offer_id": None, "region_code": "VR14",
         "organisation": "Gemeente Hilversum", "persons": 8, "at": created + timedelta(hours=1)},
        {**base, "id": 2, "kind": "aanbod", "offer_id": None, "region_code": "VR08",
         "organisation": "Gemeente Nijmegen", "persons": 5, "at": created + timedelta(hours=1.5)},
        {**base, "id": 3, "kind": "aanvaarding", "offer_id": 1, "region_code": "VR14",
         "organisation": None, "persons": 8, "at": created + timedelta(hours=2)},
    ], columns=EVENT_COLUMNS)
    events["at"] = pd.to_datetime(events["at"], utc=True)
    return requests, events


@pytest.mark.parametrize(("day", "active"), [
    (DAY - timedelta(days=1), False), (DAY, True), (DAY + timedelta(days=2), True),
    (DAY + timedelta(days=3), False)], ids=["before", "first-day", "last-day", "after"])
def test_accepted_persons_are_ingezet_from_the_start_to_the_end_date(day, active):
    requests, events = stored()
    assert len(active_on(deployments(requests, events), day)) == int(active)


def test_the_board_shows_persons_and_the_times_to_first_offer_and_acceptance():
    requests, events = stored()
    board = request_board(requests, events, DAY)
    row = board.iloc[0]
    assert (row["status"], row["offered_persons"], row["accepted_persons"],
            row["deployed_persons"]) == ("ingezet", 13, 8, 8)
    assert (row["hours_to_first_offer"], row["hours_to_acceptance"]) == (1.0, 2.0)
    regions = region_board(board, events, deployments(requests, events), DAY).set_index(
        "region_code")
    assert regions.loc["VR14", "deployed_out"] == 8 and regions.loc["VR09", "deployed_in"] == 8
    assert regions.loc["VR08", "persons_offered"] == 5


def test_the_map_draws_a_line_and_arrowhead_per_supplier_with_legend_and_attribution(
        boundaries):
    requests, events = stored()
    lines = flows(requests, events, deployments(requests, events), DAY).set_index("region_code")
    assert lines.loc["VR14", "deployed"] == 8 and lines.loc["VR08", "deployed"] == 0
    html = build_flow_map(boundaries.regions_display, lines.reset_index(),
                          date_label="Stand van 2 maart 2026",
                          attributions=["Bron: test"]).get_root().render()
    assert html.count("L.polyline(") == 2 and html.count("L.polygon(") == 2
    assert "VR14 → VR09: 8 aangeboden, 8 nu ingezet (1 verzoek(en))" in html
    assert "Bijstand: van leverende naar vragende regio" in html and "Bron: test" in html
    assert "cdn" not in html.lower()  # offline: Leaflet from the app itself


def test_the_answer_lists_at_most_ten_deployments_and_sums_the_rest():
    from capaciteit.assistance.overview import deployed_lines

    requests, events = stored()
    one = deployments(requests, events)
    many = pd.concat([one.assign(acceptance_id=i, persons=i) for i in range(1, 13)],
                     ignore_index=True)
    lines = deployed_lines(many)
    assert len(lines) == 11 and lines[0].startswith("12 personen van Gemeente Hilversum")
    assert lines[-1].startswith("en nog 2 inzetten met samen 3 personen")
