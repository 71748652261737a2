"""Every write on a bijstandsverzoek: one transaction each, role-checked, audited, appended.

Each step opens :func:`~capaciteit.access.authorization.authorized_write` (the grants read
in the transaction), then takes the assistance lock (``repository.lock_assistance``), then
checks the state as it stands *now*: the second of two concurrent offers of the same
persons, a second acceptance of one offer, or an offer on a cancelled request is refused
with a Dutch message (:class:`~capaciteit.assistance.model.AssistanceRefused`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.authorization import authorized_write, require_current
from capaciteit.access.permissions import (
    ASSISTANCE_OFFER,
    ASSISTANCE_REQUEST,
    AccessDenied,
    User,
)
from capaciteit.assistance import repository as repo
from capaciteit.assistance.model import (
    ACCEPT,
    CANCEL,
    DECLINE,
    OFFER,
    RETURN,
    AssistanceRefused,
    OfferDraft,
    RequestDraft,
    end_date,
    reference,
    request_problems,
)
from capaciteit.assistance.notifications import Notice
from capaciteit.assistance.state import (
    cancelled_ids,
    deployments,
    offers,
    overlapping,
    pending_between,
)
from capaciteit.assistance.supply import offer_options
from capaciteit.formatting import format_number
from capaciteit.storage.models import Agreement, AssistanceEvent, AssistanceRequest

AUDIT_TYPE = "bijstandsverzoek"


@dataclass(frozen=True)
class Step:
    """What a write stored: the request, the new event (or request) id, whom to tell."""

    request_id: int
    reference: str
    event_id: int
    notice: Notice


def file_request(engine: Engine, actor: User, draft: RequestDraft, today: date) -> Step:
    """File a bijstandsverzoek for ``draft.region_code``; it gets the next reference number."""
    problems = request_problems(draft, today)
    if problems:
        raise AssistanceRefused(" ".join(problems))
    now = datetime.now(UTC)
    with authorized_write(engine, actor, ASSISTANCE_REQUEST, draft.region_code) as conn:
        repo.lock_assistance(conn)
        number = repo.next_number(conn, now.year)
        ref = reference(now.year, number)
        request_id = conn.execute(insert(AssistanceRequest).returning(AssistanceRequest.id), {
            "reference": ref, "year": now.year, "number": number,
            "region_code": draft.region_code, "targets": list(draft.targets),
            "scopes": [list(s) for s in draft.scopes], "powers": list(draft.powers),
            "persons_needed": draft.persons_needed, "hours": draft.hours,
            "search_area": draft.search_area, "start_date": draft.start_date,
            "duration_amount": draft.duration.amount, "duration_unit": draft.duration.unit,
            "end_date": end_date(draft.start_date, draft.duration),
            "report_location": draft.report_location.strip(), "question": draft.question,
            "created_by": actor.label, "created_at": now}).scalar_one()
        audit.record(conn, actor, "bijstand_aangevraagd", object_type=AUDIT_TYPE,
                     object_id=ref, region_code=draft.region_code,
                     details={"personen": draft.persons_needed, "doelen": list(draft.targets)})
    notice = Notice(texts.ASSIST_MAIL_NEW_SUBJECT.format(verzoek=ref, regio=draft.region_code),
                    texts.ASSIST_MAIL_NEW_BODY.format(
                        verzoek=ref, regio=draft.region_code, vraag=draft.question,
                        personen=format_number(draft.persons_needed),
                        melden=draft.report_location.strip()),
                    ASSISTANCE_OFFER, tuple(draft.targets) + (draft.region_code,))
    return Step(int(request_id), ref, int(request_id), notice)


def make_offer(engine: Engine, actor: User, draft: OfferDraft, today: date) -> Step:
    """Offer persons of one organisation; no more than it can still offer for the request."""
    if draft.persons < 1:
        raise AssistanceRefused(texts.ASSIST_OFFER_AT_LEAST_ONE)
    with authorized_write(engine, actor, ASSISTANCE_OFFER, draft.region_code) as conn:
        repo.lock_assistance(conn)
        request = _open_request(conn, draft.request_id, today)
        available = _available(conn, request, draft, today)
        if draft.persons > available:
            raise AssistanceRefused(texts.ASSIST_OFFER_TOO_MANY.format(
                organisatie=draft.organisation, aantal=format_number(available),
                gevraagd=format_number(draft.persons)))
        rate, unit = _agreement_rate(conn, draft)
        event_id = _append(conn, actor, draft.request_id, OFFER, draft.region_code,
                           organisation=draft.organisation,
                           organisation_id=draft.organisation_id, category=draft.category,
                           subcategory=draft.subcategory, persons=draft.persons,
                           agreement_id=draft.agreement_id, compensation_eur=rate,
                           compensation_unit=unit)
        audit.record(conn, actor, "bijstand_aangeboden", object_type=AUDIT_TYPE,
                     object_id=request["reference"], region_code=draft.region_code,
                     details={"personen": draft.persons, "organisatie": draft.organisation,
                              "afspraak": draft.agreement_id})
    return _step(request, event_id, texts.ASSIST_MAIL_OFFER_SUBJECT, ASSISTANCE_REQUEST,
                 (str(request["region_code"]),), regio=draft.region_code,
                 personen=format_number(draft.persons))


def decline(engine: Engine, actor: User, request_id: int, region_code: str, reason: str,
            today: date) -> Step:
    """A supplying region declines a request, with a reason."""
    if not reason.strip():
        raise AssistanceRefused(texts.ASSIST_REASON_NEEDED)
    with authorized_write(engine, actor, ASSISTANCE_OFFER, region_code) as conn:
        repo.lock_assistance(conn)
        request = _open_request(conn, request_id, today)
        event_id = _append(conn, actor, request_id, DECLINE, region_code, reason=reason.strip())
        audit.record(conn, actor, "bijstand_afgewezen", object_type=AUDIT_TYPE,
                     object_id=request["reference"], region_code=region_code,
                     details={"reden": reason.strip()})
    return _step(request, event_id, texts.ASSIST_MAIL_DECLINE_SUBJECT, ASSISTANCE_REQUEST,
                 (str(request["region_code"]),), regio=region_code, personen="0")


def accept_offer(engine: Engine, actor: User, offer_id: int, persons: int,
                 today: date) -> Step:
    """Accept ``persons`` of an offer (all or part); from the start date they are ingezet."""
    with authorized_write(engine, actor) as conn:
        repo.lock_assistance(conn)
        offer = _event(conn, offer_id, OFFER)
        request = _request(conn, int(offer["request_id"]))
        require_current(conn, actor, ASSISTANCE_REQUEST, str(request["region_code"]))
        _refuse_if_closed(conn, request, today)
        decided = offers(repo.events_frame(conn, int(request["id"])))
        if bool(decided.loc[decided["id"] == offer_id, "decided"].iloc[0]):
            raise AssistanceRefused(texts.ASSIST_ALREADY_ACCEPTED.format(
                verzoek=request["reference"]))
        if not 1 <= persons <= int(offer["persons"]):
            raise AssistanceRefused(texts.ASSIST_ACCEPT_RANGE.format(
                aantal=format_number(int(offer["persons"]))))
        event_id = _append(conn, actor, int(request["id"]), ACCEPT,
                           str(offer["region_code"]), offer_id=offer_id, persons=persons)
        audit.record(conn, actor, "bijstand_aanvaard", object_type=AUDIT_TYPE,
                     object_id=request["reference"], region_code=str(request["region_code"]),
                     details={"personen": persons, "aanbod": offer_id,
                              "leverancier": str(offer["region_code"])})
    return _step(request, event_id, texts.ASSIST_MAIL_ACCEPT_SUBJECT, ASSISTANCE_OFFER,
                 (str(offer["region_code"]),), regio=str(offer["region_code"]),
                 personen=format_number(persons))


def report_return(engine: Engine, actor: User, acceptance_id: int) -> Step:
    """Report accepted persons back (teruggemeld): from now on they are available again.

    The requesting crisis team or the supplying region may report them back.
    """
    with authorized_write(engine, actor) as conn:
        repo.lock_assistance(conn)
        acceptance = _event(conn, acceptance_id, ACCEPT)
        request = _request(conn, int(acceptance["request_id"]))
        supplier = str(acceptance["region_code"])
        try:
            require_current(conn, actor, ASSISTANCE_REQUEST, str(request["region_code"]))
        except AccessDenied:
            require_current(conn, actor, ASSISTANCE_OFFER, supplier)
        out = deployments(_request_frame(request), repo.events_frame(conn, int(request["id"])))
        row = out[out["acceptance_id"] == acceptance_id]
        if row["returned_at"].notna().any():
            raise AssistanceRefused(texts.ASSIST_ALREADY_RETURNED)
        event_id = _append(conn, actor, int(request["id"]), RETURN, supplier,
                           offer_id=acceptance_id, persons=int(acceptance["persons"]))
        audit.record(conn, actor, "bijstand_teruggemeld", object_type=AUDIT_TYPE,
                     object_id=request["reference"], region_code=supplier,
                     details={"personen": int(acceptance["persons"])})
    return _step(request, event_id, texts.ASSIST_MAIL_RETURN_SUBJECT, ASSISTANCE_OFFER,
                 (supplier,), regio=supplier, personen=format_number(int(acceptance["persons"])))


def cancel_request(engine: Engine, actor: User, request_id: int, reason: str) -> Step:
    """Cancel a request with a reason (never deleted); refused while persons are still out."""
    if not reason.strip():
        raise AssistanceRefused(texts.ASSIST_REASON_NEEDED)
    with authorized_write(engine, actor) as conn:
        repo.lock_assistance(conn)
        request = _request(conn, request_id)
        require_current(conn, actor, ASSISTANCE_REQUEST, str(request["region_code"]))
        _refuse_if_cancelled(conn, request)
        out = deployments(_request_frame(request), repo.events_frame(conn, request_id))
        if out["returned_at"].isna().any():
            raise AssistanceRefused(texts.ASSIST_CANCEL_DEPLOYED)
        event_id = _append(conn, actor, request_id, CANCEL, str(request["region_code"]),
                           reason=reason.strip())
        audit.record(conn, actor, "bijstand_geannuleerd", object_type=AUDIT_TYPE,
                     object_id=request["reference"], region_code=str(request["region_code"]),
                     details={"reden": reason.strip()})
    regions = tuple(request["targets"])
    return _step(request, event_id, texts.ASSIST_MAIL_CANCEL_SUBJECT, ASSISTANCE_OFFER,
                 regions, regio=str(request["region_code"]), personen="0")


# ---------------------------------------------------------------- checks inside the write


def _request_frame(request: pd.Series) -> pd.DataFrame:
    return pd.DataFrame([request])


def _request(conn: Connection, request_id: int) -> pd.Series:
    found = repo.requests_frame(conn, request_id)
    if found.empty:
        raise AssistanceRefused(texts.ASSIST_UNKNOWN_REQUEST)
    return found.iloc[0]


def _event(conn: Connection, event_id: int, kind: str) -> pd.Series:
    e = AssistanceEvent
    row = conn.execute(select(e.id, e.request_id, e.region_code, e.persons, e.kind)
                       .where(e.id == event_id)).mappings().one_or_none()
    if row is None or row["kind"] != kind:
        raise AssistanceRefused(texts.ASSIST_UNKNOWN_STEP)
    return pd.Series(dict(row))


def _refuse_if_cancelled(conn: Connection, request: pd.Series) -> None:
    if int(request["id"]) in cancelled_ids(repo.events_frame(conn, int(request["id"]))):
        raise AssistanceRefused(texts.ASSIST_CANCELLED.format(verzoek=request["reference"]))


def _open_request(conn: Connection, request_id: int, today: date) -> pd.Series:
    request = _request(conn, request_id)
    _refuse_if_closed(conn, request, today)
    return request


def _refuse_if_closed(conn: Connection, request: pd.Series, today: date) -> None:
    """Nothing more is offered or accepted for a cancelled request or one past its end."""
    _refuse_if_cancelled(conn, request)
    if pd.Timestamp(request["end_date"]).date() < today:
        raise AssistanceRefused(texts.ASSIST_OVER.format(verzoek=request["reference"]))


def _available(conn: Connection, request: pd.Series, draft: OfferDraft, today: date) -> int:
    """What the organisation can still offer for the request, read in this transaction."""
    start = pd.Timestamp(request["start_date"]).date()
    end = pd.Timestamp(request["end_date"]).date()
    requests, events = repo.requests_frame(conn), repo.events_frame(conn)
    in_period = overlapping(deployments(requests, events), start, end)
    pending = pending_between(requests, events, start, end, today)
    options = offer_options(request, repo.region_capacity(conn, draft.region_code),
                            in_period, pending)
    match = options[(options["organisation"] == draft.organisation)
                    & (options["category"] == draft.category)
                    & (options["subcategory"] == draft.subcategory)
                    & (options["organisation_id"].fillna("") == (draft.organisation_id or ""))]
    return int(match["available_persons"].sum())


def _agreement_rate(conn: Connection, draft: OfferDraft) -> tuple[Decimal | None, str | None]:
    """The rate of the offer's agreement as it stands now (kept with the offer)."""
    if draft.agreement_id is None:
        return None, None
    row = conn.execute(select(Agreement.region_code, Agreement.compensation_eur,
                              Agreement.compensation_unit)
                       .where(Agreement.id == draft.agreement_id)).one_or_none()
    if row is None or row.region_code not in (None, draft.region_code):
        raise AssistanceRefused(texts.ASSIST_AGREEMENT_NOT_HERE)
    rate = None if row.compensation_eur is None else Decimal(str(row.compensation_eur))
    return rate, row.compensation_unit


def _append(conn: Connection, actor: User, request_id: int, kind: str, region_code: str,
            **values: object) -> int:
    row = {"request_id": request_id, "kind": kind, "region_code": region_code, "persons": 0,
           "reason": "", "actor": actor.label, "at": datetime.now(UTC), **values}
    return int(conn.execute(insert(AssistanceEvent).returning(AssistanceEvent.id),
                            row).scalar_one())


def _step(request: pd.Series, event_id: int, subject: str, permission: str,
          regions: tuple[str, ...], **fields: str) -> Step:
    ref = str(request["reference"])
    return Step(int(request["id"]), ref, event_id, Notice(
        subject.format(verzoek=ref, **fields),
        texts.ASSIST_MAIL_STEP_BODY.format(verzoek=ref, onderwerp=subject.format(
            verzoek=ref, **fields)), permission, regions))
