"""Agreement import: a checked sheet stored all rows or none, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, select

from capaciteit import texts
from capaciteit.access.authorization import authorized_write
from capaciteit.access.permissions import User
from capaciteit.storage import repository as storage
from capaciteit.storage.models import (
    Agreement,
)
from capaciteit.uploads.validation import Issue

if TYPE_CHECKING:  # agreement_sheet builds on this module's draft and rules
    from capaciteit.agreements.sheet import AgreementSheet
from capaciteit.agreements.repository import agreements_frame, stored_values
from capaciteit.agreements.rules import (
    LOGGED_FIELDS,
    AgreementDraft,
    AgreementRejected,
    Catalogue,
    Problem,
    changed_fields,
    draft_from_stored,
    issues,
    validate,
    values_of,
)
from capaciteit.agreements.service import (
    insert_agreement,
    log_change,
    require_region,
    write_update,
)


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
    log entry. Raises AgreementRejected on any error or unconfirmed warning, and
    AccessDenied when the actor may not write for a region a row is in now or moves
    to (checked against the role table inside the transaction).
    """
    now = now or datetime.now(UTC)
    with authorized_write(engine, actor) as conn:
        check = _judge_import(conn, sheet, catalogue, lock=True)
        for region in _regions_touched(conn, check):
            require_region(conn, actor, region)
        if check.errors or (check.warnings and not accept_warnings):
            raise AgreementRejected(check.errors, check.warnings)
        for agreement_id, draft in check.plan:
            if agreement_id is None:
                new_id = insert_agreement(conn, draft, actor, now)
                log_change(conn, new_id, actor, now, "geimporteerd",
                           changed_fields({}, values_of(draft)))
            else:
                old = stored_values(conn, agreement_id)
                write_update(conn, agreement_id, draft, actor, now)
                log_change(conn, agreement_id, actor, now, "geimporteerd",
                     changed_fields(old or {}, values_of(draft)))
    return check


def _regions_touched(conn: Connection, check: ImportCheck) -> list[str]:
    """Every region the planned rows are in now or move to ('landelijk' too), sorted."""
    regions = {str(draft.region_code) for _, draft in check.plan}
    for agreement_id, _ in check.plan:
        stored = stored_values(conn, agreement_id) if agreement_id is not None else None
        if stored is not None:
            regions.add(str(stored["region_code"]))
    return sorted(regions)


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
    stored, stored_scopes = agreements_frame(conn)
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
        elif changed_fields(values_of(before), values_of(draft)):
            check.changed += 1
            check.plan.append((row.agreement_id, draft))
        else:
            check.unchanged += 1
    return check
