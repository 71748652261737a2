"""The running cost estimate of a request (issue 13's rule, ``deployment.cost``)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from capaciteit import texts
from capaciteit.assistance.state import offers
from capaciteit.deployment.cost import CostEstimate, CostLine, Duration, estimate_cost


def format_eur(amount: Decimal | None) -> str:
    """'€ 1.234,50', exactly to the cent; no amount: 'geen tarief afgesproken'."""
    if amount is None:
        return texts.ASSIST_NO_RATE
    whole, cents = f"{amount:.2f}".split(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(reversed([digits[max(i - 3, 0):i]
                                 for i in range(len(digits), 0, -3)]))
    return f"€ {sign}{grouped},{cents}"


def request_estimate(request: pd.Series, events: pd.DataFrame,
                     accepted_only: bool = True) -> CostEstimate:
    """Cost of the accepted persons (or, ``accepted_only`` False, of every offer)."""
    table = offers(events[events["request_id"] == request["id"]])
    lines = [CostLine(None if pd.isna(row.agreement_id) else int(row.agreement_id),
                      str(row.organisation),
                      int(row.accepted_persons if accepted_only else row.persons),
                      None if row.compensation_eur is None or pd.isna(row.compensation_eur)
                      else Decimal(str(row.compensation_eur)),
                      None if row.compensation_unit is None or pd.isna(row.compensation_unit)
                      else str(row.compensation_unit))
             for row in table.itertuples()
             if (row.accepted_persons if accepted_only else row.persons) > 0]
    duration = Duration(int(request["duration_amount"]), str(request["duration_unit"]))
    return estimate_cost(lines, duration)


def estimate_lines(estimate: CostEstimate) -> pd.DataFrame:
    """The estimate as a table with Dutch headers, amounts as exact text."""
    rows = [{texts.ASSIST_COST_COLUMNS["partner"]: item.line.partner_name,
             texts.ASSIST_COST_COLUMNS["agreement"]: item.line.agreement_id,
             texts.ASSIST_COST_COLUMNS["persons"]: item.line.persons,
             texts.ASSIST_COST_COLUMNS["rate"]: format_eur(item.line.compensation_eur)
             if item.line.compensation_unit != "geen vergoeding" else format_eur(Decimal(0)),
             texts.ASSIST_COST_COLUMNS["unit"]: item.line.compensation_unit or "",
             texts.ASSIST_COST_COLUMNS["amount"]: format_eur(item.amount_eur)}
            for item in estimate.items]
    return pd.DataFrame(rows, columns=list(texts.ASSIST_COST_COLUMNS.values()))


def estimate_sentence(estimate: CostEstimate, duration_text: str) -> str:
    """'Geschatte kosten voor 3 dagen: € 1.234,50 (2 personen zonder afgesproken tarief).'"""
    sentence = texts.ASSIST_COST_TOTAL.format(duur=duration_text,
                                              bedrag=format_eur(estimate.total_eur))
    if estimate.unpriced_persons:
        sentence += " " + texts.ASSIST_COST_UNPRICED.format(aantal=estimate.unpriced_persons)
    return sentence
