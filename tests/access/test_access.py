"""Roles, the authorization check, the role table and the insert-only audit trail.

The ``User`` objects below are for the pure check (``can``); every write reads the
grants from the role table, so the write tests give their users roles there first.
"""

from __future__ import annotations

import uuid
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import text

from capaciteit.access import audit, roles
from capaciteit.access.permissions import (
    ADMIN,
    MANAGE_ROLES,
    NATIONAL_AGREEMENT,
    PUBLISH,
    READER,
    REGION_EDITOR,
    RESTORE,
    AccessDenied,
    Grant,
    User,
    can,
    local_admin,
    parse_grant,
    require,
)
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.storage import repository as storage
from capaciteit.uploads import publishing
from capaciteit.uploads.validation import ValidationResult

READER_USER = User("lezer@rijk.nl", grants=frozenset({Grant(READER)}))
VR13_EDITOR = User("invoer@vr13.nl", grants=frozenset({Grant(REGION_EDITOR, "VR13")}))
TWO_REGIONS = User("invoer@twee.nl", grants=frozenset({Grant(REGION_EDITOR, "VR13"),
                                                       Grant(REGION_EDITOR, "VR15")}))
ADMIN_USER = User("beheer@rijk.nl", grants=frozenset({Grant(ADMIN)}))
NOBODY = User("niemand@elders.nl")
INSTALLER = local_admin("installatie")  # beheerder without a row in the role table


def stored_user(engine, email: str, *specs: str) -> User:
    """Give ``email`` the roles in ``specs`` in the role table, and load the user."""
    for spec in specs:
        roles.grant(engine, INSTALLER, email, spec)
    with engine.connect() as conn:
        return roles.load_user(conn, email)


@pytest.mark.parametrize(("user", "action", "region", "allowed"), [
    (READER_USER, PUBLISH, "VR13", False),
    (READER_USER, RESTORE, "VR13", False),
    (VR13_EDITOR, PUBLISH, "VR13", True),
    (VR13_EDITOR, PUBLISH, "VR15", False),
    (VR13_EDITOR, RESTORE, "VR13", True),
    (VR13_EDITOR, NATIONAL_AGREEMENT, None, False),
    (VR13_EDITOR, MANAGE_ROLES, None, False),
    (TWO_REGIONS, PUBLISH, "VR15", True),
    (TWO_REGIONS, PUBLISH, "VR01", False),
    (ADMIN_USER, PUBLISH, "VR01", True),
    (ADMIN_USER, NATIONAL_AGREEMENT, None, True),
    (ADMIN_USER, MANAGE_ROLES, None, True),
    (NOBODY, PUBLISH, "VR13", False),
    (VR13_EDITOR, PUBLISH, None, False),
])
def test_can_follows_the_role_table(user, action, region, allowed):
    assert can(user, action, region) is allowed


def test_a_refusal_says_who_what_and_where_in_dutch():
    with pytest.raises(AccessDenied) as refused:
        require(VR13_EDITOR, PUBLISH, "VR15")
    assert str(refused.value) == ("Geweigerd: invoer@vr13.nl mag niet capaciteit publiceren "
                                  "voor VR15. Vraag een beheerder om de juiste rol.")


@pytest.mark.parametrize(("spec", "grant"), [
    ("beheerder", Grant(ADMIN)),
    ("regio-invoerder:vr13", Grant(REGION_EDITOR, "VR13")),
    (" lezer ", Grant(READER)),
])
def test_grants_are_parsed_from_text(spec, grant):
    assert parse_grant(spec) == grant


def test_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="Onbekende rol 'baas'"):
        parse_grant("baas")


def test_the_local_user_is_beheerder():
    assert can(local_admin(), MANAGE_ROLES) is True
    assert local_admin().grants == frozenset({Grant(ADMIN)})


def _records(region: str) -> pd.DataFrame:
    return pd.DataFrame([{
        "region_code": region, "gemeente_code": None, "organisation": "Org", "organisation_id":
        None, "category": "boa", "subcategory": "domein-1", "persons": 10, "fte": 8.0,
        "deployable_persons": 5, "deployable_within_hours": 24, "powers": "", "note": "",
        "peildatum": pd.Timestamp(date(2026, 11, 1))}])[RECORD_COLUMNS]


def _current(engine, region: str) -> storage.VersionStamp | None:
    with engine.connect() as conn:
        return storage.current_stamp(conn, region)


WRITES = {
    "publiceren": lambda engine, user, region: publishing.publish(
        engine, region, ValidationResult(_records(region)), actor=user, filename="f.xlsx",
        sha256=uuid.uuid4().hex * 2, accept_warnings=True, based_on=_current(engine, region)),
    "herstellen": lambda engine, user, region: publishing.restore(
        engine, region, 1, actor=user, based_on=_current(engine, region)),
}


@pytest.mark.parametrize("action", sorted(WRITES))
@pytest.mark.parametrize(("role", "region", "allowed"), [
    ("lezer", "VR13", False),
    ("regio-invoerder:VR13", "VR13", True),
    ("regio-invoerder:VR13", "VR15", False),
    ("beheerder", "VR15", True),
    (None, "VR13", False),
])
def test_every_write_is_allowed_or_refused_by_role_and_refusals_store_nothing(
        engine, action, role, region, allowed):
    user = stored_user(engine, "gebruiker@vr-test.nl", *([role] if role else []))
    WRITES["publiceren"](engine, INSTALLER, region)  # version 1 to restore
    with engine.connect() as conn:
        before = len(audit.events(conn))
        versions_before = conn.execute(text("SELECT COUNT(*) FROM submission")).scalar_one()
    if allowed:
        WRITES[action](engine, user, region)
    else:
        with pytest.raises(AccessDenied):
            WRITES[action](engine, user, region)
    with engine.connect() as conn:
        events = audit.events(conn)
        versions = conn.execute(text("SELECT COUNT(*) FROM submission")).scalar_one()
    assert versions == versions_before + (1 if allowed else 0)
    assert len(events) == before + 1  # the write, or the refusal
    newest = events.iloc[0]
    assert (newest["actor"], newest["region_code"]) == (user.email, region)
    if allowed:
        assert newest["action"] == action
    else:
        assert newest["action"] == "geweigerd"
        assert newest["details"] == {"actie": action}


def test_the_role_table_grants_and_revokes_and_keeps_the_history(engine):
    roles.grant(engine, INSTALLER, "Invoer@VR13.nl", "regio-invoerder:VR13")
    with engine.connect() as conn:
        user = roles.load_user(conn, "invoer@vr13.nl")
        grant_id = int(roles.grants_frame(conn)["id"].iloc[0])
    assert user.grants == frozenset({Grant(REGION_EDITOR, "VR13")})
    roles.revoke(engine, INSTALLER, grant_id)
    with engine.connect() as conn:
        assert roles.load_user(conn, "invoer@vr13.nl").grants == frozenset()
        kept = conn.execute(text("SELECT COUNT(*) FROM role_grant")).scalar_one()
        actions = list(audit.events(conn)["action"])
    assert kept == 1
    assert actions == ["rol_ingetrokken", "rol_toegekend"]


def test_only_a_beheerder_manages_roles_and_a_refusal_is_audited(engine):
    editor = stored_user(engine, "invoer@vr13.nl", "regio-invoerder:VR13")
    with pytest.raises(AccessDenied):
        roles.grant(engine, editor, "x@y.nl", "beheerder")
    with engine.connect() as conn:
        assert roles.grants_frame(conn)["email"].tolist() == ["invoer@vr13.nl"]
        assert list(audit.events(conn)["action"]) == ["geweigerd", "rol_toegekend"]


def test_a_regio_invoerder_grant_needs_a_region(engine):
    with pytest.raises(ValueError, match="hoort bij een veiligheidsregio"):
        roles.grant(engine, INSTALLER, "x@y.nl", "regio-invoerder")


def test_groups_from_the_login_claim_map_to_roles(engine):
    with engine.connect() as conn:
        user = roles.load_user(conn, "a@b.nl", groups=["vr15-invoer", "onbekend"],
                               group_roles={"vr15-invoer": "regio-invoerder:VR15"})
    assert user.grants == frozenset({Grant(REGION_EDITOR, "VR15")})
    assert user.standing == user.grants  # from the login, not revocable in the table


@pytest.mark.parametrize("statement", [
    "UPDATE audit_event SET actor = 'iemand anders'",
    "DELETE FROM audit_event",
])
def test_the_database_refuses_to_change_or_delete_audit_records(engine, statement):
    with engine.begin() as conn:
        audit.record(conn, ADMIN_USER, "test", object_type="test")
    with pytest.raises(Exception, match="auditregels worden nooit"):
        with engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert list(audit.events(conn)["actor"]) == [ADMIN_USER.email]


@pytest.mark.parametrize(("email", "spec", "message"), [
    ("x" * 309 + "@example.com", "lezer", "Het e-mailadres is 321 tekens; de grens is 320."),
    ("x" * 53 + "@example.com", "lezer", "Het e-mailadres is 65 tekens; de grens is 64."),
    ("lezer\x00@vr13.nl", "lezer", "Het e-mailadres bevat een stuurteken (U+0000)"),
    ("lezer@vr13.nl", "regio-invoerder:VR13X", "'VR13X' is geen code van een veiligheidsregio"),
    ("lezer@vr13.nl", "regio-invoerder:VR\x001", "is geen code van een veiligheidsregio"),
])
def test_a_grant_the_role_table_cannot_hold_is_refused_and_nothing_is_stored(
        engine, email, spec, message):
    with pytest.raises(ValueError) as refused:
        roles.grant(engine, ADMIN_USER, email, spec)
    assert message in str(refused.value)
    with engine.connect() as conn:
        assert roles.grants_frame(conn).empty
        assert audit.events(conn).empty


def test_an_address_as_long_as_the_audit_trail_can_name_is_granted_and_read_back(engine):
    """64 characters: audit_event.object_id names the address (role_grant.email holds 320)."""
    email = "x" * 52 + "@example.com"
    roles.grant(engine, local_admin("beheer@rijk.nl"), email, "regio-invoerder:VR13")
    with engine.connect() as conn:
        assert roles.load_user(conn, email).grants == frozenset({Grant(REGION_EDITOR, "VR13")})
        assert audit.events(conn)["object_id"].tolist() == [email]


@pytest.mark.parametrize("name", ["x" * 321, "beheer\x00", "beheer\tder"])
def test_an_actor_the_audit_trail_cannot_record_is_refused_before_anything_is_written(
        engine, name):
    with pytest.raises(AccessDenied, match="kan niet worden vastgelegd: het "):
        roles.grant(engine, local_admin(name), "lezer@vr13.nl", "lezer")
    with engine.connect() as conn:
        assert roles.grants_frame(conn).empty
        assert audit.events(conn).empty  # not even the refusal: it could not be recorded
