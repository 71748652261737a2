"""The Beheer page under AppTest: roles behind MANAGE_ROLES, the audit trail behind VIEW_AUDIT.

Which role holds which right is read from reference/rollen.toml (data), not from the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from capaciteit.access import roles
from capaciteit.access.overview import audit_trail
from capaciteit.access.permissions import REGIONAL_ROLES, local_admin, role_table
from capaciteit.settings import get_settings
from capaciteit.storage.engine import prepare_database
from tests.conftest import log_in

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
PAGE = "pages/beheer.py"
SEEDER = local_admin("seed@rijk.nl")


@pytest.fixture
def store(data_dir: Path) -> Iterator[Engine]:
    engine = prepare_database(get_settings().effective_database_url)
    roles.grant(engine, SEEDER, "eerder@vr13.nl", "lezer")
    yield engine
    engine.dispose()


def open_admin(engine: Engine, role: str | None) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    if role is not None:
        email = f"{role.split(':')[0]}@vr-test.nl"
        log_in(at, engine, {"is_logged_in": True, "email": email, "email_verified": True,
                            "name": role},
               f"{role}:VR13" if role in REGIONAL_ROLES else role)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def audit_table(at: AppTest):
    return next((d.value for d in at.dataframe if "Wie" in d.value.columns), None)


@pytest.mark.parametrize("role", sorted(role_table()))
def test_the_audit_trail_is_shown_to_the_roles_that_may_view_it(store, role):
    rights = role_table()[role]["mag"]
    at = open_admin(store, role)
    subheaders = [s.value for s in at.subheader]
    assert ("Auditspoor" in subheaders) is ("audit_inzien" in rights)
    assert (audit_table(at) is not None) is ("audit_inzien" in rights)
    assert ("Rollen" in subheaders) is ("rollen_beheren" in rights)
    if not rights.keys() & {"audit_inzien", "rollen_beheren"}:
        assert [i.value for i in at.info][-1] == "Deze pagina is alleen voor beheerders."
    refused = audit_trail(store, SEEDER)
    assert not (refused["action"] == "geweigerd").any()  # hidden, so nothing was refused


def test_in_lokale_modus_the_trail_lists_who_did_what(store):
    at = open_admin(store, None)
    trail = audit_table(at)
    assert trail[["Wie", "Wat", "Object"]].values.tolist() == [
        ["seed@rijk.nl", "rol_toegekend", "rol eerder@vr13.nl"]]
    assert [b.label for b in at.get("download_button")] == ["Auditspoor downloaden (Excel)"]
