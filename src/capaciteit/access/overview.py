"""What the pages read about access: a user's roles, the current grants, the audit trail.

Each read opens its own connection; the audit trail is shown only to who may see
it (``VIEW_AUDIT``), checked here, in the core, and a refusal is itself audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from sqlalchemy import Engine

from capaciteit.access import audit, roles
from capaciteit.access.permissions import VIEW_AUDIT, User


def user_with_roles(engine: Engine, email: str, name: str = "", groups: Iterable[str] = (),
                    group_roles: Mapping[str, str] | None = None) -> User:
    """The user with the grants in the role table plus those their groups map to."""
    with engine.connect() as conn:
        return roles.load_user(conn, email, name, groups, group_roles)


def current_grants(engine: Engine) -> pd.DataFrame:
    """All current role grants."""
    with engine.connect() as conn:
        return roles.grants_frame(conn)


def audit_trail(engine: Engine, actor: User, limit: int | None = None) -> pd.DataFrame:
    """The audit events, newest first; AccessDenied (audited) unless ``actor`` may view them."""
    audit.authorize(engine, actor, VIEW_AUDIT)
    with engine.connect() as conn:
        return audit.events(conn, limit)
