"""The attachment to the formal request: request, offers, accepted persons, agreements, cost."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from capaciteit import texts
from capaciteit.assistance.costing import estimate_lines, estimate_sentence, format_eur
from capaciteit.assistance.state import deployments, offers
from capaciteit.deployment.cost import CostEstimate
from capaciteit.exports import to_xlsx_workbook
from capaciteit.formatting import format_date, format_datetime


def request_table(request: pd.Series, status: str) -> pd.DataFrame:
    """The request as two columns: field and value."""
    labels = texts.ASSIST_REQUEST_FIELDS
    values = {
        "reference": request["reference"], "status": status,
        "region": request["region_code"], "targets": ", ".join(request["targets"]),
        "question": request["question"], "persons": int(request["persons_needed"]),
        "start": format_date(pd.Timestamp(request["start_date"]).date()),
        "end": format_date(pd.Timestamp(request["end_date"]).date()),
        "duration": duration_text(request), "location": request["report_location"],
        "by": request["created_by"], "at": format_datetime(request["created_at"]),
    }
    return pd.DataFrame({texts.ASSIST_FIELD: [labels[k] for k in values],
                         texts.ASSIST_VALUE: [str(v) for v in values.values()]})


def duration_text(request: pd.Series) -> str:
    """'3 dagen'."""
    return f"{int(request['duration_amount'])} {request['duration_unit']}"


def offers_view(events: pd.DataFrame) -> pd.DataFrame:
    """Every offer of a request with what was accepted, Dutch headers."""
    table = offers(events)
    view = pd.DataFrame({
        "id": table["id"], "region_code": table["region_code"],
        "organisation": table["organisation"], "subcategory": table["subcategory"],
        "persons": table["persons"], "accepted_persons": table["accepted_persons"],
        "agreement_id": table["agreement_id"].map(
            lambda a: "" if pd.isna(a) else str(int(a))),
        "rate": [format_eur(None if pd.isna(r) else r) if u != "geen vergoeding"
                 else u for r, u in zip(table["compensation_eur"],
                                        table["compensation_unit"], strict=True)],
        "unit": table["compensation_unit"].fillna(""),
        "actor": table["actor"], "at": table["at"].map(format_datetime)})
    return view.rename(columns=texts.ASSIST_OFFER_COLUMNS)


def deployed_view(request: pd.Series, events: pd.DataFrame) -> pd.DataFrame:
    """The accepted persons: who, how many, from when to when, reported back or not."""
    table = deployments(pd.DataFrame([request]), events)
    view = pd.DataFrame({
        "acceptance_id": table["acceptance_id"], "region_code": table["region_code"],
        "organisation": table["organisation"], "subcategory": table["subcategory"],
        "persons": table["persons"],
        "start": table["start_date"].map(lambda d: format_date(pd.Timestamp(d).date())),
        "end": table["end_date"].map(lambda d: format_date(pd.Timestamp(d).date())),
        "returned": table["returned_at"].map(
            lambda t: "" if pd.isna(t) else format_datetime(t))})
    return view.rename(columns=texts.ASSIST_DEPLOYED_COLUMNS)


def request_workbook(request: pd.Series, status: str, events: pd.DataFrame,
                     estimate: CostEstimate, made_at: datetime) -> bytes:
    """The .xlsx to attach to the formal request."""
    notes = [estimate_sentence(estimate, duration_text(request)),
             texts.ASSIST_COST_ASSUMPTIONS,
             texts.PRINT_MADE.format(tijd=format_datetime(made_at))]
    return to_xlsx_workbook({
        texts.ASSIST_SHEETS["request"]: request_table(request, status),
        texts.ASSIST_SHEETS["offers"]: offers_view(events),
        texts.ASSIST_SHEETS["deployed"]: deployed_view(request, events),
        texts.ASSIST_SHEETS["cost"]: estimate_lines(estimate)}, notes)
