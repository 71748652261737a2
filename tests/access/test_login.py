"""Who a login is: the user-loading function fed with the claim dicts a provider sends.

Only a verified identity gets a user (and so a role); the identifying claim and
whether a provider is trusted without ``email_verified`` are settings. Runs on
SQLite and PostgreSQL, with a role table that would make the refused logins beheerder.
"""

from __future__ import annotations

import pytest

from capaciteit.access import audit, roles
from capaciteit.access.login import LoginRefused, is_verified, user_from_claims
from capaciteit.access.permissions import ADMIN, READER, REGION_EDITOR, Grant, local_admin
from capaciteit.settings import Settings

BEHEER = "beheer@rijk.nl"
GROUPS = {"crisis-beheer": "beheerder", "vr13-invoer": "regio-invoerder:VR13"}
DEFAULT = Settings().model_copy(update={"group_roles": GROUPS})
TRUSTING = Settings().model_copy(update={"group_roles": GROUPS, "login_provider_verifies": True})


@pytest.fixture
def table(engine):
    """A role table in which beheer@rijk.nl is beheerder and j.jansen is lezer."""
    roles.grant(engine, local_admin("installatie"), BEHEER, "beheerder")
    roles.grant(engine, local_admin("installatie"), "j.jansen", "lezer")
    return engine


def load(engine, claims, settings=DEFAULT):
    with engine.connect() as conn:
        return user_from_claims(conn, claims, settings)


@pytest.mark.parametrize(("flag", "trusted", "verified"), [
    (True, False, True),
    ("true", False, True),
    (" TRUE ", False, True),
    (False, False, False),
    (False, True, False),  # an explicit false is never overruled
    ("false", True, False),
    (None, False, False),  # absent: not verified ...
    (None, True, True),  # ... unless the provider is trusted to verify
    (1, False, False),
    ("ja", False, False),
])
def test_only_a_true_email_verified_or_a_trusted_provider_verifies(flag, trusted, verified):
    claims = {} if flag is None else {"email_verified": flag}
    assert is_verified(claims, provider_verifies=trusted) is verified


def test_a_verified_login_gets_its_roles_from_the_table_and_its_groups(table):
    user = load(table, {"email": "Beheer@Rijk.nl", "email_verified": True, "name": "Beheer",
                        "groups": ["vr13-invoer", "onbekend"]})
    assert (user.email, user.name) == (BEHEER, "Beheer")
    assert user.grants == {Grant(ADMIN), Grant(REGION_EDITOR, "VR13")}
    assert user.standing == {Grant(REGION_EDITOR, "VR13")}


@pytest.mark.parametrize(("claims", "settings", "fragment"), [
    ({"email": BEHEER, "email_verified": False}, DEFAULT, "niet dat uw e-mailadres"),
    ({"email": BEHEER, "email_verified": False}, TRUSTING, "niet dat uw e-mailadres"),
    ({"email": BEHEER}, DEFAULT, "niet dat uw e-mailadres"),
    ({"email": BEHEER, "email_verified": "false", "groups": ["crisis-beheer"]}, DEFAULT,
     "niet dat uw e-mailadres"),
    ({"name": "Zonder Adres", "email_verified": True, "groups": ["crisis-beheer"]}, DEFAULT,
     "levert geen 'email'"),
    ({"email": "", "email_verified": True, "groups": ["crisis-beheer"]}, DEFAULT,
     "levert geen 'email'"),
    ({"email": "   ", "email_verified": True}, TRUSTING, "levert geen 'email'"),
    ({"email": [BEHEER], "email_verified": True}, DEFAULT, "levert geen 'email'"),
    ({"email": "a" * 312 + "@rijk.nl" + "x", "email_verified": True}, DEFAULT,
     "langer dan 320 tekens"),
], ids=["verified-false", "false-even-when-trusted", "flag-missing", "text-false-with-group",
        "no-email-with-group", "empty-email", "blank-email", "email-not-text", "too-long"])
def test_a_login_that_names_no_verified_person_is_refused_and_gets_no_role(
        table, claims, settings, fragment):
    with pytest.raises(LoginRefused, match=fragment) as refused:
        load(table, claims, settings)
    assert str(refused.value).startswith("Inloggen geweigerd: ")
    with table.connect() as conn:  # two grants by the installer; nothing about this login
        assert audit.events(conn)["action"].tolist() == ["rol_toegekend", "rol_toegekend"]


def test_a_provider_trusted_to_verify_may_leave_the_flag_out(table):
    assert load(table, {"email": BEHEER}, TRUSTING).grants == {Grant(ADMIN)}


def test_a_verified_login_without_a_table_row_or_group_has_no_grants(table):
    user = load(table, {"email": "nieuw@vr13.nl", "email_verified": True, "groups": "x"})
    assert user.grants == frozenset() and user.standing == frozenset()


def test_the_identifying_claim_is_a_setting(table):
    settings = Settings().model_copy(update={"login_claim": "preferred_username"})
    user = load(table, {"preferred_username": "J.Jansen", "email": BEHEER,
                        "email_verified": True}, settings)
    assert (user.email, user.grants) == ("j.jansen", {Grant(READER)})  # not the beheerder
    with pytest.raises(LoginRefused, match="levert geen 'preferred_username'"):
        load(table, {"email": BEHEER, "email_verified": True}, settings)
