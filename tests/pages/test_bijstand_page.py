"""The Bijstand page under AppTest, with logins: from the Inzetbaar answer to a request,
offers from two regions, acceptance, ingezet in the next answer, and back (real SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from capaciteit import texts
from capaciteit.settings import get_settings
from capaciteit.storage.engine import prepare_database
from tests.assistance.support import CRISIS_VR09, EDITOR_VR08, EDITOR_VR14, TODAY, stock
from tests.pages.support import open_page, run_ok

BIJSTAND, INZETBAAR = "pages/bijstand.py", "pages/inzetbaar.py"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Engine]:
    engine = prepare_database(get_settings().effective_database_url)
    stock(engine)
    yield engine
    engine.dispose()


def login(email: str) -> dict[str, object]:
    return {"is_logged_in": True, "email": email, "email_verified": True, "name": email}


def messages(at) -> list[str]:
    return [e.value for e in [*at.success, *at.error, *at.warning, *at.info]]


def ask_from_the_answer(target: str = "VR09"):
    at = open_page(INZETBAAR, login(CRISIS_VR09))
    at.multiselect(key="inzet_targets").set_value([target])
    at.number_input(key="inzet_persons").set_value(25)
    return run_ok(at)


def test_a_crisis_team_files_a_request_from_its_answer_and_gets_a_reference(store):
    at = ask_from_the_answer()
    run_ok(next(b for b in at.button if b.label == texts.ASSIST_REQUEST_BUTTON).click())
    assert [t.value for t in at.title] == [texts.ASSIST_HEADER]
    at = run_ok(at.switch_page(BIJSTAND))  # AppTest's next run would go back to its own page
    assert any(texts.ASSIST_NEW in h.value for h in at.subheader)
    at.text_input(key="bv_melden").set_value("Kazerne Utrecht")
    run_ok(next(b for b in at.button if b.label == texts.ASSIST_FILE).click())
    assert f"Verzoek **BV-{TODAY.year}-0001** is ingediend." in messages(at)


def test_a_regio_invoerder_sees_the_request_waiting_and_offers(store):
    from capaciteit.assistance import service
    from tests.assistance.support import draft, user

    request = service.file_request(store, user(store, CRISIS_VR09), draft(), TODAY)
    at = open_page(BIJSTAND, login(EDITOR_VR14))
    assert any(request.reference in m and "VR14" in m for m in messages(at))
    assert texts.ASSIST_MAIL_OFF in [c.value for c in at.caption]
    run_ok(next(b for b in at.button if b.label == texts.ASSIST_OFFER).click())
    assert texts.ASSIST_OFFERED.format(verzoek=request.reference) in messages(at)
    at = open_page(BIJSTAND, login(EDITOR_VR08))
    assert any(request.reference in m and "VR08" in m for m in messages(at))


def test_the_crisis_team_accepts_part_reports_back_and_cancels_another_on_the_page(store):
    from capaciteit.assistance import service
    from tests.assistance.support import draft, offer, user

    request = service.file_request(store, user(store, CRISIS_VR09), draft(), TODAY)
    step = service.make_offer(store, user(store, EDITOR_VR14), offer(request.request_id,
                                                                      "VR14", 6), TODAY)
    at = open_page(BIJSTAND, login(CRISIS_VR09))
    assert f"Verzoek {request.reference}: 1 aanbieding(en) wachten op uw besluit." in \
        messages(at)[0]
    at.number_input(key=f"bv_aanvaard_n_{step.event_id}").set_value(4)
    at = run_ok(next(b for b in at.button if b.label == texts.ASSIST_ACCEPT).click())
    assert texts.ASSIST_ACCEPTED.format(id=step.event_id, aantal=4,
                                        verzoek=request.reference) in messages(at)
    at.text_area(key=f"bv_annuleer_reden_{request.request_id}").set_value("opgelost")
    at = run_ok(next(b for b in at.button if b.label == texts.ASSIST_CANCEL).click())
    assert texts.ASSIST_CANCEL_DEPLOYED in messages(at)  # persons still out: refused
    at = run_ok(next(b for b in at.button if b.label == texts.ASSIST_RETURN).click())
    assert texts.ASSIST_RETURNED in messages(at)
    assert texts.ASSIST_CLOSED.format(status="afgerond") in messages(at)  # all back: done
    other = service.file_request(store, user(store, CRISIS_VR09), draft(), TODAY)
    at = open_page(BIJSTAND, login(CRISIS_VR09))  # the newest request is chosen
    at.text_area(key=f"bv_annuleer_reden_{other.request_id}").set_value("opgelost")
    at = run_ok(next(b for b in at.button if b.label == texts.ASSIST_CANCEL).click())
    assert texts.ASSIST_CANCELLED_DONE.format(verzoek=other.reference) in messages(at)
    assert texts.ASSIST_CLOSED.format(status="geannuleerd") in messages(at)


def test_a_supplier_declines_with_a_reason_and_without_one_is_told(store):
    from capaciteit.assistance import service
    from tests.assistance.support import draft, user

    request = service.file_request(store, user(store, CRISIS_VR09), draft(), TODAY)
    at = open_page(BIJSTAND, login(EDITOR_VR08))
    at = run_ok(next(b for b in at.button if b.label == texts.ASSIST_DECLINE).click())
    assert texts.ASSIST_REASON_NEEDED in messages(at)
    at.text_input(key=f"bv_afwijzen_reden_{request.request_id}").set_value("eigen inzet")
    at = run_ok(next(b for b in at.button if b.label == texts.ASSIST_DECLINE).click())
    assert texts.ASSIST_DECLINED.format(verzoek=request.reference) in messages(at)
    assert not any("VR08" in m and "wacht op" in m for m in messages(at))
