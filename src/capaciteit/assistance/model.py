"""A bijstandsverzoek and the steps on it: drafts, kinds of events, reference numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from capaciteit import texts
from capaciteit.deployment.cost import Duration, calendar_days

OFFER, DECLINE, ACCEPT, RETURN, CANCEL = (
    "aanbod", "afwijzing", "aanvaarding", "teruggemeld", "geannuleerd")
REFERENCE_PREFIX = "BV"
MAX_TEXT = 255


class AssistanceRefused(Exception):
    """A step on a request cannot be taken now; the message is Dutch and says why."""


Scope = tuple[str, str | None]


@dataclass(frozen=True)
class RequestDraft:
    """What a crisis team asks for, from an Inzetbaar answer.

    ``region_code`` is the requesting region (the crisis team's own); ``targets`` the
    regions the persons are for; ``question`` the Inzetbaar question in one line.
    """

    region_code: str
    targets: tuple[str, ...]
    persons_needed: int
    hours: int
    start_date: date
    duration: Duration
    report_location: str
    scopes: tuple[Scope, ...] = ()
    powers: tuple[str, ...] = ()
    search_area: str = "buren"
    question: str = ""


@dataclass(frozen=True)
class OfferDraft:
    """Persons one organisation of a supplying region offers for a request."""

    request_id: int
    region_code: str
    organisation: str
    organisation_id: str | None
    category: str
    subcategory: str
    persons: int
    agreement_id: int | None = None


def reference(year: int, number: int) -> str:
    """The human-readable reference number, e.g. 'BV-2026-0007'."""
    return f"{REFERENCE_PREFIX}-{year}-{number:04d}"


def end_date(start: date, duration: Duration) -> date:
    """The last day of a deployment of ``duration`` from ``start`` (part days count)."""
    return start + timedelta(days=calendar_days(duration) - 1)


def request_problems(draft: RequestDraft, today: date) -> list[str]:
    """What is wrong with a request before it is filed (Dutch), empty when it may be filed."""
    problems = []
    if not draft.targets:
        problems.append(texts.ASSIST_NEEDS_TARGET)
    if not 1 <= draft.persons_needed <= 1_000_000:
        problems.append(texts.ASSIST_PERSONS_RANGE)
    if draft.duration.amount < 1:
        problems.append(texts.ASSIST_DURATION_RANGE)
    if draft.start_date < today:
        problems.append(texts.ASSIST_START_PAST)
    location = draft.report_location.strip()
    if not location or len(location) > MAX_TEXT or any(ord(c) < 32 for c in location):
        problems.append(texts.ASSIST_LOCATION_NEEDED.format(max=MAX_TEXT))
    return problems
