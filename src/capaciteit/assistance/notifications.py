"""Who hears of a step: in the app (what awaits the user) and by e-mail when SMTP is set."""

from __future__ import annotations

import smtplib
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, select

from capaciteit import texts
from capaciteit.access.permissions import ASSISTANCE_OFFER, ASSISTANCE_REQUEST, User, can
from capaciteit.access.permissions import role_table as roles
from capaciteit.assistance import mail
from capaciteit.assistance.model import DECLINE, OFFER
from capaciteit.assistance.state import CANCELLED, DONE, OFFERED, OPEN, offers
from capaciteit.settings import Settings
from capaciteit.storage.models import RoleGrant


@dataclass(frozen=True)
class Notice:
    """A message for whoever holds ``permission`` for one of ``regions`` (regional roles)."""

    subject: str
    body: str
    permission: str
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Delivery:
    """What became of a notice: mails sent, or why none were."""

    sent: int
    mail_on: bool
    error: str = ""


def recipients(conn: Connection, notice: Notice, actor: User) -> list[str]:
    """The e-mail addresses with a regional grant allowing ``notice.permission`` there."""
    rows = conn.execute(select(RoleGrant.email, RoleGrant.role, RoleGrant.region_code)
                        .where(RoleGrant.revoked_at.is_(None))).all()
    found = set()
    for email, role, region in rows:
        allowed = roles().get(role, {}).get("mag", {})
        if (isinstance(allowed, dict) and allowed.get(notice.permission) == "regio"
                and region in notice.regions and email != actor.email):
            found.add(email)
    return sorted(found)


def deliver(engine: Engine, settings: Settings, notice: Notice, actor: User) -> Delivery:
    """Mail ``notice`` to its recipients when SMTP is configured (after the step committed)."""
    if not mail.mail_enabled(settings):
        return Delivery(0, False)
    with engine.connect() as conn:
        addresses = recipients(conn, notice, actor)
    try:
        return Delivery(mail.send(settings, addresses, notice.subject, notice.body), True)
    except (OSError, smtplib.SMTPException) as error:
        return Delivery(0, True, str(error))


def awaiting(user: User, requests: pd.DataFrame, events: pd.DataFrame, status: pd.Series,
             reach: Mapping[int, set[str]]) -> list[str]:
    """What awaits ``user`` (Dutch lines): offers to decide on, requests to answer.

    ``reach`` holds per request the regions its search area covers: a regio-invoerder is
    asked to answer the open requests that reach one of its regions.
    """
    lines = []
    table = offers(events)
    waiting = table.loc[~table["decided"], "request_id"].value_counts()
    answered = set(zip(events.loc[events["kind"].isin([OFFER, DECLINE]), "request_id"],
                       events.loc[events["kind"].isin([OFFER, DECLINE]), "region_code"],
                       strict=True))
    offering = user.regions_for(ASSISTANCE_OFFER) or set()  # None (everywhere): not asked
    states = requests["id"].map(status)
    live = requests.assign(state=states)[~states.isin([CANCELLED, DONE])]
    for row in live.itertuples():
        if int(waiting.get(row.id, 0)) and can(user, ASSISTANCE_REQUEST, row.region_code):
            lines.append(texts.ASSIST_AWAIT_DECIDE.format(verzoek=row.reference,
                                                          aantal=int(waiting[row.id])))
        mine = sorted(r for r in offering & reach.get(row.id, set())
                      if (row.id, r) not in answered and r != row.region_code)
        if mine and row.state in (OPEN, OFFERED):
            lines.append(texts.ASSIST_AWAIT_ANSWER.format(verzoek=row.reference,
                                                          regio=row.region_code,
                                                          eigen=", ".join(mine)))
    return lines
