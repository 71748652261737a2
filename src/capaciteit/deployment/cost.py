"""Cost of a deployment: the agreed rate × its unit × persons × duration (issue 13's rule).

- "per uur": rate × hours × persons;
- "per dienst": rate × shifts × persons, shifts = hours / shift length, rounded up, with the
  shift length and shifts per day from ``reference/kosten.toml`` (stated assumptions);
- "per persoon per dag": rate × days × persons, part days rounded up;
- "vast bedrag": the rate once per agreement, however many persons;
- "geen vergoeding": € 0,00, priced (agreed);
- no agreed rate: not priced (``amount_eur`` None), never counted as € 0.

Money is Decimal, rounded half-up to cents.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources

CENT = Decimal("0.01")
PER_HOUR, PER_SHIFT, PER_DAY = "per uur", "per dienst", "per persoon per dag"
FIXED, FREE = "vast bedrag", "geen vergoeding"


@dataclass(frozen=True)
class Duration:
    """How long a deployment lasts: an amount in a unit of ``duration_units()``."""

    amount: int
    unit: str  # "uren" | "dagen" | "weken"  (list in reference data)


@dataclass(frozen=True)
class CostLine:
    """Persons of one partner under one agreement, with the agreed rate (None: no rate)."""

    agreement_id: int | None
    partner_name: str
    persons: int
    compensation_eur: Decimal | None  # the agreed rate; None = no agreed rate
    compensation_unit: str | None  # one of reference/afspraken.toml [vergoeding].eenheden


@dataclass(frozen=True)
class CostItem:
    """One line priced; ``amount_eur`` None when no rate was agreed."""

    line: CostLine
    amount_eur: Decimal | None  # None: no agreed rate -> never priced at 0


@dataclass(frozen=True)
class CostEstimate:
    """The items, the sum of the priced ones and the persons without an agreed rate."""

    items: tuple[CostItem, ...]
    total_eur: Decimal  # sum of the priced items
    unpriced_persons: int  # persons without an agreed rate, stated as such


@cache
def _reference() -> dict[str, dict[str, int]]:
    text = resources.files("capaciteit.reference").joinpath("kosten.toml").read_text("utf-8")
    return tomllib.loads(text)


def duration_units() -> dict[str, int]:
    """The units a duration may be given in, with their length in hours."""
    return dict(_reference()["duur"])


def shift_assumptions() -> tuple[int, int]:
    """(shift length in hours, shifts per day) assumed for "per dienst"."""
    shift = _reference()["dienst"]
    return int(shift["lengte_uren"]), int(shift["per_dag"])


def hours_of(duration: Duration) -> int:
    """The duration in hours; raises ValueError for an unknown unit or a negative amount."""
    units = duration_units()
    if duration.unit not in units:
        raise ValueError(f"unknown duration unit {duration.unit!r}")
    if duration.amount < 0:
        raise ValueError("a duration cannot be negative")
    return duration.amount * units[duration.unit]


def estimate_cost(lines: Sequence[CostLine], duration: Duration) -> CostEstimate:
    """Price each line for ``duration``; lines without an agreed rate stay unpriced."""
    hours = hours_of(duration)
    days = math.ceil(hours / 24)
    shift_hours, per_day = shift_assumptions()
    shifts = min(math.ceil(hours / shift_hours), days * per_day)
    multiplier = {PER_HOUR: hours, PER_SHIFT: shifts, PER_DAY: days}
    items: list[CostItem] = []
    fixed_seen: set[int | None] = set()
    for line in lines:
        amount: Decimal | None
        if line.compensation_unit == FREE:
            amount = Decimal("0.00")
        elif line.compensation_eur is None or line.compensation_unit is None:
            amount = None
        elif line.compensation_unit == FIXED:
            once = line.agreement_id is None or line.agreement_id not in fixed_seen
            fixed_seen.add(line.agreement_id)
            amount = Decimal(line.compensation_eur) if once else Decimal("0.00")
        elif line.compensation_unit in multiplier:
            amount = (Decimal(line.compensation_eur) * multiplier[line.compensation_unit]
                      * line.persons)
        else:
            raise ValueError(f"unknown compensation unit {line.compensation_unit!r}")
        items.append(CostItem(line, None if amount is None
                              else amount.quantize(CENT, rounding=ROUND_HALF_UP)))
    total = sum((i.amount_eur for i in items if i.amount_eur is not None), Decimal("0.00"))
    unpriced = sum(i.line.persons for i in items if i.amount_eur is None)
    return CostEstimate(tuple(items), total.quantize(CENT, rounding=ROUND_HALF_UP), unpriced)
