"""Notifications: what awaits a user in the app, and e-mail through a real SMTP server on
loopback (aiosmtpd) when ``CAPACITEIT_SMTP_*`` is set; without it, no mail and the app says so."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from capaciteit.assistance import overview, service
from capaciteit.assistance.notifications import awaiting, deliver
from capaciteit.settings import get_settings
from tests.assistance.support import (
    CRISIS_VR09,
    EDITOR_VR08,
    EDITOR_VR14,
    TODAY,
    draft,
    offer,
    stock,
    user,
)
from tests.browser_support import free_port


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], object]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("CAPACITEIT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CAPACITEIT_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("CAPACITEIT_SMTP_AFZENDER", "bijstand@dashboard.test")
    yield inbox
    controller.stop()


@pytest.fixture
def stocked(sqlite_url: str) -> Iterator[Engine]:
    from capaciteit.storage.engine import prepare_database

    engine = prepare_database(sqlite_url)
    stock(engine)
    yield engine
    engine.dispose()


def test_each_step_mails_the_regions_it_concerns_through_smtp(stocked, smtp):
    crisis = user(stocked, CRISIS_VR09)
    filed = service.file_request(stocked, crisis, draft(), TODAY)
    asked = replace(filed.notice, regions=("VR14", "VR08"))  # the search area, as the page does
    assert deliver(stocked, get_settings(), asked, crisis).sent == 2
    offered = service.make_offer(stocked, user(stocked, EDITOR_VR14),
                                 offer(filed.request_id, "VR14", 3), TODAY)
    assert deliver(stocked, get_settings(), offered.notice, user(stocked, EDITOR_VR14)).sent == 1
    received = [(to, m["Subject"], m["From"]) for to, m in smtp.messages]
    assert sorted(received[:2]) == [
        ([EDITOR_VR08], f"Bijstandsverzoek {filed.reference} van VR09", "bijstand@dashboard.test"),
        ([EDITOR_VR14], f"Bijstandsverzoek {filed.reference} van VR09", "bijstand@dashboard.test")]
    assert received[2][:2] == ([CRISIS_VR09],
                               f"Verzoek {filed.reference}: aanbod van VR14 (3 personen)")
    body = smtp.messages[0][1].get_payload(decode=True).decode()
    assert "Kazerne Utrecht" in body


def test_without_smtp_nothing_is_mailed_and_the_delivery_says_mail_is_off(stocked, monkeypatch):
    monkeypatch.delenv("CAPACITEIT_SMTP_HOST", raising=False)
    crisis = user(stocked, CRISIS_VR09)
    filed = service.file_request(stocked, crisis, draft(), TODAY)
    delivery = deliver(stocked, get_settings(), replace(filed.notice, regions=("VR14",)), crisis)
    assert (delivery.sent, delivery.mail_on) == (0, False)


def test_an_unreachable_smtp_server_is_reported_and_the_step_stays_stored(stocked, monkeypatch):
    monkeypatch.setenv("CAPACITEIT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CAPACITEIT_SMTP_PORT", str(free_port()))  # nobody listens
    crisis = user(stocked, CRISIS_VR09)
    filed = service.file_request(stocked, crisis, draft(), TODAY)
    delivery = deliver(stocked, get_settings(), replace(filed.notice, regions=("VR14",)), crisis)
    assert delivery.mail_on and delivery.sent == 0 and delivery.error
    assert len(overview.load(stocked, TODAY).requests) == 1


def test_what_awaits_the_crisis_team_and_the_suppliers(stocked):
    crisis, vr14, vr08 = (user(stocked, e) for e in (CRISIS_VR09, EDITOR_VR14, EDITOR_VR08))
    filed = service.file_request(stocked, crisis, draft(), TODAY)
    service.make_offer(stocked, vr14, offer(filed.request_id, "VR14", 2), TODAY)
    data = overview.load(stocked, TODAY)
    reach = {filed.request_id: {"VR09", "VR14", "VR08"}}
    lines = {who.email: awaiting(who, data.requests, data.events, data.status, reach)
             for who in (crisis, vr14, vr08)}
    assert lines[CRISIS_VR09] == [f"Verzoek {filed.reference}: 1 aanbieding(en) wachten op uw "
                                  "besluit."]
    assert lines[EDITOR_VR14] == []  # it has offered
    assert lines[EDITOR_VR08] == [f"Verzoek {filed.reference} van VR09 wacht op een aanbod of "
                                  "afwijzing van VR08."]
    assert awaiting(vr08, data.requests, data.events, data.status, {filed.request_id: {"VR09"}}
                    ) == []  # outside the search area: not asked


def test_an_offer_arriving_after_an_acceptance_still_awaits_the_crisis_team(stocked):
    crisis = user(stocked, CRISIS_VR09)
    filed = service.file_request(stocked, crisis, draft(), TODAY)
    first = service.make_offer(stocked, user(stocked, EDITOR_VR14),
                               offer(filed.request_id, "VR14", 2), TODAY)
    service.accept_offer(stocked, crisis, first.event_id, 2, TODAY)
    service.make_offer(stocked, user(stocked, EDITOR_VR08), offer(filed.request_id, "VR08", 1),
                       TODAY)
    data = overview.load(stocked, TODAY)
    assert data.status[filed.request_id] == "ingezet"
    assert awaiting(crisis, data.requests, data.events, data.status, {}) == [
        f"Verzoek {filed.reference}: 1 aanbieding(en) wachten op uw besluit."]
