"""Pure helpers for the Inzetbaar page: choices, the verdict, and the answer's tables."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from capaciteit import texts
from capaciteit.capacity.categories import Category, horizons, powers
from capaciteit.deployment.answer import Answer, Question
from capaciteit.deployment.cost import CostEstimate, Duration, cost_assumptions
from capaciteit.deployment.verdict import Verdict, judge
from capaciteit.formatting import format_date, format_datetime, format_number

Scope = tuple[str, str | None]
SUPPLIER_VIEW = ["region_name", "ring", "distance_km", "deployable_persons", "covered_persons",
                 "uncovered_persons", "peildatum_min", "uploaded_at", "stale"]
# the columns that fit a 1024-px page; the rest of an agreement is on the Afspraken page
AGREEMENT_VIEW = ["agreement", "supplier_regions", "covered_persons_agreement", "lead_time",
                  "compensation", "payer", "valid_to"]
CALLER_VIEW = ["region_name", "organisation", "organisation_id", "deployable_persons",
               "covered", "lead_time_hours", "contact_mailbox", "agreements"]
COST_VIEW = ["partner_name", "persons", "rate", "amount"]


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


def answer_verdict(answer: Answer, names: dict[str, str]) -> Verdict:
    """The one verdict on the answer: both readings, the worse colour, data gaps named."""
    suppliers = answer.suppliers
    missing = suppliers.loc[~suppliers["has_data"], "region_code"]
    return judge(answer.question.persons_needed, answer.deployable, answer.covered,
                 len(suppliers), [f"{names.get(c, c)} ({c})" for c in missing],
                 horizon_label(answer.question.hours).capitalize())


def answer_sentences(answer: Answer, names: dict[str, str], stale_after_days: int) -> list[str]:
    """The verdict's sentences, then what to keep in mind (markdown)."""
    lines = list(answer_verdict(answer, names).sentences)
    stale = answer.suppliers.loc[answer.suppliers["stale"], "region_code"]
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


def caller_view(answer: Answer) -> pd.DataFrame:
    """Whom to call, with Dutch headers: one row per organisation, nearest region first."""
    view = answer.organisations.copy()
    view["region_name"] = view["region_name"] + " (" + view["region_code"] + ")"
    view["covered"] = [texts.DEPLOY_NO if c == 0 else texts.DEPLOY_YES if c == d
                       else texts.CALLER_PARTLY.format(gedekt=format_number(c))
                       for c, d in zip(view["covered_persons"], view["deployable_persons"],
                                       strict=True)]
    view["organisation_id"] = view["organisation_id"].fillna("")
    view["lead_time_hours"] = view["lead_time_hours"].astype("Int64")  # <NA>: no agreement
    return _labelled(view, CALLER_VIEW)


def agreement_view(answer: Answer) -> pd.DataFrame:
    """The covering agreements with Dutch headers, in the columns a page width holds."""
    view = answer.agreements.rename(columns={"covered_persons": "covered_persons_agreement"})
    view["agreement"] = [texts.CALLER_AGREEMENT.format(partner=p, nummer=int(i))
                         for p, i in zip(view["partner_name"], view["agreement_id"], strict=True)]
    view["lead_time"] = [
        (texts.DEPLOY_LEAD_TIME_EXCEEDS if late else texts.DEPLOY_LEAD_TIME_VALUE).format(
            uren=format_number(h)) for h, late in zip(view["lead_time_hours"],
                                                      view["exceeds_horizon"], strict=True)]
    view["compensation"] = [rate_text(e, u) for e, u in zip(
        view["compensation_eur"], view["compensation_unit"], strict=True)]
    view["valid_to"] = view["valid_to"].map(lambda d: format_date(d) if pd.notna(d) else "")
    return _labelled(view, AGREEMENT_VIEW)


def cost_view(estimate: CostEstimate) -> pd.DataFrame:
    """The estimate per agreement, amounts exact; a line without agreed rate says so."""
    rows = [{"partner_name": (texts.CALLER_AGREEMENT.format(partner=i.line.partner_name,
                                                            nummer=i.line.agreement_id)
                              if i.line.agreement_id is not None else i.line.partner_name),
             "persons": i.line.persons,
             "rate": rate_text(i.line.compensation_eur, i.line.compensation_unit),
             "amount": (format_money(i.amount_eur) if i.amount_eur is not None
                        else texts.COST_NO_RATE)}
            for i in estimate.items]
    rows.append({"partner_name": texts.COST_TOTAL,
                 "persons": sum(i.line.persons for i in estimate.items
                                if i.amount_eur is not None),
                 "rate": "", "amount": format_money(estimate.total_eur)})
    return pd.DataFrame(rows, columns=COST_VIEW).rename(columns=texts.COST_COLUMN_LABELS)


def cost_sentences(estimate: CostEstimate, duration: Duration) -> list[str]:
    """The total for the duration, the persons no agreed rate prices, and the assumptions."""
    lines = [texts.COST_TOTAL_LINE.format(
        bedrag=format_money(estimate.total_eur), duur=duration_label(duration),
        personen=format_number(sum(i.line.persons for i in estimate.items
                                   if i.amount_eur is not None)))]
    if estimate.unpriced_persons:
        lines.append(texts.COST_UNPRICED_LINE.format(
            personen=format_number(estimate.unpriced_persons)))
    a = cost_assumptions()
    lines.append(texts.COST_ASSUMPTIONS.format(dienst=a.shift_hours, diensten=a.shifts_per_day,
                                               dagen=a.days_per_week))
    return lines


def duration_label(duration: Duration) -> str:
    """'3 dagen', '1 dag', '12 uur'."""
    one, more = texts.DURATION_WORDS.get(duration.unit, (duration.unit, duration.unit))
    return f"{format_number(duration.amount)} {one if duration.amount == 1 else more}"


def format_money(amount: Decimal) -> str:
    """Euros exactly, Dutch style: '€ 65,50', '€ 1.234.567,00'."""
    text = f"{amount.quantize(Decimal('0.01')):,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def rate_text(amount: object, unit: object) -> str:
    """An agreed rate as '€ 65,50 per uur'; 'geen vergoeding'; the no-rate text when missing."""
    if isinstance(unit, str) and unit == "geen vergoeding":
        return unit
    if amount is None or pd.isna(amount):  # type: ignore[call-overload]
        return texts.COST_NO_RATE
    money = format_money(Decimal(str(amount)))
    return f"{money} {unit}" if isinstance(unit, str) and unit else money


def freshness_lines(answer: Answer) -> list[str]:
    """Per searched region with data: peildatum and upload moment, stale ones marked."""
    rows = answer.suppliers[answer.suppliers["has_data"]]
    return [texts.DEPLOY_FRESHNESS_LINE.format(
        regio=f"{r.region_name} ({r.region_code})", peildatum=_peildata(r),
        tijd=format_datetime(r.uploaded_at),
        verouderd=texts.DEPLOY_STALE_MARK if r.stale else "")
        for r in rows.itertuples()]


def _labelled(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    labels = {**texts.COLUMN_LABELS, **texts.DEPLOY_COLUMN_LABELS}
    return frame[columns].rename(columns=labels).reset_index(drop=True)


def _peildata(row: object) -> str:
    low, high = getattr(row, "peildatum_min"), getattr(row, "peildatum_max")  # noqa: B009
    return format_date(low) if low == high else f"{format_date(low)} – {format_date(high)}"
