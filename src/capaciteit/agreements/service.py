"""Agreements (afspraken): validation with Dutch messages, and every write in one transaction.

Every write takes the acting user as ``actor`` and goes through this module
(create, update, import); each checks the actor's rights for the agreement's
region against the role table as read inside its own transaction. An
agreement is never deleted (status 'opgezegd' instead); each write adds an
``agreement_change`` row with old → new per field, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, delete, insert, select, update

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.authorization import authorized_write, require_current
from capaciteit.access.permissions import AGREEMENT_WRITE, NATIONAL_AGREEMENT, User
from capaciteit.agreements.model import (
    NATIONAL,
)
from capaciteit.bounds import column_text_problem
from capaciteit.storage import repository as storage
from capaciteit.storage.models import (
    Agreement,
    AgreementChange,
    AgreementScope,
    AuditEvent,
)

if TYPE_CHECKING:  # agreement_sheet builds on this module's draft and rules
    pass
from capaciteit.agreements.repository import stored_values
from capaciteit.agreements.rules import (
    FIELDS,
    LOGGED_FIELDS,
    AgreementDraft,
    AgreementRejected,
    Catalogue,
    Scope,
    changed_fields,
    is_blank,
    issues,
    validate,
    values_of,
)
from capaciteit.uploads.validation import Issue


@dataclass(frozen=True)
class Saved:
    """What a write stored."""

    agreement_id: int
    changed_fields: list[str] = field(default_factory=list)


def create_agreement(engine: Engine, draft: AgreementDraft, *, actor: User,
                     catalogue: Catalogue, accept_warnings: bool = False,
                     labels: dict[str, str] | None = None,
                     now: datetime | None = None) -> Saved:
    """Validate and store a new agreement with its scopes and an 'aangemaakt' log row.

    Raises AgreementRejected (nothing stored) on errors or unconfirmed warnings.
    """
    now = now or datetime.now(UTC)
    with authorized_write(engine, actor) as conn:
        require_region(conn, actor, draft.region_code)
        _check(conn, draft, catalogue, accept_warnings, labels or texts.AGREEMENT_FIELDS)
        agreement_id = insert_agreement(conn, draft, actor, now)
        log_change(conn, agreement_id, actor, now, "aangemaakt",
                   changed_fields({}, values_of(draft)))
    return Saved(agreement_id, [f for f in LOGGED_FIELDS if not is_blank(values_of(draft)[f])])


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
    with authorized_write(engine, actor) as conn:
        old = stored_values(conn, agreement_id, lock=True)
        if old is not None:  # the region it is in now, and the region it would move to
            require_region(conn, actor, old["region_code"])  # type: ignore[arg-type]
        require_region(conn, actor, draft.region_code)
        if old is None:
            raise AgreementRejected([], message=texts.AGREEMENT_UNKNOWN.format(id=agreement_id))
        if based_on_change is not None:
            _refuse_if_stale(conn, agreement_id, based_on_change)
        _check(conn, draft, catalogue, accept_warnings, labels or texts.AGREEMENT_FIELDS)
        changes = changed_fields(old, values_of(draft))
        if changes:
            write_update(conn, agreement_id, draft, actor, now)
            log_change(conn, agreement_id, actor, now, "gewijzigd", changes)
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
        from capaciteit.formatting import format_datetime

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


def insert_agreement(conn: Connection, draft: AgreementDraft, actor: User, now: datetime) -> int:
    """Insert a new agreement with its scopes; return its id."""
    agreement_id = int(conn.execute(insert(Agreement).returning(Agreement.id), {
        **_row(draft), "created_by": actor.label, "created_at": now, "updated_by": actor.label,
        "updated_at": now}).scalar_one())
    _write_scopes(conn, agreement_id, draft.scopes)
    return agreement_id


def write_update(conn: Connection, agreement_id: int, draft: AgreementDraft, actor: User,
                  now: datetime) -> None:
    """Overwrite an agreement's current values (its history is in the change log)."""
    conn.execute(update(Agreement).where(Agreement.id == agreement_id).values(
        **_row(draft), updated_by=actor.label, updated_at=now))
    conn.execute(delete(AgreementScope).where(AgreementScope.agreement_id == agreement_id))
    _write_scopes(conn, agreement_id, draft.scopes)


def _write_scopes(conn: Connection, agreement_id: int, scopes: Iterable[Scope]) -> None:
    rows = [{"agreement_id": agreement_id, "category": c, "subcategory": s}
            for c, s in sorted(set(scopes), key=lambda x: (x[0], x[1] or ""))]
    if rows:
        conn.execute(insert(AgreementScope), rows)


def log_change(conn: Connection, agreement_id: int, actor: User, now: datetime, action: str,
         changes: dict[str, list[object]]) -> None:
    """Append one change-log row (who, when, what, old → new)."""
    conn.execute(insert(AgreementChange), {"agreement_id": agreement_id, "changed_by": actor.label,
                                           "changed_at": now, "action": action,
                                           "changes": changes})
    region = conn.execute(select(Agreement.region_code).where(
        Agreement.id == agreement_id)).scalar_one_or_none()
    audit.record(conn, actor, f"afspraak_{action}", object_type="afspraak",
                 object_id=agreement_id, region_code=region,
                 details={"velden": sorted(changes)})


def require_region(conn: Connection, actor: User, region_code: str | None) -> None:
    """May ``actor`` record agreements for this region ('landelijk' needs beheerder)?

    Checked against the grants read in ``conn``, inside ``authorized_write``, which
    audits a refusal (AccessDenied) and rolls the write back.
    """
    if region_code is None or region_code == NATIONAL:
        require_current(conn, actor, NATIONAL_AGREEMENT)
    elif column_text_problem(AuditEvent, "region_code", region_code):
        raise AgreementRejected([Issue("", None, texts.AGREEMENT_FIELDS["region_code"],
                                       region_code[:40], texts.AGREEMENT_RULES[
                                           "regio_onbekend"].format(waarde=region_code[:40]))])
    else:
        require_current(conn, actor, AGREEMENT_WRITE, region_code)
