"""Who may do what: users, roles per region, and the check every write makes.

Roles come from the app's own role table (keyed on the verified e-mail
address), optionally seeded from an identity provider's groups claim. The
check lives in the core, so a page that forgets to hide a button, a deep link
or a direct call cannot get past it. A write checks the grants it reads in its
own transaction (``access.authorization``), never the grants a page loaded
earlier: a :class:`User` is the acting identity plus a snapshot for display.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from capaciteit import texts

READER, REGION_EDITOR, ADMIN = "lezer", "regio-invoerder", "beheerder"
PUBLISH, RESTORE, AGREEMENT_WRITE = "publiceren", "herstellen", "afspraak_wijzigen"
NATIONAL_AGREEMENT, MANAGE_ROLES = "landelijke_afspraak", "rollen_beheren"
MANAGE_PRESETS, VIEW_AUDIT = "veelgestelde_vragen_beheren", "audit_inzien"
ASSISTANCE_REQUEST, ASSISTANCE_OFFER = "bijstand_aanvragen", "bijstand_aanbieden"
CRISIS_TEAM = "crisisteam"
REGIONAL_ROLES = frozenset({REGION_EDITOR, CRISIS_TEAM})  # granted per region, never national
LOCAL_USER = "lokaal"


class AccessDenied(Exception):
    """The acting user may not do this; the message is Dutch and names what is missing.

    ``action`` and ``region_code`` say what was refused, for the audit trail.
    """

    def __init__(self, message: str, action: str = "", region_code: str | None = None) -> None:
        super().__init__(message)
        self.action = action
        self.region_code = region_code


@dataclass(frozen=True)
class Grant:
    """One role, for one region or (region None) for all."""

    role: str
    region_code: str | None = None


@dataclass(frozen=True)
class User:
    """The acting person: a verified e-mail address and the roles granted to it.

    ``grants`` is what was known when the user was loaded (a page shows and hides
    controls by it); a write reads the role table again. ``standing`` are the grants
    that do not come from the role table and cannot be revoked there: the local
    beheerder of lokale modus and the CLI, and roles from the login's groups claim.
    """

    email: str
    name: str = ""
    grants: frozenset[Grant] = field(default_factory=frozenset)
    standing: frozenset[Grant] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.email.strip():  # nobody acts, or is audited, under an empty name
            raise ValueError(texts.USER_WITHOUT_IDENTITY)

    @property
    def label(self) -> str:
        """How the user is recorded in history and audit: the e-mail address."""
        return self.email

    def regions_for(self, action: str) -> set[str] | None:
        """Regions where ``action`` is allowed; None means every region."""
        allowed: set[str] = set()
        for grant in self.grants:
            permissions = role_table()[grant.role]["mag"]
            scope = permissions.get(action) if isinstance(permissions, dict) else None
            if scope == "alle":
                return None
            if scope == "regio" and grant.region_code:
                allowed.add(grant.region_code)
        return allowed


@cache
def role_table() -> dict[str, dict[str, object]]:
    """The roles and their permissions from reference data."""
    text = resources.files("capaciteit.reference").joinpath("rollen.toml").read_text("utf-8")
    return dict(tomllib.loads(text)["rollen"])


def can(user: User, action: str, region_code: str | None = None) -> bool:
    """May ``user`` do ``action`` (for ``region_code``; None = national or not regional)?"""
    regions = user.regions_for(action)
    if regions is None:
        return True
    return region_code is not None and region_code in regions


def require(user: User, action: str, region_code: str | None = None) -> None:
    """Raise AccessDenied (Dutch) unless ``user`` may do ``action`` for ``region_code``."""
    if not can(user, action, region_code):
        where = texts.ACCESS_DENIED_WHERE.format(regio=region_code) if region_code else ""
        raise AccessDenied(texts.ACCESS_DENIED.format(
            wie=user.label, actie=texts.ACTION_LABELS.get(action, action), waar=where),
            action, region_code)


def local_admin(name: str = LOCAL_USER) -> User:
    """The single user of lokale modus (and of the CLI): beheerder, on this machine only.

    Its role is standing: it needs no row in the role table and cannot be revoked.
    """
    admin = frozenset({Grant(ADMIN)})
    return User(email=name, name=name, grants=admin, standing=admin)


def parse_grant(text: str) -> Grant:
    """'regio-invoerder:VR13' or 'beheerder' → Grant; raises ValueError for unknown roles."""
    role, _, region = text.strip().partition(":")
    if role not in role_table():
        raise ValueError(texts.ROLE_UNKNOWN.format(rol=role))
    return Grant(role, region.strip().upper() or None)
