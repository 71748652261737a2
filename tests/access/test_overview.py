"""Every permission is checked in the core where its action happens; the reads the pages use."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from capaciteit.access import audit, permissions, roles
from capaciteit.access.overview import audit_trail, current_grants, user_of_login
from capaciteit.access.permissions import (
    ADMIN,
    PUBLISH,
    READER,
    REGION_EDITOR,
    VIEW_AUDIT,
    AccessDenied,
    Grant,
    User,
    local_admin,
    role_table,
)
from capaciteit.settings import Settings
from capaciteit.uploads.preview import authorize_upload

ROOT = Path(__file__).resolve().parents[2]
READER_USER = User("lezer@rijk.nl", grants=frozenset({Grant(READER)}))
VR13_EDITOR = User("invoer@vr13.nl", grants=frozenset({Grant(REGION_EDITOR, "VR13")}))
ADMIN_USER = User("beheer@rijk.nl", grants=frozenset({Grant(ADMIN)}))


def checked_permissions() -> set[str]:
    """Permissions passed to a check (``authorized_write``, ``authorize``, …) in src/capaciteit."""
    constants = {name: value for name, value in vars(permissions).items()
                 if isinstance(value, str) and name.isupper()}
    found = set()
    for path in (ROOT / "src" / "capaciteit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in {"authorize", "require", "authorized_write", "require_current"}:
                found |= {constants[a.id] for a in node.args
                          if isinstance(a, ast.Name) and a.id in constants}
    return found


def test_every_permission_in_the_role_table_is_checked_in_the_core():
    granted = {action for role in role_table().values() for action in role["mag"]}
    assert granted == {"publiceren", "herstellen", "afspraak_wijzigen", "landelijke_afspraak",
                       "rollen_beheren", "veelgestelde_vragen_beheren", "audit_inzien",
                       "bijstand_aanvragen", "bijstand_aanbieden"}  # bijstand: issue 14
    assert checked_permissions() == granted


def test_the_audit_trail_is_refused_to_a_reader_and_the_refusal_is_audited(engine):
    with pytest.raises(AccessDenied, match="mag niet het auditspoor inzien"):
        audit_trail(engine, READER_USER)
    trail = audit_trail(engine, ADMIN_USER)
    assert trail[["actor", "action"]].values.tolist() == [["lezer@rijk.nl", audit.REFUSED]]
    assert trail["details"].tolist() == [{"actie": VIEW_AUDIT}]


def test_a_region_editor_may_not_view_the_audit_trail(engine):
    with pytest.raises(AccessDenied):
        audit_trail(engine, VR13_EDITOR)


def test_grants_and_users_are_read_through_the_engine(engine):
    roles.grant(engine, local_admin("test"), "Invoer@VR13.nl", "regio-invoerder:VR13")
    assert current_grants(engine)[["email", "role", "region_code"]].values.tolist() == [
        ["invoer@vr13.nl", "regio-invoerder", "VR13"]]
    settings = Settings().model_copy(update={"group_roles": {"crisis": "lezer"}})
    user = user_of_login(engine, {"email": "invoer@vr13.nl", "email_verified": True,
                                  "groups": ["crisis"]}, settings)
    assert user.grants == {Grant(REGION_EDITOR, "VR13"), Grant(READER)}


def test_an_upload_refusal_is_audited_once_when_the_page_asks_again(engine):
    authorize_upload(engine, VR13_EDITOR, "VR13")
    for record_refusal in (True, False, False):
        with pytest.raises(AccessDenied, match="capaciteit publiceren voor VR15"):
            authorize_upload(engine, VR13_EDITOR, "VR15", record_refusal=record_refusal)
    refusals = audit_trail(engine, ADMIN_USER)
    assert refusals[["actor", "region_code"]].values.tolist() == [["invoer@vr13.nl", "VR15"]]
    assert refusals["details"].tolist() == [{"actie": PUBLISH}]
