"""The cost estimate (deployment.cost): rate × unit × persons × duration, exact to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capaciteit.agreements.model import reference
from capaciteit.deployment.cost import (
    CostAssumptions,
    CostLine,
    Duration,
    Span,
    cost_assumptions,
    duration_span,
    duration_units,
    estimate_cost,
    to_money,
)

RATE = Decimal("65.50")


def line(unit: str | None, persons: int = 3, rate: Decimal | None = RATE,
         agreement_id: int | None = 7) -> CostLine:
    return CostLine(agreement_id, "Gemeente Utrecht", persons, rate, unit)


def test_the_reference_assumptions_are_an_eight_hour_shift_once_a_day_seven_days_a_week():
    assert cost_assumptions() == CostAssumptions(8, 1, 7)
    assert duration_units() == ("uren", "dagen", "weken")


@pytest.mark.parametrize(("duration", "span"), [
    (Duration(1, "uren"), Span(1, 1, 1)),
    (Duration(8, "uren"), Span(8, 1, 1)),
    (Duration(9, "uren"), Span(9, 2, 2)),
    (Duration(24, "uren"), Span(24, 3, 3)),
    (Duration(3, "dagen"), Span(24, 3, 3)),
    (Duration(1, "weken"), Span(56, 7, 7)),
])
def test_a_duration_becomes_working_hours_shifts_and_whole_days(duration, span):
    assert duration_span(duration) == span


@pytest.mark.parametrize(("unit", "duration", "expected"), [
    ("per uur", Duration(2, "uren"), Decimal("393.00")),  # 65,50 × 2 h × 3
    ("per uur", Duration(1, "dagen"), Decimal("1572.00")),  # 65,50 × 8 h × 3
    ("per dienst", Duration(9, "uren"), Decimal("393.00")),  # 65,50 × 2 shifts × 3
    ("per dienst", Duration(1, "weken"), Decimal("1375.50")),  # 65,50 × 7 × 3
    ("per persoon per dag", Duration(1, "uren"), Decimal("196.50")),  # part day: 1 day
    ("per persoon per dag", Duration(2, "dagen"), Decimal("393.00")),
    ("vast bedrag", Duration(2, "weken"), Decimal("65.50")),  # once per agreement
    ("geen vergoeding", Duration(2, "weken"), Decimal("0.00")),
])
def test_each_unit_multiplies_the_rate_by_what_it_names(unit, duration, expected):
    estimate = estimate_cost([line(unit)], duration)
    assert estimate.items[0].amount_eur == expected
    assert estimate.total_eur == expected
    assert estimate.unpriced_persons == 0


def test_every_agreed_unit_of_the_reference_list_is_priced():
    for unit in reference().compensation_units:
        assert estimate_cost([line(unit)], Duration(1, "dagen")).unpriced_persons == 0


def test_persons_without_an_agreed_rate_are_stated_and_never_priced_at_zero():
    lines = [line("per uur", persons=2), line(None, persons=5, rate=None, agreement_id=None),
             line("per uur", persons=4, rate=None, agreement_id=9)]
    estimate = estimate_cost(lines, Duration(1, "uren"))
    assert [i.amount_eur for i in estimate.items] == [Decimal("131.00"), None, None]
    assert estimate.total_eur == Decimal("131.00")
    assert estimate.unpriced_persons == 9


def test_amounts_round_half_up_to_cents():
    estimate = estimate_cost([line("per uur", persons=1, rate=Decimal("0.125"))],
                             Duration(1, "uren"))
    assert estimate.total_eur == Decimal("0.13")
    assert to_money(65.5) == Decimal("65.50")
    assert to_money(0.1 + 0.2) == Decimal("0.30")
    assert to_money(None) is None and to_money(float("nan")) is None


@pytest.mark.parametrize("bad", [Duration(0, "uren"), Duration(1, "maanden")])
def test_a_duration_outside_the_reference_is_refused(bad):
    with pytest.raises(ValueError):
        estimate_cost([line("per uur")], bad)


def test_an_unknown_unit_is_refused_not_guessed():
    with pytest.raises(ValueError):
        estimate_cost([line("per week")], Duration(1, "dagen"))


@given(cents=st.integers(0, 10_000_000), persons=st.integers(0, 5000),
       amount=st.integers(1, 500), unit=st.sampled_from(["uren", "dagen", "weken"]),
       priced=st.lists(st.booleans(), min_size=1, max_size=6))
def test_the_total_is_the_sum_of_the_priced_items_and_scales_with_persons(
        cents, persons, amount, unit, priced):
    rate = Decimal(cents) / 100
    lines = [line("per uur" if p else None, persons=persons, rate=rate if p else None)
             for p in priced]
    estimate = estimate_cost(lines, Duration(amount, unit))
    hours = duration_span(Duration(amount, unit)).hours
    assert estimate.total_eur == rate * hours * persons * sum(priced)
    assert estimate.unpriced_persons == persons * (len(priced) - sum(priced))
    assert estimate.total_eur.as_tuple().exponent == -2
