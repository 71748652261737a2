"""The crisis answer as .xlsx: question and answer first, then whom to call and the tables.

Dates are date cells (with a date number format), counts and euros are numbers
with a number format; text that looks like a formula is escaped, never run.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from capaciteit import texts
from capaciteit.deployment.handout import Handout
from capaciteit.deployment.view import caller_view, cost_sentences
from capaciteit.exports import escape_formulas

LOCAL_ZONE = "Europe/Amsterdam"
FORMATS = {"date": {"num_format": "d-m-yyyy"}, "datetime": {"num_format": "d-m-yyyy hh:mm"},
           "count": {"num_format": "#,##0"}, "money": {"num_format": "€ #,##0.00"},
           "bold": {"bold": True}, "head": {"bold": True, "bottom": 1},
           "demo": {"bold": True, "font_color": "#b3261e", "font_size": 14},
           "wrap": {"text_wrap": True, "valign": "top"}}


def answer_workbook(handout: Handout) -> bytes:
    """The answer's workbook: first sheet the question and answer, then the tables."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    formats = {name: book.add_format(spec) for name, spec in FORMATS.items()}
    _question_sheet(book.add_worksheet(texts.DEPLOY_SHEETS["answer"]), handout, formats)
    for key, frame in (("callers", caller_view(handout.answer)),
                       ("suppliers", supplier_frame(handout)),
                       ("agreements", agreement_frame(handout))):
        sheet = book.add_worksheet(texts.DEPLOY_SHEETS[key])
        _table(sheet, 0, frame, formats)
        sheet.freeze_panes(1, 0)
        sheet.autofit()
    book.close()
    return buffer.getvalue()


def supplier_frame(handout: Handout) -> pd.DataFrame:
    """The suppliers with real dates (peildatum, aangeleverd) for the workbook."""
    s = handout.answer.suppliers
    labels = {**texts.COLUMN_LABELS, **texts.DEPLOY_COLUMN_LABELS}
    return pd.DataFrame({
        labels["region_name"]: s["region_name"] + " (" + s["region_code"] + ")",
        labels["ring"]: s["ring"], labels["distance_km"]: s["distance_km"].round(0),
        labels["deployable_persons"]: s["deployable_persons"],
        labels["covered_persons"]: s["covered_persons"],
        labels["uncovered_persons"]: s["uncovered_persons"],
        labels["peildatum_min"]: s["peildatum_min"].map(_day),
        labels["uploaded_at"]: s["uploaded_at"].map(_moment),
        labels["stale"]: s["stale"].map({True: texts.DEPLOY_YES, False: texts.DEPLOY_NO}),
    })


def agreement_frame(handout: Handout) -> pd.DataFrame:
    """The covering agreements with the rate as a number and the end date as a date."""
    a = handout.answer.agreements
    labels = texts.DEPLOY_COLUMN_LABELS
    return pd.DataFrame({
        labels["agreement_id"]: a["agreement_id"], labels["partner_name"]: a["partner_name"],
        labels["supplier_regions"]: a["supplier_regions"],
        labels["covered_persons_agreement"]: a["covered_persons"],
        labels["lead_time_hours"]: a["lead_time_hours"],
        labels["exceeds_horizon"]: a["exceeds_horizon"].map(
            {True: texts.DEPLOY_YES, False: texts.DEPLOY_NO}),
        labels["compensation_eur"]: [Decimal(str(v)) if pd.notna(v) else None
                                     for v in a["compensation_eur"]],
        labels["compensation_unit"]: a["compensation_unit"],
        labels["compensation_arrangement"]: a["compensation_arrangement"],
        labels["payer"]: a["payer"], labels["valid_to"]: a["valid_to"].map(_day),
    })


def _question_sheet(sheet: Worksheet, h: Handout, formats: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 4, 22)
    sheet.write_string(0, 0, texts.PRINT_TITLE, formats["bold"])
    row = 1
    if h.demo:
        sheet.write_string(row, 0, texts.DEMO_BANNER.replace("**", ""), formats["demo"])
        row += 1
    sheet.write_string(row, 0, texts.PRINT_MADE.format(tijd=""), formats["bold"])
    sheet.write_datetime(row, 1, _moment(h.made_at), formats["datetime"])
    sheet.write_string(row + 1, 0, texts.PRINT_QUESTION, formats["bold"])
    sheet.write_string(row + 1, 1, _safe(h.question_text))
    sheet.write_string(row + 2, 0, texts.PRINT_ANSWER, formats["bold"])
    row += 2
    for line in h.sentences:
        sheet.write_string(row, 1, _safe(line.replace("**", "")))
        row += 1
    sheet.write_string(row + 1, 0, texts.COST_HEADER, formats["bold"])
    row = _table(sheet, row + 2, _cost_frame(h), formats) + 1
    for line in cost_sentences(h.estimate, h.duration):
        sheet.write_string(row, 1, line.replace("**", ""))
        row += 1
    sheet.write_string(row + 1, 0, texts.PRINT_FRESHNESS, formats["bold"])
    row = _table(sheet, row + 2, _freshness_frame(h), formats) + 1
    for line in [texts.DEPLOY_TERMS.replace("**", ""), *h.notes]:
        sheet.write_string(row, 0, _safe(line))
        row += 1


def _cost_frame(h: Handout) -> pd.DataFrame:
    labels = texts.COST_COLUMN_LABELS
    rows = [{labels["partner_name"]: i.line.partner_name if i.line.agreement_id is None
             else texts.CALLER_AGREEMENT.format(partner=i.line.partner_name,
                                                nummer=i.line.agreement_id),
             labels["persons"]: i.line.persons, labels["rate"]: i.line.compensation_eur,
             texts.DEPLOY_COLUMN_LABELS["compensation_unit"]: i.line.compensation_unit or "",
             labels["amount"]: i.amount_eur if i.amount_eur is not None else texts.COST_NO_RATE}
            for i in h.estimate.items]
    rows.append({labels["partner_name"]: texts.COST_TOTAL, labels["amount"]: h.estimate.total_eur,
                 labels["persons"]: sum(i.line.persons for i in h.estimate.items
                                        if i.amount_eur is not None)})
    return pd.DataFrame(rows)


def _freshness_frame(h: Handout) -> pd.DataFrame:
    s = h.answer.suppliers[h.answer.suppliers["has_data"]]
    labels = {**texts.COLUMN_LABELS, **texts.DEPLOY_COLUMN_LABELS}
    return pd.DataFrame({
        labels["region_name"]: s["region_name"] + " (" + s["region_code"] + ")",
        labels["peildatum_min"]: s["peildatum_min"].map(_day),
        texts.PRINT_PEILDATUM_MAX: s["peildatum_max"].map(_day),
        labels["uploaded_at"]: s["uploaded_at"].map(_moment),
        labels["stale"]: s["stale"].map({True: texts.DEPLOY_YES, False: texts.DEPLOY_NO})})


def _table(sheet: Worksheet, top: int, frame: pd.DataFrame, formats: dict[str, Any]) -> int:
    """Write a header and rows from ``top``; return the first free row."""
    frame = escape_formulas(frame)
    for col, name in enumerate(frame.columns):
        sheet.write_string(top, col, str(name), formats["head"])
    for r, values in enumerate(frame.itertuples(index=False), start=top + 1):
        for col, value in enumerate(values):
            _cell(sheet, r, col, value, formats)
    return top + 1 + len(frame)


def _cell(sheet: Worksheet, row: int, col: int, value: object, formats: dict[str, Any]) -> None:
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and pd.isna(value)):
        return
    if isinstance(value, datetime):
        sheet.write_datetime(row, col, value, formats["datetime"])
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day),
                             formats["date"])
    elif isinstance(value, Decimal):
        sheet.write_number(row, col, float(value), formats["money"])
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, formats["count"])
    else:
        sheet.write_string(row, col, str(value))


def _day(value: object) -> date | None:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return pd.Timestamp(value).date()  # type: ignore[arg-type]


def _moment(value: object) -> datetime | None:
    """A moment as a naive local (Amsterdam) datetime, as Excel keeps it."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(LOCAL_ZONE).tz_localize(None).to_pydatetime()


def _safe(text: str) -> str:
    return f"'{text}" if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
