"""Bijstand end to end in the core, on SQLite and PostgreSQL: file, offer, accept, deploy,
return, cancel; every step audited, history never rewritten, nobody counted twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from capaciteit.access import audit
from capaciteit.access.permissions import AccessDenied
from capaciteit.agreements import overview as agreement_overview
from capaciteit.assistance import overview, service
from capaciteit.assistance.model import AssistanceRefused
from capaciteit.deployment.answer import Question, answer_question
from capaciteit.deployment.overview import prepared_capacity
from capaciteit.deployment.warm import WarmCapacity
from capaciteit.storage import repository as storage
from tests.assistance.support import (
    CAPACITY,
    CRISIS_VR09,
    EDITOR_VR08,
    EDITOR_VR14,
    TODAY,
    draft,
    offer,
    user,
)


def deployable(engine: Engine, boundaries, target: str, area: str = "buren",
               warm: WarmCapacity | None = None) -> dict[str, int]:
    """The Inzetbaar answer's deployable persons per region: read cold, or as the page does
    (one ``WarmCapacity`` kept across the steps, redoing only what changed)."""
    with engine.connect() as conn:
        versions = storage.current_versions(conn)
    capacity = prepared_capacity(engine, TODAY) if warm is None else warm.prepared(engine, TODAY)
    answer = answer_question(Question((target,), 24, 10, search_area=area), capacity, versions,
                             *agreement_overview.agreement_frames(engine),
                             boundaries.regions, boundaries.neighbours, today=TODAY,
                             stale_after_days=180)
    rows = answer.suppliers.dropna(subset=["deployable_persons"])
    return {r.region_code: int(r.deployable_persons) for r in rows.itertuples()}


def test_requests_get_consecutive_readable_reference_numbers_and_are_audited(stocked):
    crisis = user(stocked, CRISIS_VR09)
    first = service.file_request(stocked, crisis, draft(), TODAY)
    second = service.file_request(stocked, crisis, draft(), TODAY)
    year = TODAY.year
    assert (first.reference, second.reference) == (f"BV-{year}-0001", f"BV-{year}-0002")
    with stocked.connect() as conn:
        trail = audit.events(conn)
    filed = trail[trail["action"] == "bijstand_aangevraagd"]
    assert sorted(filed["object_id"]) == [first.reference, second.reference]
    assert set(filed["actor"]) == {CRISIS_VR09}


@pytest.mark.parametrize("path", ["cold", "warm"])
def test_the_full_flow_subtracts_accepted_persons_until_they_are_reported_back(
        stocked, boundaries, path):
    warm = WarmCapacity() if path == "warm" else None
    before_vr09, before_vr14 = deployable(stocked, boundaries, "VR09", warm=warm), \
        deployable(stocked, boundaries, "VR14", "eigen", warm=warm)
    crisis = user(stocked, CRISIS_VR09)
    request = service.file_request(stocked, crisis, draft(), TODAY)
    from_vr14 = service.make_offer(stocked, user(stocked, EDITOR_VR14),
                                   offer(request.request_id, "VR14", 12), TODAY)
    service.make_offer(stocked, user(stocked, EDITOR_VR08), offer(request.request_id, "VR08", 5),
                       TODAY)
    accepted = service.accept_offer(stocked, crisis, from_vr14.event_id, 12, TODAY)

    after_vr09 = deployable(stocked, boundaries, "VR09", warm=warm)
    assert after_vr09["VR14"] == before_vr09["VR14"] - 12  # the answer for VR09 itself
    assert after_vr09["VR08"] == before_vr09["VR08"]  # only offered: still available
    assert deployable(stocked, boundaries, "VR14", "eigen", warm=warm)["VR14"] == \
        before_vr14["VR14"] - 12
    data = overview.load(stocked, TODAY)
    lines = overview.deployed_lines(overview.deployed_from(data, ["VR14"], TODAY))
    assert lines and f"ingezet voor VR09 (verzoek {request.reference})" in lines[0]
    assert data.board.loc[0, "status"] == "ingezet"
    spots = agreement_overview.coverage(stocked, boundaries.regions, {"boa": "Boa"}, TODAY)
    vr14 = spots.cells.set_index("region_code").loc["VR14", "deployable_persons"]
    assert vr14 == CAPACITY["VR14"][2] - 12  # the white-spot figure too

    service.report_return(stocked, crisis, accepted.event_id)
    assert deployable(stocked, boundaries, "VR09", warm=warm) == before_vr09
    assert overview.load(stocked, TODAY).board.loc[0, "status"] == "afgerond"
    with stocked.connect() as conn:
        trail = audit.events(conn)
    steps = trail[trail["object_type"] == "bijstandsverzoek"].iloc[::-1]  # oldest first
    assert steps[["actor", "action", "region_code"]].values.tolist() == [
        [CRISIS_VR09, "bijstand_aangevraagd", "VR09"],
        [EDITOR_VR14, "bijstand_aangeboden", "VR14"],
        [EDITOR_VR08, "bijstand_aangeboden", "VR08"],
        [CRISIS_VR09, "bijstand_aanvaard", "VR09"],
        [CRISIS_VR09, "bijstand_teruggemeld", "VR14"]]
    assert set(steps["object_id"]) == {request.reference}


def test_a_deployment_counts_only_in_its_period(stocked, boundaries):
    crisis = user(stocked, CRISIS_VR09)
    later = service.file_request(stocked, crisis, draft(start=TODAY + timedelta(days=5)), TODAY)
    step = service.make_offer(stocked, user(stocked, EDITOR_VR14), offer(later.request_id,
                                                                          "VR14", 20), TODAY)
    service.accept_offer(stocked, crisis, step.event_id, 20, TODAY)
    assert deployable(stocked, boundaries, "VR14", "eigen")["VR14"] == CAPACITY["VR14"][2]
    overlapping = service.file_request(stocked, crisis, draft(start=TODAY, days=7), TODAY)
    with pytest.raises(AssistanceRefused, match="nog maar 0 personen"):
        service.make_offer(stocked, user(stocked, EDITOR_VR14),
                           offer(overlapping.request_id, "VR14", 1), TODAY)


def test_offering_the_same_persons_twice_is_refused_in_dutch_and_stores_nothing(stocked):
    request = service.file_request(stocked, user(stocked, CRISIS_VR09), draft(), TODAY)
    editor = user(stocked, EDITOR_VR14)
    service.make_offer(stocked, editor, offer(request.request_id, "VR14", 15), TODAY)
    with pytest.raises(AssistanceRefused, match="nog maar 5 personen beschikbaar"):
        service.make_offer(stocked, editor, offer(request.request_id, "VR14", 6), TODAY)
    assert overview.load(stocked, TODAY).board.loc[0, "offered_persons"] == 15


def test_an_offer_after_cancellation_and_a_second_acceptance_are_refused(stocked):
    crisis, editor = user(stocked, CRISIS_VR09), user(stocked, EDITOR_VR14)
    request = service.file_request(stocked, crisis, draft(), TODAY)
    step = service.make_offer(stocked, editor, offer(request.request_id, "VR14", 4), TODAY)
    service.accept_offer(stocked, crisis, step.event_id, 3, TODAY)  # part of the offer
    with pytest.raises(AssistanceRefused, match="al aanvaard"):
        service.accept_offer(stocked, crisis, step.event_id, 1, TODAY)
    with pytest.raises(AssistanceRefused, match="meld ze eerst terug"):
        service.cancel_request(stocked, crisis, request.request_id, "niet meer nodig")
    other = service.file_request(stocked, crisis, draft(), TODAY)
    service.cancel_request(stocked, crisis, other.request_id, "niet meer nodig")
    with pytest.raises(AssistanceRefused, match="is geannuleerd"):
        service.make_offer(stocked, editor, offer(other.request_id, "VR14", 1), TODAY)
    assert overview.load(stocked, TODAY).board.set_index("reference").loc[
        other.reference, "status"] == "geannuleerd"


@pytest.mark.parametrize(("who", "act"), [
    (EDITOR_VR14, lambda e, u, r: service.file_request(e, u, draft(), TODAY)),
    (CRISIS_VR09, lambda e, u, r: service.make_offer(e, u, offer(r, "VR14", 1), TODAY)),
    (EDITOR_VR14, lambda e, u, r: service.make_offer(e, u, offer(r, "VR08", 1), TODAY)),
    (EDITOR_VR08, lambda e, u, r: service.cancel_request(e, u, r, "reden")),
], ids=["invoerder-files", "crisisteam-offers", "invoerder-offers-other-region",
        "invoerder-cancels"])
def test_each_step_is_for_its_role_and_region_and_a_refusal_is_audited(stocked, who, act):
    request = service.file_request(stocked, user(stocked, CRISIS_VR09), draft(), TODAY)
    with pytest.raises(AccessDenied, match="Geweigerd"):
        act(stocked, user(stocked, who), request.request_id)
    with stocked.connect() as conn:
        trail = audit.events(conn)
    assert ((trail["action"] == "geweigerd") & (trail["actor"] == who)).any()


@pytest.mark.parametrize("statement", [
    "UPDATE assistance_request SET persons_needed = 1",
    "DELETE FROM assistance_request",
    "UPDATE assistance_event SET persons = 99",
    "DELETE FROM assistance_event",
])
def test_requests_and_their_steps_are_never_rewritten(stocked, statement):
    crisis = user(stocked, CRISIS_VR09)
    request = service.file_request(stocked, crisis, draft(), TODAY)
    service.cancel_request(stocked, crisis, request.request_id, "dubbel ingediend")
    with pytest.raises(DBAPIError, match="nooit gewijzigd of verwijderd"), \
            stocked.begin() as conn:
        conn.execute(text(statement))
    board = overview.load(stocked, TODAY).board
    assert board.loc[0, "persons_needed"] == 25 and board.loc[0, "status"] == "geannuleerd"


def test_an_offer_carries_its_agreement_and_rate_and_the_request_prices_the_accepted(stocked):
    from decimal import Decimal

    from capaciteit.assistance.costing import request_estimate
    from capaciteit.assistance.export import request_workbook
    from capaciteit.deployment.cost import cost_assumptions
    from tests.assistance.support import agreement

    agreement_id = agreement(stocked, "VR14", 45.5, "per uur")
    crisis = user(stocked, CRISIS_VR09)
    request = service.file_request(stocked, crisis, draft(days=2), TODAY)
    with_rate = offer(request.request_id, "VR14", 10)
    step = service.make_offer(stocked, user(stocked, EDITOR_VR14),
                              type(with_rate)(**{**with_rate.__dict__,
                                                 "agreement_id": agreement_id}), TODAY)
    unpriced = service.make_offer(stocked, user(stocked, EDITOR_VR08),
                                  offer(request.request_id, "VR08", 4), TODAY)
    service.accept_offer(stocked, crisis, step.event_id, 6, TODAY)
    service.accept_offer(stocked, crisis, unpriced.event_id, 4, TODAY)
    data = overview.load(stocked, TODAY)
    row = data.requests.iloc[0]
    estimate = request_estimate(row, data.events)
    shift = cost_assumptions()  # 2 days of working hours per person (shift length x shifts)
    assert estimate.total_eur == Decimal("45.50") * 2 * shift.shift_hours * shift.shifts_per_day * 6
    assert estimate.unpriced_persons == 4
    workbook = request_workbook(row, "ingezet", data.events, estimate, __import__(
        "datetime").datetime.now())
    import io

    import pandas as pd
    sheets = pd.read_excel(io.BytesIO(workbook), sheet_name=None, engine="calamine")
    assert list(sheets)[:4] == ["Verzoek", "Aanbiedingen", "Ingezet", "Kosten"]
    euros = f"{estimate.total_eur:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert f"€ {euros}" in sheets["Kosten"]["Bedrag"].tolist()
    assert sheets["Ingezet"]["Personen"].tolist() == [6, 4]


@pytest.mark.parametrize("table", ["assistance_request", "assistance_event"])
def test_a_replacing_insert_or_truncate_cannot_rewrite_them_either(stocked, table):
    crisis = user(stocked, CRISIS_VR09)
    request = service.file_request(stocked, crisis, draft(), TODAY)
    service.cancel_request(stocked, crisis, request.request_id, "dubbel ingediend")
    statement = (f"INSERT OR REPLACE INTO {table} SELECT * FROM {table}"
                 if stocked.dialect.name == "sqlite" else f"TRUNCATE {table} CASCADE")
    with pytest.raises(DBAPIError, match="nooit gewijzigd of verwijderd"), \
            stocked.begin() as conn:
        conn.execute(text(statement))
    assert overview.load(stocked, TODAY).board.loc[0, "status"] == "geannuleerd"


def test_an_offer_is_not_accepted_after_the_request_has_ended_and_nothing_is_stored(stocked):
    crisis, editor = user(stocked, CRISIS_VR09), user(stocked, EDITOR_VR14)
    request = service.file_request(stocked, crisis, draft(days=3), TODAY)
    step = service.make_offer(stocked, editor, offer(request.request_id, "VR14", 4), TODAY)
    last_day = TODAY + timedelta(days=2)
    with pytest.raises(AssistanceRefused) as refused:
        service.accept_offer(stocked, crisis, step.event_id, 4, last_day + timedelta(days=1))
    assert str(refused.value) == f"Verzoek {request.reference} is voorbij (einddatum verstreken)."
    assert overview.load(stocked, TODAY).board.loc[0, "accepted_persons"] == 0
    service.accept_offer(stocked, crisis, step.event_id, 4, last_day)  # its last day: still open
    assert overview.load(stocked, TODAY).board.loc[0, "accepted_persons"] == 4
