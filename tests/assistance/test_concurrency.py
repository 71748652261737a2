"""Two people at once, on SQLite and PostgreSQL, in real threads with their own connections:
two offers of the same persons, two acceptances of one offer, an offer racing a
cancellation, many requests filed at once. One transaction each; the second gets Dutch."""

from __future__ import annotations

import threading
from collections.abc import Callable

from capaciteit.assistance import overview, service
from capaciteit.assistance.model import AssistanceRefused
from tests.assistance.support import (
    CAPACITY,
    CRISIS_VR09,
    EDITOR_VR14,
    TODAY,
    draft,
    offer,
    user,
)


def at_once(*steps: Callable[[], object]) -> tuple[list[object], list[Exception]]:
    """Run the steps in threads released together; their results and refusals."""
    start = threading.Barrier(len(steps))
    done: list[object] = []
    refused: list[Exception] = []

    def run(step: Callable[[], object]) -> None:
        start.wait()
        try:
            done.append(step())
        except Exception as error:  # noqa: BLE001 - collected and checked by the test
            refused.append(error)

    threads = [threading.Thread(target=run, args=(s,)) for s in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, refused


def test_two_offers_of_the_same_persons_at_once_store_one(stocked):
    request = service.file_request(stocked, user(stocked, CRISIS_VR09), draft(), TODAY)
    editor = user(stocked, EDITOR_VR14)
    everyone = CAPACITY["VR14"][2]
    done, refused = at_once(*[lambda: service.make_offer(
        stocked, editor, offer(request.request_id, "VR14", everyone), TODAY)] * 2)
    assert len(done) == 1 and len(refused) == 1
    assert isinstance(refused[0], AssistanceRefused)
    assert "nog maar 0 personen beschikbaar" in str(refused[0])
    assert overview.load(stocked, TODAY).board.loc[0, "offered_persons"] == everyone


def test_two_acceptances_of_one_offer_at_once_store_one(stocked):
    crisis = user(stocked, CRISIS_VR09)
    request = service.file_request(stocked, crisis, draft(), TODAY)
    step = service.make_offer(stocked, user(stocked, EDITOR_VR14),
                              offer(request.request_id, "VR14", 8), TODAY)
    done, refused = at_once(
        lambda: service.accept_offer(stocked, crisis, step.event_id, 8, TODAY),
        lambda: service.accept_offer(stocked, crisis, step.event_id, 5, TODAY))
    assert len(done) == 1 and len(refused) == 1
    assert "al aanvaard" in str(refused[0])
    board = overview.load(stocked, TODAY).board
    assert board.loc[0, "accepted_persons"] in (8, 5)
    assert board.loc[0, "deployed_persons"] == board.loc[0, "accepted_persons"]


def test_an_offer_racing_a_cancellation_is_stored_before_it_or_refused_after_it(stocked):
    crisis = user(stocked, CRISIS_VR09)
    request = service.file_request(stocked, crisis, draft(), TODAY)
    done, refused = at_once(
        lambda: service.cancel_request(stocked, crisis, request.request_id, "opgelost"),
        lambda: service.make_offer(stocked, user(stocked, EDITOR_VR14),
                                   offer(request.request_id, "VR14", 3), TODAY))
    data = overview.load(stocked, TODAY)
    kinds = data.events["kind"].tolist()
    assert data.board.loc[0, "status"] == "geannuleerd"
    if refused:  # the cancellation came first: the offer was told so
        assert kinds == ["geannuleerd"] and "is geannuleerd" in str(refused[0])
    else:  # the offer came first, then the cancellation
        assert kinds == ["aanbod", "geannuleerd"] and len(done) == 2


def test_requests_filed_at_once_get_distinct_consecutive_numbers(stocked):
    crisis = user(stocked, CRISIS_VR09)
    done, refused = at_once(*[lambda: service.file_request(stocked, crisis, draft(), TODAY)] * 5)
    assert refused == []
    numbers = sorted(int(step.reference.rsplit("-", 1)[1]) for step in done)  # type: ignore[attr-defined]
    assert numbers == [1, 2, 3, 4, 5]
