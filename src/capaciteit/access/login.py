"""Who a login is: only a verified identity from the identity provider gets a user.

The claim that names the user (``CAPACITEIT_INLOG_CLAIM``, default ``email``) keys
the role table. The provider must vouch for it: ``email_verified`` must be true.
A login without that claim counts as not verified, unless the deployment says its
provider only hands out verified addresses (``CAPACITEIT_INLOG_PROVIDER_VERIFIEERT``);
an explicit ``email_verified: false`` is refused always. A refused login gets no
user at all: no role, no groups mapped to roles, nothing audited under its name.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection

from capaciteit import texts
from capaciteit.access.permissions import User
from capaciteit.access.roles import load_user
from capaciteit.settings import Settings

VERIFIED_CLAIM = "email_verified"
GROUPS_CLAIM = "groups"
MAX_IDENTITY_LENGTH = 320  # the role table's and audit trail's column width


class LoginRefused(Exception):
    """A login that cannot be trusted to name a person; the message is Dutch."""


def is_verified(claims: Mapping[str, object], *, provider_verifies: bool = False) -> bool:
    """True when the provider vouches for the identity (``email_verified`` true).

    Some providers send the flag as the text "true"; that counts. An absent flag
    counts only when ``provider_verifies``; an explicit false never does.
    """
    flag = claims.get(VERIFIED_CLAIM)
    if flag is None:
        return provider_verifies
    return flag is True or (isinstance(flag, str) and flag.strip().lower() == "true")


def identity_of(claims: Mapping[str, object], *, claim: str = "email",
                provider_verifies: bool = False) -> str:
    """The verified identity (lower case) named by ``claim``; raises LoginRefused."""
    value = claims.get(claim)
    if not isinstance(value, str) or not value.strip():
        raise LoginRefused(texts.LOGIN_REFUSED_NO_CLAIM.format(claim=claim))
    if len(value.strip()) > MAX_IDENTITY_LENGTH:
        raise LoginRefused(texts.LOGIN_REFUSED_TOO_LONG.format(claim=claim))
    if not is_verified(claims, provider_verifies=provider_verifies):
        raise LoginRefused(texts.LOGIN_REFUSED_UNVERIFIED)
    return value.strip().lower()


def user_from_claims(conn: Connection, claims: Mapping[str, object],
                     settings: Settings) -> User:
    """The acting user of a login: its verified identity, role-table grants and groups.

    Raises LoginRefused (no user, nothing recorded) when the claim is missing or the
    identity is not verified; the groups claim is read only after that.
    """
    identity = identity_of(claims, claim=settings.login_claim,
                           provider_verifies=settings.login_provider_verifies)
    groups = claims.get(GROUPS_CLAIM)
    name = claims.get("name")
    return load_user(conn, identity, name if isinstance(name, str) else "",
                     [g for g in groups if isinstance(g, str)] if isinstance(groups, list)
                     else [], settings.group_roles)
