"""Agreement rules: the draft, its validation with Dutch messages, and value conversions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from capaciteit import texts
from capaciteit.agreements.model import (
    AGREEMENT_COLUMNS,
    NATIONAL,
    reference,
)
from capaciteit.bounds import Bounds, column_text_problem, is_finite_number
from capaciteit.capacity.categories import Category
from capaciteit.formatting import format_date, format_number
from capaciteit.storage.models import Agreement
from capaciteit.uploads.validation import Issue

if TYPE_CHECKING:  # agreement_sheet builds on this module's draft and rules
    pass


Scope = tuple[str, str | None]  # (category, subcategory or None for the whole category)


FIELDS = [c for c in AGREEMENT_COLUMNS if c != "agreement_id"]


LOGGED_FIELDS = [*FIELDS[:4], "scopes", *FIELDS[4:]]


REQUIRED = ["region_code", "partner_name", "partner_type", "scopes", "committed_persons",
            "lead_time_hours", "valid_from", "status"]


# Texts typed freely (choices are checked against their lists); lengths from the model.
FREE_TEXT = ["partner_name", "partner_id", "powers", "activation_trigger",
             "compensation_arrangement", "payer", "document_reference", "contact_mailbox",
             "contact_person"]


MAILBOX = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class AgreementDraft:
    """An agreement as entered; ``region_code`` is a code, 'landelijk' or None (not chosen)."""

    region_code: str | None
    partner_name: str
    partner_type: str
    scopes: tuple[Scope, ...]
    committed_persons: float | None
    lead_time_hours: float | None
    valid_from: date | None
    status: str
    partner_id: str | None = None
    powers: str = ""
    activation_trigger: str = ""
    compensation_arrangement: str = ""
    compensation_eur: float | None = None
    compensation_unit: str | None = None
    payer: str = ""
    valid_to: date | None = None
    document_reference: str = ""
    contact_mailbox: str = ""
    contact_person: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """What a draft is judged against: the regions and the categories in force."""

    region_names: dict[str, str]
    categories: tuple[Category, ...]
    bounds: Bounds = Bounds()


@dataclass(frozen=True)
class Problem:
    """One problem with one field of a draft."""

    field: str
    value: str | None
    message: str


class AgreementRejected(Exception):
    """Nothing was saved: errors, unconfirmed warnings or a stale edit. Messages are Dutch."""

    def __init__(self, errors: list[Issue], warnings: list[Issue] | None = None,
                 message: str = "") -> None:
        self.errors = errors
        self.warnings = warnings or []
        super().__init__(message or "; ".join(i.text() for i in [*errors, *self.warnings]))


def validate(draft: AgreementDraft, catalogue: Catalogue,
             capacity: pd.DataFrame | None = None) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings for a draft; ``capacity`` (current summary) enables the warning.

    Errors: missing required fields, unknown region / partner type / (sub)category /
    status / unit, numbers that are not finite, negative, fractional or beyond the
    bounds, end before start, bad mailbox, texts too long for their column or with
    control characters. Warning: committed persons above the registered persons in scope.
    """
    errors = [*_required(draft), *_choices(draft, catalogue),
              *_numbers(draft, catalogue.bounds), *_texts(draft)]
    if draft.valid_from and draft.valid_to and draft.valid_to < draft.valid_from:
        errors.append(Problem("valid_to", format_date(draft.valid_to),
                              texts.AGREEMENT_RULES["einde_voor_begin"].format(
                                  einde=format_date(draft.valid_to),
                                  begin=format_date(draft.valid_from))))
    warnings = []
    bad = {p.field for p in errors}
    if capacity is not None and not bad & {"region_code", "scopes", "committed_persons"}:
        warnings = _above_capacity(draft, catalogue, capacity)
    return errors, warnings


def registered_persons(capacity: pd.DataFrame, region_code: str | None,
                       scopes: Iterable[Scope]) -> int:
    """Registered persons in a region (None: the whole country) within the scopes, once each."""
    rows = capacity if region_code is None else capacity[capacity["region_code"] == region_code]
    whole = {c for c, s in scopes if s is None}
    parts = {(c, s) for c, s in scopes if s is not None}
    pairs = pd.Series(list(zip(rows["category"], rows["subcategory"], strict=True)),
                      index=rows.index, dtype=object)
    inside = rows["category"].isin(whole) | pairs.isin(parts)
    return int(rows.loc[inside, "persons"].sum())


def _required(draft: AgreementDraft) -> list[Problem]:
    found = []
    for name in REQUIRED:
        value = getattr(draft, name)
        if value is None or (isinstance(value, str | tuple) and not value):
            key = {"region_code": "regio_leeg", "partner_name": "partner_leeg",
                   "scopes": "categorie_leeg"}.get(name, "leeg")
            found.append(Problem(name, None, texts.AGREEMENT_RULES[key]))
    return found


def _choices(draft: AgreementDraft, catalogue: Catalogue) -> list[Problem]:
    ref, rules = reference(), texts.AGREEMENT_RULES
    found = []
    region = draft.region_code
    if region and region != NATIONAL and region not in catalogue.region_names:
        found.append(Problem("region_code", region, rules["regio_onbekend"].format(waarde=region)))
    for name, allowed, key in (("partner_type", ref.partner_types, "partnertype_onbekend"),
                               ("status", ref.statuses, "status_onbekend"),
                               ("compensation_unit", ref.compensation_units, "eenheid_onbekend")):
        value = getattr(draft, name)
        if value and value not in allowed:
            found.append(Problem(name, value, rules[key].format(waarde=value,
                                                                keuzes=", ".join(allowed))))
    by_code = {c.code: c for c in catalogue.categories}
    for category, sub in draft.scopes:
        if category not in by_code:
            found.append(Problem("scopes", category, rules["categorie_onbekend"].format(
                waarde=category, keuzes=", ".join(by_code))))
        elif sub is not None and sub not in by_code[category].subcategory_codes():
            found.append(Problem("scopes", sub, rules["subcategorie_onbekend"].format(
                waarde=sub, keuzes=", ".join(by_code[category].subcategory_codes()))))
    return found


def _numbers(draft: AgreementDraft, bounds: Bounds) -> list[Problem]:
    found = []
    for name, whole, limit in (("committed_persons", True, bounds.max_persons),
                               ("lead_time_hours", True, bounds.max_lead_time_hours),
                               ("compensation_eur", False, bounds.max_compensation_eur)):
        value = getattr(draft, name)
        if value is None:
            continue
        if not is_finite_number(value):  # NaN, inf, or no number at all
            found.append(Problem(name, str(value), texts.AGREEMENT_RULES["geen_getal"].format(
                waarde=value)))
            continue
        shown = _shown(value)
        key = ("negatief" if value < 0 else "te_groot" if value > limit
               else "geen_geheel" if whole and not float(value).is_integer() else None)
        if key:
            found.append(Problem(name, shown, texts.AGREEMENT_RULES[key].format(
                waarde=shown, grens=_shown(limit))))
    return found


def _shown(value: float) -> str:
    """A number as the form shows it; a huge one in powers of ten (1e+30), not 31 digits."""
    if abs(value) >= 1e15:
        return f"{value:.3g}".replace(".", ",")
    return format_number(value, 0 if float(value).is_integer() else 2)


def _texts(draft: AgreementDraft) -> list[Problem]:
    found = []
    for name in FREE_TEXT:
        value = getattr(draft, name) or ""
        problem = column_text_problem(Agreement, name, value)
        if problem:
            found.append(Problem(name, value[:40] + ("…" if len(value) > 40 else ""),
                                 problem))
    if draft.contact_mailbox and not MAILBOX.match(draft.contact_mailbox):
        found.append(Problem("contact_mailbox", draft.contact_mailbox,
                             texts.AGREEMENT_RULES["mailbox_ongeldig"].format(
                                 waarde=draft.contact_mailbox)))
    return found


def _above_capacity(draft: AgreementDraft, catalogue: Catalogue,
                    capacity: pd.DataFrame) -> list[Problem]:
    if draft.committed_persons is None or not draft.scopes:
        return []
    region = None if draft.region_code == NATIONAL else draft.region_code
    registered = registered_persons(capacity, region, draft.scopes)
    if draft.committed_persons <= registered:
        return []
    where = (texts.NATIONAL_AREA if region is None
             else f"{catalogue.region_names.get(region, region)} ({region})")
    message = texts.AGREEMENT_RULES["boven_capaciteit"].format(
        toegezegd=format_number(draft.committed_persons), regio=where,
        categorie=", ".join(scope_label(s, catalogue.categories) for s in draft.scopes),
        geregistreerd=format_number(registered))
    return [Problem("committed_persons", format_number(draft.committed_persons), message)]


def scope_label(scope: Scope, categories: tuple[Category, ...]) -> str:
    """'Boa's' or "Boa's / Domein IV Openbaar vervoer" for a scope."""
    category, sub = scope
    found = next((c for c in categories if c.code == category), None)
    if found is None:
        return f"{category}/{sub}" if sub else category
    if sub is None:
        return found.name
    return f"{found.name} / {next((s.name for s in found.subcategories if s.code == sub), sub)}"


def issues(problems: list[Problem], labels: dict[str, str], *, sheet: str = "",
           row: int | None = None) -> list[Issue]:
    """Problems as ``validation.Issue`` with the field's label as column."""
    return [Issue(sheet, row, labels.get(p.field, p.field), p.value, p.message)
            for p in problems]


def values_of(draft: AgreementDraft) -> dict[str, object]:
    """The draft as plain JSON values per logged field (dates ISO, scopes as 'boa/domein-1')."""
    values: dict[str, object] = {name: getattr(draft, name) for name in LOGGED_FIELDS}
    values["committed_persons"] = _int_or_none(draft.committed_persons)
    values["lead_time_hours"] = _int_or_none(draft.lead_time_hours)
    return plain_values(values)


def draft_from_stored(agreement: pd.Series, scopes: pd.DataFrame) -> AgreementDraft:
    """A stored agreement (row of ``storage.agreements_frame``) as a draft, to edit."""
    own = scopes[scopes["agreement_id"] == agreement["agreement_id"]]
    values = {name: _none(agreement[name]) for name in FIELDS}
    values["region_code"] = values["region_code"] or NATIONAL
    for name in ("valid_from", "valid_to"):
        values[name] = pd.Timestamp(values[name]).date() if values[name] is not None else None
    for name in ("powers", "activation_trigger", "compensation_arrangement", "payer",
                 "document_reference", "contact_mailbox"):
        values[name] = values[name] or ""
    scope_list = tuple((str(c), _none(s)) for c, s in zip(own["category"], own["subcategory"],
                                                         strict=True))
    return AgreementDraft(scopes=scope_list, **values)  # type: ignore[arg-type]


def plain_values(values: dict[str, object]) -> dict[str, object]:
    """Stored values as plain, comparable Python values (dates as ISO text)."""
    result: dict[str, object] = {}
    for name in LOGGED_FIELDS:
        value = values.get(name)
        if name == "scopes":
            value = sorted(f"{c}/{s}" if s else str(c)
                           for c, s in set(value))  # type: ignore[call-overload]
        elif isinstance(value, date):
            value = value.isoformat()
        elif name == "compensation_eur" and value is not None:
            value = float(value)  # type: ignore[arg-type]
        elif isinstance(value, str):
            value = value.strip()
        result[name] = None if is_blank(value) else value
    return result


def changed_fields(old: dict[str, object], new: dict[str, object]) -> dict[str, list[object]]:
    """The logged fields whose value differs: name → [old, new]."""
    return {name: [old.get(name), new[name]] for name in LOGGED_FIELDS
            if old.get(name) != new[name]}


def is_blank(value: object) -> bool:
    """Whether a form value counts as not filled in."""
    return value is None or value == "" or value == []


def _none(value: object) -> object:
    return None if value is None or (not isinstance(value, list | tuple)
                                     and pd.isna(value)) else value  # type: ignore[call-overload]


def _int_or_none(value: float | None) -> int | float | None:
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)
