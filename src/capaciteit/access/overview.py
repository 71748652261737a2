"""What the pages read about access: a user's roles, the current grants, the audit trail.

Each read opens its own connection; the audit trail is shown only to who may see
it (``VIEW_AUDIT``), checked here, in the core, and a refusal is itself audited.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Engine

from capaciteit.access import audit, roles
from capaciteit.access.login import user_from_claims
from capaciteit.access.permissions import VIEW_AUDIT, User
from capaciteit.settings import Settings


def user_of_login(engine: Engine, claims: Mapping[str, object], settings: Settings) -> User:
    """The acting user of a login (``login.user_from_claims``), read through the engine.

    Raises LoginRefused when the login names no verified identity.
    """
    with engine.connect() as conn:
        return user_from_claims(conn, claims, settings)


def current_grants(engine: Engine) -> pd.DataFrame:
    """All current role grants."""
    with engine.connect() as conn:
        return roles.grants_frame(conn)


def audit_trail(engine: Engine, actor: User, limit: int | None = None) -> pd.DataFrame:
    """The audit events, newest first; AccessDenied (audited) unless ``actor`` may view them."""
    audit.authorize(engine, actor, VIEW_AUDIT)
    with engine.connect() as conn:
        return audit.events(conn, limit)
