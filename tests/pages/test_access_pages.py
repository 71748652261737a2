"""Access on the pages, under AppTest: a revoked role stops the next click; untrusted logins.

A page builds its user when it runs, and a button's callback runs before the next
run: the callback acts with the user of the previous run. Each revocation test
opens a page as a user with a role, revokes the role in the database (as another
beheerder would, in another session), then clicks the button of the form that is
still open. The click must be refused in Dutch, audited, and change nothing.

The login tests give AppTest the claims a provider would send (``at.user``); the
end-to-end login through a real provider is in tests/browser/test_login_browser.py.
The store is a real SQLite database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

from capaciteit import clock
from capaciteit.access import audit, roles
from capaciteit.access.permissions import local_admin
from capaciteit.agreements import overview as agreement_overview
from capaciteit.settings import get_settings
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import RoleGrant, Submission
from tests.pages.support import open_page, run_ok, values

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
INSTALLER = local_admin("installatie")
TODAY = clock.today()
BEHEER = "beheer@vr-test.nl"
INVOER = "invoer@vr13-test.nl"


def refusal(email: str, what: str) -> str:
    return f"Geweigerd: {email} mag niet {what}. Vraag een beheerder om de juiste rol."


NO_ROLE = ("U bent ingelogd als {}, maar heeft nog geen rol. Vraag een beheerder om u "
           "toegang te geven.")
UNVERIFIED = ("Inloggen geweigerd: uw inlogdienst bevestigt niet dat uw e-mailadres geverifieerd "
              "is. Alleen een geverifieerd e-mailadres krijgt een rol. Verifieer uw adres bij de "
              "inlogdienst en log opnieuw in.")
NO_EMAIL = ("Inloggen geweigerd: uw inlog levert geen 'email', en daaraan herkent het dashboard "
            "wie u bent. U krijgt geen toegang. Vraag de beheerder van uw inlogdienst om dit "
            "gegeven mee te sturen.")


@pytest.fixture
def store(data_dir: Path) -> Iterator[Engine]:
    engine = prepare_database(get_settings().effective_database_url)
    yield engine
    engine.dispose()


def login(email: str | None, **claims: object) -> dict[str, object]:
    user: dict[str, object] = {"is_logged_in": True, "name": "Test Gebruiker", **claims}
    if email is not None:
        user["email"] = email
    return user


def form_button(at: AppTest, form: str, label: str):
    return next(b for b in at.button if b.form_id == form and b.label == label)


def revoke_every_role_of(engine: Engine, email: str, *, keep: str | None = None) -> None:
    """What another beheerder does in another session, while the form stays open."""
    with engine.connect() as conn:
        rows = conn.execute(select(RoleGrant.id, RoleGrant.role).where(
            RoleGrant.email == email, RoleGrant.revoked_at.is_(None))).all()
    for row in rows:
        if row.role != keep:
            roles.revoke(engine, INSTALLER, row.id)


def role_rows(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(RoleGrant).order_by(RoleGrant.id))]


def submissions(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Submission.region_code,
                                                      Submission.version))]


def agreements(engine: Engine) -> list[str]:
    return agreement_overview.list_agreements(engine, TODAY)[0]["partner_name"].tolist()


def trail(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return audit.events(conn)


def assert_refusal_audited(engine: Engine, email: str, action: str, region: str | None) -> None:
    newest = trail(engine).iloc[0]
    assert (newest["actor"], newest["action"], newest["details"]) == (
        email, audit.REFUSED, {"actie": action})
    assert (None if pd.isna(newest["region_code"]) else newest["region_code"]) == region


# ---------------------------------------------------------------- a revoked role, an open form


@pytest.mark.parametrize("kept", [None, "lezer"], ids=["no-role-left", "still-lezer"])
def test_a_revoked_beheerder_cannot_make_himself_beheerder_again_from_the_open_form(
        store, kept):
    roles.grant(store, INSTALLER, BEHEER, "beheerder")
    if kept:
        roles.grant(store, INSTALLER, BEHEER, kept)
    at = open_page("pages/beheer.py", login(BEHEER, email_verified=True))
    at.text_input(key="rol_email").input(BEHEER)
    at.selectbox(key="rol_rol").set_value("beheerder")
    revoke_every_role_of(store, BEHEER, keep=kept)
    before = role_rows(store)

    at = run_ok(form_button(at, "rol_toekennen", "Rol toekennen").click())

    assert refusal(BEHEER, "rollen beheren") in values(at.error)
    assert role_rows(store) == before
    assert_refusal_audited(store, BEHEER, "rollen_beheren", None)
    assert not [b for b in at.button if b.form_id == "rol_toekennen"]  # the form is gone now
    if kept:
        assert "Deze pagina is alleen voor beheerders." in values(at.info)
    else:
        assert values(at.warning) == [NO_ROLE.format(BEHEER)]


def test_a_revoked_regio_invoerder_cannot_publish_the_checked_file(store):
    roles.grant(store, INSTALLER, INVOER, "regio-invoerder:VR13")
    at = open_page("pages/aanleveren.py", login(INVOER, email_verified=True), regio="VR13")
    peildatum = (TODAY - timedelta(days=5)).strftime("%d-%m-%Y")
    csv = ("gemeente;organisatie;categorie;subcategorie;aantal_personen;fte;"
           "inzetbaar_personen;inzetbaar_binnen_uur;peildatum\r\n"
           f";Handhaving VR13;boa;domein-1;60;50,5;30;24;{peildatum}\r\n").encode("cp1252")
    at.file_uploader[0].set_value(("vr13.csv", csv, "text/csv"))
    at = run_ok(at)
    publish = next(b for b in at.button if b.label == "Publiceren")
    assert not publish.disabled
    revoke_every_role_of(store, INVOER)

    at = run_ok(publish.click())

    assert refusal(INVOER, "capaciteit publiceren voor VR13") in values(at.error)
    assert not [s for s in values(at.success) if s.startswith("Gepubliceerd")]
    assert submissions(store) == []
    assert_refusal_audited(store, INVOER, "publiceren", "VR13")
    assert values(at.warning) == [NO_ROLE.format(INVOER)]


def test_a_revoked_regio_invoerder_cannot_save_the_agreement_in_the_open_form(store):
    roles.grant(store, INSTALLER, INVOER, "regio-invoerder:VR13")
    at = open_page("pages/afspraken.py", login(INVOER, email_verified=True))
    at.selectbox(key="nieuw_region_code").set_value("VR13")
    at.selectbox(key="nieuw_partner_type").set_value("gemeente")
    at.text_input(key="nieuw_partner_name").input("Gemeente Amsterdam")
    at.multiselect(key="nieuw_scopes").set_value(["boa"])
    at.number_input(key="nieuw_committed_persons").set_value(5)
    at.number_input(key="nieuw_lead_time_hours").set_value(24)
    at.date_input(key="nieuw_valid_from").set_value(TODAY - timedelta(days=1))
    at.selectbox(key="nieuw_status").set_value("getekend")
    revoke_every_role_of(store, INVOER)

    at = run_ok(form_button(at, "nieuw_form", "Opslaan").click())

    assert refusal(INVOER, "afspraken vastleggen of wijzigen voor VR13") in values(at.error)
    assert agreements(store) == []
    assert_refusal_audited(store, INVOER, "afspraak_wijzigen", "VR13")


def test_with_the_role_kept_the_same_click_saves(store):
    """The control for the tests above: the form works when nobody revokes."""
    roles.grant(store, INSTALLER, BEHEER, "beheerder")
    at = open_page("pages/beheer.py", login(BEHEER, email_verified=True))
    at.text_input(key="rol_email").input("nieuw@vr-test.nl")
    at.selectbox(key="rol_rol").set_value("lezer")
    at = run_ok(form_button(at, "rol_toekennen", "Rol toekennen").click())
    assert not [e for e in values(at.error) if e.startswith("Geweigerd")]
    assert ("nieuw@vr-test.nl", "lezer") in [(r[1], r[2]) for r in role_rows(store)]


# ---------------------------------------------------------------- logins that name nobody


@pytest.fixture
def groups_to_beheerder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPACITEIT_GROEPEN_ROLLEN", '{"crisis-beheer": "beheerder"}')


@pytest.mark.parametrize(("user", "message"), [
    (login(BEHEER, email_verified=False), UNVERIFIED),
    (login(BEHEER, email_verified="false", groups=["crisis-beheer"]), UNVERIFIED),
    (login(BEHEER), UNVERIFIED),  # no email_verified claim: not verified
    (login(None, groups=["crisis-beheer"]), NO_EMAIL),
    (login("", email_verified=True, groups=["crisis-beheer"]), NO_EMAIL),
], ids=["verified-false", "verified-text-false-with-group", "verified-missing", "no-email",
        "empty-email"])
@pytest.mark.parametrize("page", ["pages/kaart.py", "pages/beheer.py"])
def test_a_login_without_a_verified_email_is_refused_and_gets_no_role(
        store, groups_to_beheerder, user, message, page):
    roles.grant(store, INSTALLER, BEHEER, "beheerder")  # would be beheerder, if trusted
    audited = len(trail(store))
    at = open_page(page, user, regio="VR13")
    assert values(at.error) == [message]
    assert [b.label for b in at.button] == ["Uitloggen"]
    assert not at.title and not at.dataframe and not at.selectbox and not at.metric
    assert not at.get("component_instance") and not at.sidebar.caption
    assert len(trail(store)) == audited  # nothing recorded, under any name


def test_a_provider_trusted_to_verify_may_leave_the_flag_out_but_not_say_false(
        store, monkeypatch):
    monkeypatch.setenv("CAPACITEIT_INLOG_PROVIDER_VERIFIEERT", "true")
    roles.grant(store, INSTALLER, BEHEER, "beheerder")
    at = open_page("pages/beheer.py", login(BEHEER))
    assert values(at.title) == ["Beheer: rollen en auditspoor"]
    assert f"{BEHEER}: beheerder" in values(at.sidebar.caption)
    at = open_page("pages/beheer.py", login(BEHEER, email_verified=False))
    assert values(at.error) == [UNVERIFIED] and not at.title


def test_the_claim_that_names_the_user_is_a_setting(store, monkeypatch):
    monkeypatch.setenv("CAPACITEIT_INLOG_CLAIM", "preferred_username")
    roles.grant(store, INSTALLER, "j.jansen", "beheerder")
    at = open_page("pages/beheer.py", login("iemand@anders.nl", email_verified=True,
                                            preferred_username="J.Jansen"))
    assert "j.jansen: beheerder" in values(at.sidebar.caption)
    assert values(at.title) == ["Beheer: rollen en auditspoor"]
