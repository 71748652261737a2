"""Pure helpers for the Inzetbaar page: choices, sentences, tables, the export and print view."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import datetime
from numbers import Number

import pandas as pd

from capaciteit import texts
from capaciteit.capacity.categories import Category, horizons, powers
from capaciteit.deployment.answer import Answer, Question
from capaciteit.exports import to_xlsx_workbook
from capaciteit.formatting import format_date, format_datetime, format_number

Scope = tuple[str, str | None]
SUPPLIER_VIEW = ["region_name", "ring", "distance_km", "deployable_persons", "covered_persons",
                 "uncovered_persons", "peildatum_min", "uploaded_at", "stale"]
AGREEMENT_VIEW = ["partner_name", "partner_type", "agreement_region", "supplier_regions",
                  "covered_persons_agreement", "committed_persons", "lead_time_hours",
                  "exceeds_horizon", "compensation_arrangement", "compensation_eur",
                  "compensation_unit", "payer", "valid_to"]
PRINT_CSS = """
body{font:11pt/1.4 sans-serif;color:#111;margin:2em}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:13pt;margin:1.2em 0 .3em}
table{border-collapse:collapse;width:100%;font-size:9.5pt}
th,td{border:1px solid #888;padding:2px 5px;text-align:left;vertical-align:top}
td.n{text-align:right}.stale{color:#a50f15;font-weight:bold}
.meta{color:#444}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}
.noprint{display:none}@page{size:A4 landscape;margin:12mm}}
"""


def scope_options(categories: tuple[Category, ...]) -> dict[str, str]:
    """Choices for the (sub)category field: 'boa' (whole category) and 'boa/domein-4'."""
    options: dict[str, str] = {}
    for category in categories:
        options[category.code] = texts.DEPLOY_ALL_OF_CATEGORY.format(naam=category.name)
        for sub in category.subcategories:
            options[f"{category.code}/{sub.code}"] = f"{category.name} – {sub.name}"
    return options


def scopes_from_keys(keys: Iterable[str]) -> tuple[Scope, ...]:
    """('boa', None) for 'boa', ('boa', 'domein-4') for 'boa/domein-4'."""
    pairs = (key.split("/", 1) for key in keys)
    return tuple((p[0], p[1] if len(p) > 1 else None) for p in pairs)


def scope_keys(scopes: Iterable[Scope]) -> list[str]:
    """The field's keys for (category, subcategory) pairs."""
    return [c if s is None else f"{c}/{s}" for c, s in scopes]


def power_options(found: Iterable[object]) -> list[str]:
    """The reference powers, then any other power named in the data, without duplicates."""
    names = [p.name for p in powers()]
    known = {n.casefold() for n in names}
    extra = set()
    for text in found:
        if isinstance(text, str):
            extra |= {p.strip() for p in text.split(";") if p.strip()}
    return names + sorted(e for e in extra if e.casefold() not in known)


def horizon_label(hours: int) -> str:
    """'binnen 24 uur' for a known horizon."""
    return next((h.name for h in horizons() if h.hours == hours),
                texts.DEPLOY_WITHIN_HOURS.format(uren=hours))


def question_line(question: Question, names: dict[str, str],
                  categories: tuple[Category, ...]) -> str:
    """The question in one Dutch line, for the answer, the export and the print view."""
    options = scope_options(categories)
    scopes = ", ".join(options.get(k, k) for k in scope_keys(question.scopes))
    return texts.DEPLOY_QUESTION_LINE.format(
        doelen=", ".join(f"{names.get(c, c)} ({c})" for c in question.targets),
        inzet=scopes or texts.DEPLOY_ALL_SCOPES,
        bevoegdheden=(texts.DEPLOY_WITH_POWERS.format(namen=", ".join(question.powers))
                      if question.powers else texts.DEPLOY_NO_POWERS),
        binnen=horizon_label(question.hours), nodig=format_number(question.persons_needed),
        gebied=texts.SEARCH_AREA_LABELS[question.search_area].lower())


def answer_sentences(answer: Answer, names: dict[str, str], stale_after_days: int) -> list[str]:
    """The shortfall stated plainly, then what to keep in mind (markdown)."""
    q = answer.question
    within = horizon_label(q.hours).capitalize()
    if answer.deployable == 0:
        lines = [texts.DEPLOY_NOTHING.format(nodig=format_number(q.persons_needed),
                                             binnen=within)]
    else:
        template = texts.DEPLOY_SHORTFALL if answer.shortfall else texts.DEPLOY_NO_SHORTFALL
        lines = [template.format(tekort=format_number(answer.shortfall), binnen=within,
                                 inzetbaar=format_number(answer.deployable),
                                 nodig=format_number(q.persons_needed),
                                 gedekt=format_number(answer.covered))]
        if answer.shortfall_covered_only > answer.shortfall:
            lines.append(texts.DEPLOY_COVERED_SHORTFALL.format(
                tekort=format_number(answer.shortfall_covered_only)))
    suppliers = answer.suppliers
    missing = suppliers.loc[~suppliers["has_data"], "region_code"]
    if len(missing):
        lines.append(texts.DEPLOY_NO_DATA_REGIONS.format(
            regios=", ".join(names.get(c, c) for c in missing)))
    stale = suppliers.loc[suppliers["stale"], "region_code"]
    if len(stale):
        lines.append(texts.DEPLOY_STALE_REGIONS.format(
            dagen=stale_after_days, regios=", ".join(names.get(c, c) for c in stale)))
    return lines


def supplier_view(answer: Answer) -> pd.DataFrame:
    """The suppliers table with Dutch headers; numbers stay numbers (NaN: geen gegevens)."""
    view = answer.suppliers.copy()
    view["region_name"] = view["region_name"] + " (" + view["region_code"] + ")"
    view["distance_km"] = view["distance_km"].round(0)
    view["peildatum_min"] = view["peildatum_min"].map(format_date)
    view["uploaded_at"] = view["uploaded_at"].map(format_datetime)
    view["stale"] = view["stale"].map({True: texts.DEPLOY_YES, False: texts.DEPLOY_NO})
    return _labelled(view, SUPPLIER_VIEW)


def agreement_view(answer: Answer) -> pd.DataFrame:
    """The covering agreements with Dutch headers."""
    view = answer.agreements.rename(columns={"covered_persons": "covered_persons_agreement"})
    view["agreement_region"] = view["region_code"].map(
        lambda c: c if isinstance(c, str) and c else texts.DEPLOY_NATIONAL)
    view["exceeds_horizon"] = view["exceeds_horizon"].map(
        {True: texts.DEPLOY_YES, False: texts.DEPLOY_NO})
    view["valid_to"] = view["valid_to"].map(lambda d: format_date(d) if pd.notna(d) else "")
    return _labelled(view, AGREEMENT_VIEW)


def freshness_lines(answer: Answer) -> list[str]:
    """Per searched region with data: peildatum and upload moment, stale ones marked."""
    rows = answer.suppliers[answer.suppliers["has_data"]]
    return [texts.DEPLOY_FRESHNESS_LINE.format(
        regio=f"{r.region_name} ({r.region_code})", peildatum=_peildata(r),
        tijd=format_datetime(r.uploaded_at),
        verouderd=texts.DEPLOY_STALE_MARK if r.stale else "")
        for r in rows.itertuples()]


def answer_workbook(answer: Answer, sentences: list[str], question_text: str,
                    made_at: datetime, extra_notes: list[str]) -> bytes:
    """The answer as .xlsx: suppliers, agreements, and the question with its context."""
    notes = [f"{texts.PRINT_QUESTION}: {question_text}", *map(_plain, sentences),
             texts.PRINT_MADE.format(tijd=format_datetime(made_at)), *freshness_lines(answer),
             *extra_notes]
    return to_xlsx_workbook({texts.DEPLOY_SHEETS["suppliers"]: supplier_view(answer),
                             texts.DEPLOY_SHEETS["agreements"]: agreement_view(answer)}, notes)


def print_page(answer: Answer, sentences: list[str], question_text: str,
               made_at: datetime, extra_notes: list[str]) -> str:
    """A self-contained, print-friendly HTML page of the answer for the team's meeting."""
    agreements = (_table(agreement_view(answer)) if len(answer.agreements)
                  else f"<p>{html.escape(texts.DEPLOY_NO_AGREEMENTS)}</p>")
    fresh = "".join(f'<li{" class=stale" if texts.DEPLOY_STALE_MARK in line else ""}>'
                    f"{html.escape(line)}</li>" for line in freshness_lines(answer))
    notes = "".join(f"<p class=meta>{html.escape(n)}</p>" for n in extra_notes)
    return (
        f"<!doctype html><html lang=nl><head><meta charset=utf-8>"
        f"<title>{html.escape(texts.PRINT_TITLE)}</title><style>{PRINT_CSS}</style></head>"
        f"<body><h1>{html.escape(texts.PRINT_TITLE)}</h1>"
        f"<p class=meta>{html.escape(texts.PRINT_MADE.format(tijd=format_datetime(made_at)))}"
        f"</p><h2>{html.escape(texts.PRINT_QUESTION)}</h2><p>{html.escape(question_text)}</p>"
        f"<h2>{html.escape(texts.PRINT_ANSWER)}</h2>"
        + "".join(f"<p>{_markdown_bold(s)}</p>" for s in sentences)
        + f"<h2>{html.escape(texts.DEPLOY_SUPPLIERS)}</h2>{_table(supplier_view(answer))}"
        f"<h2>{html.escape(texts.DEPLOY_AGREEMENTS)}</h2>{agreements}"
        f"<h2>{html.escape(texts.PRINT_FRESHNESS)}</h2><ul>{fresh}</ul>{notes}"
        "</body></html>")


def _labelled(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    labels = {**texts.COLUMN_LABELS, **texts.DEPLOY_COLUMN_LABELS}
    return frame[columns].rename(columns=labels).reset_index(drop=True)


def _peildata(row: object) -> str:
    low, high = getattr(row, "peildatum_min"), getattr(row, "peildatum_max")  # noqa: B009
    return format_date(low) if low == high else f"{format_date(low)} – {format_date(high)}"


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v) for v in row) + "</tr>"
        for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object) -> str:
    if value is pd.NA or (isinstance(value, Number) and not isinstance(value, bool)):
        shown = texts.NO_DATA if pd.isna(value) else format_number(value)  # type: ignore[arg-type]
        return f"<td class=n>{html.escape(shown)}</td>"
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


def _plain(markdown: str) -> str:
    return markdown.replace("**", "")


def _markdown_bold(markdown: str) -> str:
    escaped = html.escape(markdown)
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
