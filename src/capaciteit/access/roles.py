"""The role table: grant and revoke roles per e-mail address, and load a user's grants."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select, update

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.authorization import authorized_write, table_grants
from capaciteit.access.permissions import (
    MANAGE_ROLES,
    REGIONAL_ROLES,
    User,
    parse_grant,
)
from capaciteit.bounds import column_text_problem
from capaciteit.storage.models import AuditEvent, RoleGrant

REGION_CODE = re.compile(r"VR[0-9]{2}")


def load_user(conn: Connection, email: str, name: str = "",
              groups: Iterable[str] = (), group_roles: Mapping[str, str] | None = None) -> User:
    """The user with the grants in the role table plus those their groups map to.

    Grants from groups are standing: they come with the login, not from the table.
    Only call this for a verified identity (``access.login.user_from_claims``).
    """
    mapped = frozenset(parse_grant(spec) for spec in
                       ((group_roles or {}).get(group) for group in groups) if spec)
    return User(email=email.strip().lower(), name=name,
                grants=table_grants(conn, email) | mapped, standing=mapped)


def grant(engine: Engine, actor: User, email: str, role_spec: str) -> None:
    """Give ``email`` a role ('beheerder', 'lezer', 'regio-invoerder:VR13'); audited.

    The actor must be beheerder by the role table as it stands in this transaction.
    """
    new = parse_grant(role_spec)
    if new.role in REGIONAL_ROLES and not new.region_code:
        raise ValueError(texts.ROLE_NEEDS_REGION)
    if new.region_code is not None and not REGION_CODE.fullmatch(new.region_code):
        raise ValueError(texts.ROLE_BAD_REGION.format(regio=new.region_code[:40]))
    email = email.strip().lower()
    unstorable = (column_text_problem(RoleGrant, "email", email)  # the grant, and the audit
                  or column_text_problem(AuditEvent, "object_id", email))  # event naming it
    if unstorable:
        raise ValueError(texts.ROLE_BAD_EMAIL.format(reden=unstorable))
    with authorized_write(engine, actor, MANAGE_ROLES) as conn:
        conn.execute(insert(RoleGrant), {
            "email": email, "role": new.role, "region_code": new.region_code,
            "granted_by": actor.label, "granted_at": datetime.now(UTC)})
        audit.record(conn, actor, "rol_toegekend", object_type="rol", object_id=email,
                     region_code=new.region_code, details={"rol": new.role})


def revoke(engine: Engine, actor: User, grant_id: int) -> None:
    """Revoke one grant (kept, marked revoked); audited."""
    with authorized_write(engine, actor, MANAGE_ROLES) as conn:
        row = conn.execute(select(RoleGrant).where(RoleGrant.id == grant_id)).one()
        conn.execute(update(RoleGrant).where(  # revoked once; the database refuses twice
            RoleGrant.id == grant_id, RoleGrant.revoked_at.is_(None)).values(
            revoked_by=actor.label, revoked_at=datetime.now(UTC)))
        audit.record(conn, actor, "rol_ingetrokken", object_type="rol", object_id=row.email,
                     region_code=row.region_code, details={"rol": row.role})


def grants_frame(conn: Connection) -> pd.DataFrame:
    """All current grants."""
    columns = ["id", "email", "role", "region_code", "granted_by", "granted_at"]
    rows = conn.execute(select(*[getattr(RoleGrant, c) for c in columns]).where(
        RoleGrant.revoked_at.is_(None)).order_by(RoleGrant.email)).mappings().all()
    return pd.DataFrame(rows, columns=columns)
