"""The role table: grant and revoke roles per e-mail address, and load a user's grants."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select, update

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.authorization import authorized_write, table_grants
from capaciteit.access.permissions import (
    MANAGE_ROLES,
    REGION_EDITOR,
    User,
    parse_grant,
)
from capaciteit.storage.models import RoleGrant


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
    with authorized_write(engine, actor, MANAGE_ROLES) as conn:
        new = parse_grant(role_spec)
        if new.role == REGION_EDITOR and not new.region_code:
            raise ValueError(texts.ROLE_NEEDS_REGION)
        conn.execute(insert(RoleGrant), {
            "email": email.strip().lower(), "role": new.role, "region_code": new.region_code,
            "granted_by": actor.label, "granted_at": datetime.now(UTC)})
        audit.record(conn, actor, "rol_toegekend", object_type="rol",
                     object_id=email.strip().lower(), region_code=new.region_code,
                     details={"rol": new.role})


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
