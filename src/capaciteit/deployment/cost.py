"""What a deployment costs under its agreements: rate × unit × persons × duration.

The shared cost API of issue 13 (used by the crisis answer and the bijstand
request). Money is ``Decimal``, rounded half-up to cents. A person without an
agreed rate is never priced at 0: their line has no amount and is counted in
``CostEstimate.unpriced_persons``. "geen vergoeding" is agreed: € 0,00, priced.

Units (``reference/afspraken.toml`` [vergoeding].eenheden) and what they multiply:

- "per uur": rate × working hours × persons
- "per dienst": rate × shifts × persons (a shift's length in ``reference/kosten.toml``)
- "per persoon per dag": rate × deployment days (part days round up) × persons
- "vast bedrag": the rate once per agreement
- "geen vergoeding": € 0,00

A duration in hours is each person's working time; in days or weeks, each
deployment day holds ``diensten_per_dag`` shifts of ``dienst_uren`` hours.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from typing import Any

CENT = Decimal("0.01")
PER_HOUR = "per uur"
PER_SHIFT = "per dienst"
PER_PERSON_PER_DAY = "per persoon per dag"
FIXED = "vast bedrag"
NO_COMPENSATION = "geen vergoeding"


@dataclass(frozen=True)
class Duration:
    """How long the deployment lasts: ``amount`` in ``unit`` (one of ``duration_units()``)."""

    amount: int
    unit: str  # "uren" | "dagen" | "weken"  (list in reference data)


@dataclass(frozen=True)
class CostLine:
    """Persons deployed under one agreement (``agreement_id`` None: under none)."""

    agreement_id: int | None
    partner_name: str
    persons: int
    compensation_eur: Decimal | None  # the agreed rate; None = no agreed rate
    compensation_unit: str | None  # one of reference/afspraken.toml [vergoeding].eenheden


@dataclass(frozen=True)
class CostItem:
    """A line and what it costs (None: no agreed rate, never priced at 0)."""

    line: CostLine
    amount_eur: Decimal | None


@dataclass(frozen=True)
class CostEstimate:
    """The priced lines, their total and the persons no agreed rate prices."""

    items: tuple[CostItem, ...]
    total_eur: Decimal  # sum of the priced items
    unpriced_persons: int  # persons without an agreed rate, stated as such


@dataclass(frozen=True)
class CostAssumptions:
    """How a duration becomes hours, shifts and days (``reference/kosten.toml``)."""

    shift_hours: int
    shifts_per_day: int
    days_per_week: int

    @property
    def hours_per_day(self) -> int:
        """Working hours of one person on one deployment day."""
        return self.shift_hours * self.shifts_per_day


@dataclass(frozen=True)
class Span:
    """A duration as each person's working hours, shifts and (whole) deployment days."""

    hours: int
    shifts: int
    days: int


def estimate_cost(lines: Sequence[CostLine], duration: Duration) -> CostEstimate:
    """Price each line for ``duration``; the total sums the priced ones.

    Examples
    --------
    >>> line = CostLine(1, "Gemeente A", 3, Decimal("65.50"), "per uur")
    >>> estimate = estimate_cost([line], Duration(2, "uren"))
    >>> estimate.total_eur, estimate.unpriced_persons
    (Decimal('393.00'), 0)
    >>> estimate_cost([CostLine(None, "", 4, None, None)], Duration(1, "dagen")).unpriced_persons
    4
    """
    span = duration_span(duration)
    items = tuple(CostItem(line, line_amount(line, span)) for line in lines)
    priced = [item.amount_eur for item in items if item.amount_eur is not None]
    return CostEstimate(
        items=items, total_eur=sum(priced, Decimal("0.00")).quantize(CENT, ROUND_HALF_UP),
        unpriced_persons=sum(item.line.persons for item in items if item.amount_eur is None))


def line_amount(line: CostLine, span: Span) -> Decimal | None:
    """What one line costs over ``span``; None when it has no agreed rate."""
    if line.compensation_unit == NO_COMPENSATION:
        return Decimal("0.00")
    if line.compensation_eur is None or line.compensation_unit is None:
        return None
    rate = Decimal(line.compensation_eur)
    factors = {PER_HOUR: span.hours * line.persons, PER_SHIFT: span.shifts * line.persons,
               PER_PERSON_PER_DAY: span.days * line.persons, FIXED: 1}
    if line.compensation_unit not in factors:
        raise ValueError(f"unknown compensation unit {line.compensation_unit!r}")
    return (rate * factors[line.compensation_unit]).quantize(CENT, ROUND_HALF_UP)


def duration_span(duration: Duration, assumptions: CostAssumptions | None = None) -> Span:
    """Each person's working hours, shifts and deployment days over ``duration``.

    Examples
    --------
    >>> duration_span(Duration(12, "uren"))
    Span(hours=12, shifts=2, days=2)
    >>> duration_span(Duration(2, "weken"))
    Span(hours=112, shifts=14, days=14)
    """
    a = assumptions or cost_assumptions()
    if duration.unit not in duration_units():
        raise ValueError(f"unknown duration unit {duration.unit!r}")
    if duration.amount < 1:
        raise ValueError("a duration is at least 1")
    if duration.unit == "uren":
        hours = duration.amount
        return Span(hours, math.ceil(hours / a.shift_hours), math.ceil(hours / a.hours_per_day))
    days = duration.amount * (a.days_per_week if duration.unit == "weken" else 1)
    return Span(days * a.hours_per_day, days * a.shifts_per_day, days)


def calendar_days(duration: Duration, assumptions: CostAssumptions | None = None) -> int:
    """The calendar days a deployment of ``duration`` spans (part days count, at least 1).

    Unlike :func:`duration_span` (each person's working time), hours here are clock hours.

    Examples
    --------
    >>> calendar_days(Duration(12, "uren")), calendar_days(Duration(30, "uren"))
    (1, 2)
    >>> calendar_days(Duration(2, "weken"))
    14
    """
    a = assumptions or cost_assumptions()
    if duration.unit == "uren":
        return max(math.ceil(duration.amount / 24), 1)
    return duration.amount * (a.days_per_week if duration.unit == "weken" else 1)


def to_money(value: object) -> Decimal | None:
    """A stored amount (float, text, Decimal) as euros and cents; None when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


@cache
def duration_units() -> tuple[str, ...]:
    """The units a duration may have, from reference data."""
    return tuple(_reference()["duureenheden"])


@cache
def cost_assumptions() -> CostAssumptions:
    """Shift length, shifts per day and days per week, from reference data."""
    data = _reference()["aannames"]
    return CostAssumptions(int(data["dienst_uren"]), int(data["diensten_per_dag"]),
                           int(data["dagen_per_week"]))


def _reference() -> dict[str, Any]:
    text = resources.files("capaciteit.reference").joinpath("kosten.toml").read_text("utf-8")
    return tomllib.loads(text)
