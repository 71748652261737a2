"""The cost rule (issue 13): rate × unit × persons × duration, Decimal, never 0 for no rate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from capaciteit.deployment.cost import (
    CostLine,
    Duration,
    estimate_cost,
    hours_of,
    shift_assumptions,
)


def line(unit: str | None, rate: str | None, persons: int = 2,
         agreement_id: int | None = 1) -> CostLine:
    return CostLine(agreement_id, "Partner", persons, None if rate is None else Decimal(rate),
                    unit)


@pytest.mark.parametrize(("unit", "rate", "duration", "expected"), [
    ("per uur", "32.75", Duration(10, "uren"), Decimal("655.00")),       # 32,75 × 10 × 2
    ("per uur", "10.005", Duration(1, "uren"), Decimal("20.01")),        # half-up to cents
    ("per persoon per dag", "120", Duration(30, "uren"), Decimal("480.00")),  # 2 days × 2
    ("per persoon per dag", "120", Duration(1, "weken"), Decimal("1680.00")),
    ("vast bedrag", "65.5", Duration(3, "dagen"), Decimal("65.50")),
    ("geen vergoeding", None, Duration(3, "dagen"), Decimal("0.00")),
], ids=["per-hour", "half-up", "part-day-rounds-up", "week", "fixed-once", "free-is-priced"])
def test_a_line_is_priced_by_its_unit(unit, rate, duration, expected):
    estimate = estimate_cost([line(unit, rate)], duration)
    assert estimate.items[0].amount_eur == expected
    assert estimate.total_eur == expected
    assert estimate.unpriced_persons == 0


def test_per_dienst_counts_shifts_by_the_stated_assumptions():
    length, per_day = shift_assumptions()
    hours = hours_of(Duration(3, "dagen"))
    shifts = min(-(-hours // length), 3 * per_day)
    estimate = estimate_cost([line("per dienst", "200", persons=4)], Duration(3, "dagen"))
    assert estimate.total_eur == Decimal(200 * shifts * 4).quantize(Decimal("0.01"))


def test_no_agreed_rate_is_unpriced_never_zero_and_a_fixed_amount_counts_once():
    lines = [line("vast bedrag", "1000", agreement_id=7), line("vast bedrag", "1000",
                                                               agreement_id=7),
             line(None, None, persons=5, agreement_id=None),
             line("per uur", None, persons=3, agreement_id=9)]
    estimate = estimate_cost(lines, Duration(2, "dagen"))
    assert [i.amount_eur for i in estimate.items] == [Decimal("1000.00"), Decimal("0.00"),
                                                       None, None]
    assert estimate.total_eur == Decimal("1000.00")
    assert estimate.unpriced_persons == 8


def test_an_unknown_duration_unit_is_refused():
    with pytest.raises(ValueError):
        estimate_cost([line("per uur", "1")], Duration(1, "maanden"))
