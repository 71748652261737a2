"""Agreements (afspraken): validation with Dutch messages, and every write in one transaction.

Every write takes the acting user as ``actor`` and goes through this module
(create, update, import), so access rules can be added in one place. An
agreement is never deleted (status 'opgezegd' instead); each write adds an
``agreement_change`` row with old → new per field, in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from capaciteit import audit, storage, texts
from capaciteit.access import AGREEMENT_WRITE, NATIONAL_AGREEMENT, User
from capaciteit.agreements import AGREEMENT_COLUMNS, NATIONAL, reference, with_effective_status
from capaciteit.categories import Category
from capaciteit.coverage import (
    covered_records,
    expiring,
    expiring_per_region,
    region_shares,
    white_spots,
)
from capaciteit.database import write_transaction
from capaciteit.models import (
    Agreement,
    AgreementChange,
    AgreementScope,
    CapacityRecord,
    CurrentVersion,
    Submission,
)
from capaciteit.numbers import format_date, format_number
from capaciteit.validation import Issue

if TYPE_CHECKING:  # agreement_sheet builds on this module's draft and rules
    from capaciteit.agreement_sheet import AgreementSheet

Scope = tuple[str, str | None]  # (category, subcategory or None for the whole category)
FIELDS = [c for c in AGREEMENT_COLUMNS if c != "agreement_id"]
LOGGED_FIELDS = [*FIELDS[:4], "scopes", *FIELDS[4:]]
REQUIRED = ["region_code", "partner_name", "partner_type", "scopes", "committed_persons",
            "lead_time_hours", "valid_from", "status"]
MAX_LENGTH = {"partner_name": 255, "partner_id": 64, "payer": 255, "document_reference": 255,
              "contact_mailbox": 320, "contact_person": 255}
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


@dataclass(frozen=True)
class Saved:
    """What a write stored."""

    agreement_id: int
    changed_fields: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- validation


def validate(draft: AgreementDraft, catalogue: Catalogue,
             capacity: pd.DataFrame | None = None) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings for a draft; ``capacity`` (current summary) enables the warning.

    Errors: missing required fields, unknown region / partner type / (sub)category /
    status / unit, negative or fractional numbers, end before start, bad mailbox, too
    long texts. Warning: committed persons above the registered persons in scope.
    """
    errors = [*_required(draft), *_choices(draft, catalogue), *_numbers(draft),
              *_texts(draft)]
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


def _numbers(draft: AgreementDraft) -> list[Problem]:
    found = []
    for name, whole in (("committed_persons", True), ("lead_time_hours", True),
                        ("compensation_eur", False)):
        value = getattr(draft, name)
        if value is None or pd.isna(value):
            continue
        shown = format_number(value, 0 if float(value).is_integer() else 2)
        if value < 0:
            found.append(Problem(name, shown, texts.AGREEMENT_RULES["negatief"].format(
                waarde=shown)))
        elif whole and not float(value).is_integer():
            found.append(Problem(name, shown, texts.AGREEMENT_RULES["geen_geheel"].format(
                waarde=shown)))
    return found


def _texts(draft: AgreementDraft) -> list[Problem]:
    found = []
    for name, limit in MAX_LENGTH.items():
        value = getattr(draft, name) or ""
        if len(value) > limit:
            found.append(Problem(name, value[:40] + "…", texts.AGREEMENT_RULES["te_lang"].format(
                lengte=len(value), max=limit)))
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


# ---------------------------------------------------------------- writes


def create_agreement(engine: Engine, draft: AgreementDraft, *, actor: User,
                     catalogue: Catalogue, accept_warnings: bool = False,
                     labels: dict[str, str] | None = None,
                     now: datetime | None = None) -> Saved:
    """Validate and store a new agreement with its scopes and an 'aangemaakt' log row.

    Raises AgreementRejected (nothing stored) on errors or unconfirmed warnings.
    """
    now = now or datetime.now(UTC)
    authorize_region(engine, actor, draft.region_code)
    with write_transaction(engine) as conn:
        _check(conn, draft, catalogue, accept_warnings, labels or texts.AGREEMENT_FIELDS)
        agreement_id = _insert(conn, draft, actor, now)
        _log(conn, agreement_id, actor, now, "aangemaakt", _changes({}, values_of(draft)))
    return Saved(agreement_id, [f for f in LOGGED_FIELDS if not _blank(values_of(draft)[f])])


def update_agreement(engine: Engine, agreement_id: int, draft: AgreementDraft, *, actor: User,
                     catalogue: Catalogue, accept_warnings: bool = False,
                     based_on_change: int | None = None, labels: dict[str, str] | None = None,
                     now: datetime | None = None) -> Saved:
    """Store a changed agreement and log old → new per changed field, in one transaction.

    ``based_on_change`` is the newest change id the editor saw (``last_change_id``);
    when someone saved in between, the edit is refused instead of overwriting theirs.
    Saving an unchanged draft stores nothing and returns no changed fields.
    """
    now = now or datetime.now(UTC)
    with engine.connect() as conn:
        stored = _stored_values(conn, agreement_id)
    if stored is not None:  # the region it is in now, and the region it would move to
        authorize_region(engine, actor, stored["region_code"])  # type: ignore[arg-type]
    authorize_region(engine, actor, draft.region_code)
    with write_transaction(engine) as conn:
        old = _stored_values(conn, agreement_id, lock=True)
        if old is None:
            raise AgreementRejected([], message=texts.AGREEMENT_UNKNOWN.format(id=agreement_id))
        if based_on_change is not None:
            _refuse_if_stale(conn, agreement_id, based_on_change)
        _check(conn, draft, catalogue, accept_warnings, labels or texts.AGREEMENT_FIELDS)
        changes = _changes(old, values_of(draft))
        if changes:
            _write_update(conn, agreement_id, draft, actor, now)
            _log(conn, agreement_id, actor, now, "gewijzigd", changes)
    return Saved(agreement_id, list(changes))


def _check(conn: Connection, draft: AgreementDraft, catalogue: Catalogue,
           accept_warnings: bool, labels: dict[str, str], *, sheet: str = "",
           row: int | None = None) -> None:
    errors, warnings = validate(draft, catalogue, storage.capacity_summary(conn))
    if errors or (warnings and not accept_warnings):
        raise AgreementRejected(issues(errors, labels, sheet=sheet, row=row),
                                issues(warnings, labels, sheet=sheet, row=row))


def _refuse_if_stale(conn: Connection, agreement_id: int, based_on_change: int) -> None:
    latest = conn.execute(
        select(AgreementChange.id, AgreementChange.changed_by, AgreementChange.changed_at)
        .where(AgreementChange.agreement_id == agreement_id)
        .order_by(AgreementChange.id.desc()).limit(1)).first()
    if latest is not None and latest.id != based_on_change:
        from capaciteit.numbers import format_datetime

        raise AgreementRejected([], message=texts.AGREEMENT_STALE.format(
            id=agreement_id, door=latest.changed_by, tijd=format_datetime(latest.changed_at)))


def _row(draft: AgreementDraft) -> dict[str, object]:
    values = {name: getattr(draft, name) for name in FIELDS}
    values["region_code"] = None if draft.region_code == NATIONAL else draft.region_code
    for name in ("committed_persons", "lead_time_hours"):
        values[name] = int(values[name])  # type: ignore[call-overload]
    for name in ("partner_id", "compensation_unit", "contact_person"):
        values[name] = values[name] or None
    return values


def _insert(conn: Connection, draft: AgreementDraft, actor: User, now: datetime) -> int:
    agreement_id = int(conn.execute(insert(Agreement).returning(Agreement.id), {
        **_row(draft), "created_by": actor.label, "created_at": now, "updated_by": actor.label,
        "updated_at": now}).scalar_one())
    _write_scopes(conn, agreement_id, draft.scopes)
    return agreement_id


def _write_update(conn: Connection, agreement_id: int, draft: AgreementDraft, actor: User,
                  now: datetime) -> None:
    conn.execute(update(Agreement).where(Agreement.id == agreement_id).values(
        **_row(draft), updated_by=actor.label, updated_at=now))
    conn.execute(delete(AgreementScope).where(AgreementScope.agreement_id == agreement_id))
    _write_scopes(conn, agreement_id, draft.scopes)


def _write_scopes(conn: Connection, agreement_id: int, scopes: Iterable[Scope]) -> None:
    rows = [{"agreement_id": agreement_id, "category": c, "subcategory": s}
            for c, s in sorted(set(scopes), key=lambda x: (x[0], x[1] or ""))]
    if rows:
        conn.execute(insert(AgreementScope), rows)


def _log(conn: Connection, agreement_id: int, actor: User, now: datetime, action: str,
         changes: dict[str, list[object]]) -> None:
    conn.execute(insert(AgreementChange), {"agreement_id": agreement_id, "changed_by": actor.label,
                                           "changed_at": now, "action": action,
                                           "changes": changes})
    region = conn.execute(select(Agreement.region_code).where(
        Agreement.id == agreement_id)).scalar_one_or_none()
    audit.record(conn, actor, f"afspraak_{action}", object_type="afspraak",
                 object_id=agreement_id, region_code=region,
                 details={"velden": sorted(changes)})


def authorize_region(engine: Engine, actor: User, region_code: str | None) -> None:
    """May ``actor`` record agreements for this region ('landelijk' needs beheerder)?"""
    if region_code is None or region_code == NATIONAL:
        audit.authorize(engine, actor, NATIONAL_AGREEMENT)
    else:
        audit.authorize(engine, actor, AGREEMENT_WRITE, region_code)


@dataclass
class ImportCheck:
    """An import judged against the store: problems, and what saving it would do."""

    errors: list[Issue]
    warnings: list[Issue]
    notes: list[str]
    plan: list[tuple[int | None, AgreementDraft]]  # (id to update or None, draft) to write
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def check_import(engine: Engine, sheet: AgreementSheet, *, catalogue: Catalogue
                 ) -> ImportCheck:
    """Judge every row of an import (read-only): the preview the page shows."""
    with engine.connect() as conn:
        return _judge_import(conn, sheet, catalogue)


def import_agreements(engine: Engine, sheet: AgreementSheet, *, actor: User,
                      catalogue: Catalogue, accept_warnings: bool = False,
                      now: datetime | None = None) -> ImportCheck:
    """Store every row of an import, or none: one transaction, judged again inside it.

    Rows with an id update that agreement (columns absent from the file keep their
    stored values); rows without one are new. Each stored row gets a 'geimporteerd'
    log entry. Raises AgreementRejected on any error or unconfirmed warning.
    """
    now = now or datetime.now(UTC)
    with engine.connect() as conn:
        planned = _judge_import(conn, sheet, catalogue)
        regions = {d.region_code for _, d in planned.plan}
        regions |= {str((_stored_values(conn, i) or {}).get("region_code"))
                    for i, _ in planned.plan if i is not None}
    for region in sorted(r for r in regions if r and r != "None"):
        authorize_region(engine, actor, region)
    with write_transaction(engine) as conn:
        check = _judge_import(conn, sheet, catalogue, lock=True)
        if check.errors or (check.warnings and not accept_warnings):
            raise AgreementRejected(check.errors, check.warnings)
        for agreement_id, draft in check.plan:
            if agreement_id is None:
                new_id = _insert(conn, draft, actor, now)
                _log(conn, new_id, actor, now, "geimporteerd", _changes({}, values_of(draft)))
            else:
                old = _stored_values(conn, agreement_id)
                _write_update(conn, agreement_id, draft, actor, now)
                _log(conn, agreement_id, actor, now, "geimporteerd",
                     _changes(old or {}, values_of(draft)))
    return check


def _judge_import(conn: Connection, sheet: AgreementSheet, catalogue: Catalogue,
                  lock: bool = False) -> ImportCheck:
    labels = texts.AGREEMENT_FIELDS
    name = sheet.sheet_name
    errors = [Issue(name, None, column, None,
                    texts.AGREEMENT_IMPORT_MISSING.format(kolom=column))
              for column in sheet.missing_columns]
    notes = ([texts.VALIDATION["onbekende_kolommen"].format(
        kolommen=", ".join(sheet.unknown_columns))] if sheet.unknown_columns else [])
    if not sheet.rows:
        errors.append(Issue(name, None, None, None, texts.AGREEMENT_IMPORT_EMPTY))
    if errors:
        return ImportCheck(errors, [], notes, [])
    capacity = storage.capacity_summary(conn)
    stored, stored_scopes = storage.agreements_frame(conn)
    if lock and len(stored):
        conn.execute(select(Agreement.id).with_for_update())
    known = stored.set_index("agreement_id", drop=False)
    check = ImportCheck([], [], notes, [])
    first_row: dict[int, int] = {}
    for row in sheet.rows:
        draft, problems = row.draft, list(row.problems)
        if row.agreement_id is not None:
            if row.agreement_id not in known.index:
                problems.append(Problem("agreement_id", str(row.agreement_id),
                                        texts.AGREEMENT_RULES["id_onbekend"].format(
                                            waarde=row.agreement_id)))
            elif row.agreement_id in first_row:
                problems.append(Problem("agreement_id", str(row.agreement_id),
                                        texts.AGREEMENT_RULES["id_dubbel"].format(
                                            waarde=row.agreement_id,
                                            eerste=first_row[row.agreement_id])))
            else:
                first_row[row.agreement_id] = row.row
                before = draft_from_stored(known.loc[row.agreement_id], stored_scopes)
                draft = replace(draft, **{f: getattr(before, f) for f in LOGGED_FIELDS
                                          if f not in row.present})
        errs, warns = validate(draft, catalogue, capacity)
        parsed_badly = {p.field for p in row.problems}
        errs = [*problems, *(p for p in errs if p.field not in parsed_badly)]
        check.errors += issues(errs, labels, sheet=name, row=row.row)
        check.warnings += issues(warns, labels, sheet=name, row=row.row)
        if errs:
            continue
        if row.agreement_id is None:
            check.new += 1
            check.plan.append((None, draft))
        elif _changes(values_of(before), values_of(draft)):
            check.changed += 1
            check.plan.append((row.agreement_id, draft))
        else:
            check.unchanged += 1
    return check


# ---------------------------------------------------------------- values and changes


def values_of(draft: AgreementDraft) -> dict[str, object]:
    """The draft as plain JSON values per logged field (dates ISO, scopes as 'boa/domein-1')."""
    values: dict[str, object] = {name: getattr(draft, name) for name in LOGGED_FIELDS}
    values["committed_persons"] = _int_or_none(draft.committed_persons)
    values["lead_time_hours"] = _int_or_none(draft.lead_time_hours)
    return _plain(values)


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


def _stored_values(conn: Connection, agreement_id: int,
                   lock: bool = False) -> dict[str, object] | None:
    query = select(Agreement).where(Agreement.id == agreement_id)
    row = conn.execute(query.with_for_update() if lock else query).mappings().first()
    if row is None:
        return None
    scopes = conn.execute(select(AgreementScope.category, AgreementScope.subcategory)
                          .where(AgreementScope.agreement_id == agreement_id)).all()
    values = {name: row[name] for name in FIELDS}
    values["region_code"] = row["region_code"] or NATIONAL
    return _plain({**values, "scopes": tuple((c, s) for c, s in scopes)})


def _plain(values: dict[str, object]) -> dict[str, object]:
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
        result[name] = None if _blank(value) else value
    return result


def _changes(old: dict[str, object], new: dict[str, object]) -> dict[str, list[object]]:
    return {name: [old.get(name), new[name]] for name in LOGGED_FIELDS
            if old.get(name) != new[name]}


def _blank(value: object) -> bool:
    return value is None or value == "" or value == []


def _none(value: object) -> object:
    return None if value is None or (not isinstance(value, list | tuple)
                                     and pd.isna(value)) else value  # type: ignore[call-overload]


def _int_or_none(value: float | None) -> int | float | None:
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


# ---------------------------------------------------------------- reads


def list_agreements(engine: Engine, today: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All agreements with ``effective_status`` and ``last_change_id``, and their scopes."""
    with engine.connect() as conn:
        agreements, scopes = storage.agreements_frame(conn)
        last = conn.execute(select(AgreementChange.agreement_id, func.max(AgreementChange.id))
                            .group_by(AgreementChange.agreement_id)).all()
    result = with_effective_status(agreements, today)
    latest = dict((int(a), int(c)) for a, c in last)
    result["last_change_id"] = [latest.get(int(i)) for i in result["agreement_id"]]
    return result, scopes


def change_log(engine: Engine, agreement_id: int) -> pd.DataFrame:
    """Every change to one agreement, newest first: who, when, action, old → new per field."""
    c = AgreementChange
    with engine.connect() as conn:
        rows = conn.execute(select(c.id, c.changed_by, c.changed_at, c.action, c.changes)
                            .where(c.agreement_id == agreement_id)
                            .order_by(c.id.desc())).mappings().all()
    return pd.DataFrame(rows, columns=["id", "changed_by", "changed_at", "action", "changes"])


def data_version(engine: Engine) -> tuple[int, int]:
    """A cheap token that changes whenever capacity or any agreement changes."""
    with engine.connect() as conn:
        submissions = conn.execute(select(func.coalesce(func.max(Submission.id), 0))).scalar_one()
        changes = conn.execute(select(func.coalesce(func.max(AgreementChange.id), 0))
                               ).scalar_one()
    return int(submissions), int(changes)


@dataclass(frozen=True)
class Coverage:
    """The white-spot picture of one day: records with coverage, cells, shares, expiring."""

    covered: pd.DataFrame  # per region × organisation × (sub)category, with covered
    cells: pd.DataFrame  # coverage.white_spots
    shares: pd.DataFrame  # coverage.region_shares + expiring_count
    expiring: pd.DataFrame  # valid agreements ending within 90 days
    agreements: pd.DataFrame  # with effective_status
    scopes: pd.DataFrame


def coverage(engine: Engine, regions: pd.DataFrame, category_names: dict[str, str],
             today: date) -> Coverage:
    """Read current capacity per organisation and the agreements; apply the coverage rule."""
    with engine.connect() as conn:
        records = organisation_capacity(conn)
        agreements, scopes = storage.agreements_frame(conn)
    covered = covered_records(records, agreements, scopes, today)
    cells = white_spots(covered, regions, category_names)
    soon = expiring(agreements, today)
    shares = region_shares(cells, regions).merge(
        expiring_per_region(soon, regions["region_code"].tolist()), on="region_code")
    return Coverage(covered, cells, shares, soon, with_effective_status(agreements, today),
                    scopes)


def organisation_capacity(conn: Connection) -> pd.DataFrame:
    """Current persons and deployable persons per region, organisation and (sub)category."""
    r = CapacityRecord
    keys = [r.region_code, r.organisation, r.organisation_id, r.category, r.subcategory]
    query = (select(*keys, func.sum(r.persons), func.sum(r.deployable_persons))
             .join(CurrentVersion, CurrentVersion.submission_id == r.submission_id)
             .group_by(*keys).order_by(*keys))
    columns = ["region_code", "organisation", "organisation_id", "category", "subcategory",
               "persons", "deployable_persons"]
    frame = pd.DataFrame(conn.execute(query).all(), columns=columns)
    return frame.astype({"persons": "int64", "deployable_persons": "int64"})
