"""Who may do what: users, roles per region, and the one check every write calls.

Roles come from the app's own role table (keyed on the verified e-mail
address), optionally seeded from an identity provider's groups claim. The
check lives here, in the core, so a page that forgets to hide a button, a deep
link or a direct call cannot get past it.
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
LOCAL_USER = "lokaal"


class AccessDenied(Exception):
    """The acting user may not do this; the message is Dutch and names what is missing."""


@dataclass(frozen=True)
class Grant:
    """One role, for one region or (region None) for all."""

    role: str
    region_code: str | None = None


@dataclass(frozen=True)
class User:
    """The acting person: a verified e-mail address and the roles granted to it."""

    email: str
    name: str = ""
    grants: frozenset[Grant] = field(default_factory=frozenset)

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
            wie=user.label, actie=texts.ACTION_LABELS.get(action, action), waar=where))


def local_admin(name: str = LOCAL_USER) -> User:
    """The single user of lokale modus: beheerder, on this machine only."""
    return User(email=name, name=name, grants=frozenset({Grant(ADMIN)}))


def parse_grant(text: str) -> Grant:
    """'regio-invoerder:VR13' or 'beheerder' → Grant; raises ValueError for unknown roles."""
    role, _, region = text.strip().partition(":")
    if role not in role_table():
        raise ValueError(texts.ROLE_UNKNOWN.format(rol=role))
    return Grant(role, region.strip().upper() or None)
