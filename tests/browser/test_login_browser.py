"""End to end: OpenID Connect login against a real provider on loopback, roles, audit, logout.

The provider is ``oidc-provider-mock`` (PyPI), a real OIDC server; Streamlit's
own ``st.login`` talks to it. A regio-invoerder for VR13 publishes for VR13, is
refused for VR15, a beheerder sees both in the audit trail, and both log out.
A login whose e-mail address the provider does not verify, and one without an
e-mail address but with a group mapped to beheerder, are refused and get no role.
Also: without [auth], the app refuses to serve on a non-loopback address, and
refuses a page that reaches it under another host name (DNS rebinding).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text

from capaciteit.access import roles
from capaciteit.access.permissions import local_admin
from capaciteit.storage.engine import prepare_database
from capaciteit.uploads.reader import columns
from tests.browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_FRAME,
    TIMEOUT_MS,
    free_port,
    open_tab,
    prepare_data,
    running_app,
    running_process,
    wait_until_answering,
)
from tests.conftest import require

pytestmark = pytest.mark.browser

EDITOR = {"sub": "invoer", "email": "invoer@vr13.nl", "email_verified": True,
          "name": "Invoer VR13"}
ADMIN = {"sub": "beheer", "email": "beheer@rijk.nl", "email_verified": True,
         "name": "Beheer Rijk"}
UNVERIFIED = {"sub": "onbevestigd", "email": "onbevestigd@rijk.nl", "email_verified": False,
              "name": "Onbevestigd", "groups": ["crisis-beheer"]}
NO_EMAIL = {"sub": "zonder-adres", "name": "Zonder Adres", "groups": ["crisis-beheer"]}
GROUP_ROLES = '{"crisis-beheer": "beheerder"}'
UPLOAD_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real OpenID Connect provider on loopback with two predefined users."""
    executable = Path(sys.executable).parent / "oidc-provider-mock"
    require(executable.exists(), "oidc-provider-mock not installed (requirements-dev.txt)")
    port = free_port()
    log = tmp_path_factory.mktemp("oidc") / "oidc.log"
    with running_process([str(executable), "--port", str(port),
                          "--user-claims", json.dumps(EDITOR),
                          "--user-claims", json.dumps(ADMIN),
                          "--user-claims", json.dumps(UNVERIFIED),
                          "--user-claims", json.dumps(NO_EMAIL)], log) as process:
        url = f"http://127.0.0.1:{port}"
        wait_until_answering(f"{url}/.well-known/openid-configuration", process, log)
        yield url


@pytest.fixture(scope="module")
def app(provider: str, regions_cache: Path, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[tuple[str, Path]]:
    """The dashboard with [auth] pointing at the provider; roles in its role table."""
    directory = tmp_path_factory.mktemp("login-data")
    prepare_data(directory, regions_cache, demo=False)
    database = directory / "capaciteit.db"
    engine = prepare_database(f"sqlite:///{database}")
    roles.grant(engine, local_admin("installatie"), EDITOR["email"], "regio-invoerder:VR13")
    roles.grant(engine, local_admin("installatie"), ADMIN["email"], "beheerder")
    # would be beheerder twice over (table and group), if an unverified login counted
    roles.grant(engine, local_admin("installatie"), UNVERIFIED["email"], "beheerder")
    engine.dispose()
    port = free_port()
    secrets = directory / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "een-lang-test-geheim-voor-de-cookie"\n'
        'client_id = "capaciteit"\nclient_secret = "geheim"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        'client_kwargs = { scope = "openid profile email" }\n', "utf-8")
    with running_app(directory, port=port, host="localhost",  # as redirect_uri names it
                     extra_args=["--secrets.files", str(secrets)],
                     env_overrides={"CAPACITEIT_GROEPEN_ROLLEN": GROUP_ROLES}) as url:
        yield url, database


def log_in(page: Page, url: str, who: dict[str, str]) -> None:
    page.goto(url + "/")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name=who["sub"], exact=True).click()  # the provider's page
    expect(page.get_by_text(who["email"]).first).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/oauth2/end_session**")  # the provider asks to confirm
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()


def capacity_csv() -> bytes:
    headers = [c.header for c in columns()]
    row = {"regio": "VR13", "gemeente": "Amstelveen", "organisatie": "Gemeente Amstelveen",
           "categorie": "boa", "subcategorie": "domein-1", "aantal_personen": "12",
           "fte": "10,5", "inzetbaar_personen": "6", "inzetbaar_binnen_uur": "24",
           "peildatum": "01-11-2026"}
    lines = [";".join(headers), ";".join(row.get(h, "") for h in headers)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_regio_invoerder_publishes_for_vr13_is_refused_for_vr15_and_both_are_audited(
        app, chromium: Browser):
    url, database = app
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)

    log_in(page, url, EDITOR)
    page.goto(url + "/aanleveren?regio=VR13")
    page.locator(UPLOAD_INPUT).set_input_files(
        {"name": "vr13.csv", "mimeType": "text/csv", "buffer": capacity_csv()})
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Gepubliceerd als versie 1").first).to_be_visible()

    page.goto(url + "/aanleveren?regio=VR15")
    refusal = page.get_by_text("Geweigerd: invoer@vr13.nl mag niet capaciteit publiceren "
                               "voor VR15")
    expect(refusal.first).to_be_visible()
    expect(page.locator(UPLOAD_INPUT)).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "login_geweigerd.png"))
    log_out(page)

    log_in(page, url, ADMIN)
    page.goto(url + "/beheer")
    audit_table = page.get_by_test_id("stDataFrame").last
    expect(audit_table).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "beheer_audit.png"))
    log_out(page)
    context.close()

    import sqlite3

    with sqlite3.connect(database) as conn:
        rows = conn.execute(text("SELECT actor, action, region_code FROM audit_event "
                                 "ORDER BY id").text).fetchall()
        versions = conn.execute("SELECT region_code, uploaded_by FROM submission").fetchall()
    assert ("invoer@vr13.nl", "publiceren", "VR13") in rows
    assert ("invoer@vr13.nl", "geweigerd", "VR15") in rows
    assert versions == [("VR13", "invoer@vr13.nl")]


def test_without_auth_the_app_refuses_a_non_loopback_address(
        regions_cache: Path, tmp_path: Path, chromium: Browser):
    prepare_data(tmp_path, regions_cache, demo=False)
    with running_app(tmp_path, address="0.0.0.0") as url:  # noqa: S104 - the point
        page = chromium.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url + "/")
        expect(page.get_by_text("Het dashboard weigert te starten").first).to_be_visible()
        expect(page.get_by_test_id("stMetric")).to_have_count(0)
        page.close()


@pytest.mark.parametrize(("who", "refusal"), [
    (UNVERIFIED, "Inloggen geweigerd: uw inlogdienst bevestigt niet dat uw e-mailadres "
                 "geverifieerd is."),
    (NO_EMAIL, "Inloggen geweigerd: uw inlog levert geen 'email'"),
], ids=["email-not-verified", "no-email-but-beheer-group"])
def test_a_login_without_a_verified_email_is_refused_and_is_not_beheerder(
        app, chromium: Browser, who, refusal):
    url, database = app
    with open_tab(chromium) as page:
        page.goto(url + "/")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("button", name=who["sub"], exact=True).click()  # the provider's page
        expect(page.get_by_text(refusal).first).to_be_visible()
        page.goto(url + "/beheer")
        expect(page.get_by_text(refusal).first).to_be_visible()
        expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()  # the page's end
        expect(page.get_by_role("heading", name="Beheer: rollen en auditspoor")).to_have_count(0)
        expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
        expect(page.get_by_text(": beheerder")).to_have_count(0)  # no roles in the sidebar
        page.screenshot(path=str(ARTIFACTS / f"login_{who['sub']}_geweigerd.png"))
        log_out(page)

    import sqlite3

    with sqlite3.connect(database) as conn:
        actors = {a for (a,) in conn.execute("SELECT actor FROM audit_event")}
    assert actors <= {"installatie", EDITOR["email"], ADMIN["email"]}  # nothing under theirs


def test_lokale_modus_refuses_a_page_that_reaches_it_under_another_host_name(
        regions_cache: Path, tmp_path: Path, chromium: Browser):
    """DNS rebinding: evil.example resolves to 127.0.0.1 (Chromium's host-resolver rule)."""
    prepare_data(tmp_path, regions_cache)  # with the demo data: there are figures to leak
    rebinding = chromium.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"])
    try:
        with running_app(tmp_path, host="localhost") as url:
            port = url.rsplit(":", 1)[1]
            with open_tab(rebinding) as page:
                page.goto(f"http://evil.example:{port}/")
                expect(page.get_by_text("Geweigerd: het dashboard draait in lokale modus")
                       .first).to_be_visible()
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "lokale_modus_andere_hostnaam.png"))
                expect(page.locator(MAP_FRAME)).to_have_count(0)
                expect(page.get_by_test_id("stMetric")).to_have_count(0)
                expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
                expect(page.get_by_text("Fictieve demogegevens")).to_have_count(0)
                expect(page.get_by_text("Lokale modus.")).to_have_count(0)
            with open_tab(rebinding) as page:  # the same browser, by the loopback name
                page.goto(f"http://localhost:{port}/")
                expect(page.get_by_test_id("stMetric").first).to_be_visible()
                expect(page.locator(MAP_FRAME)).to_be_visible()
                expect(page.get_by_text("Geweigerd")).to_have_count(0)
    finally:
        rebinding.close()
