"""The role matrix on the pages, under AppTest: every write action × every role.

Logged in through ``at.secrets["auth"]`` and ``at.user``; roles are granted in the
app's role table. The expected outcome of each cell is written out below from the
role table (reference/rollen.toml), not taken from the app:

    lezer                  reads everything, writes nothing
    regio-invoerder:VR13   publishes, restores and records agreements for VR13 only
    beheerder              everything: also national agreements, presets, roles, audit
    (no role)              sees only "nog geen rol"

An allowed cell shows the control, the action succeeds, the store changed and the
audit trail has the write under the user's e-mail address. A refused cell hides
the control or shows the Dutch refusal "Geweigerd: … mag niet …", and the store
is unchanged. Also: logged-out visitors, and lokale modus (no [auth]) on a
loopback and on a public address. The store is a real SQLite database.
"""

from __future__ import annotations

import getpass
import re
import shutil
import tomllib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit import config
from streamlit.testing.v1 import AppTest

from capaciteit import clock, texts
from capaciteit.access import audit, roles
from capaciteit.access.permissions import local_admin
from capaciteit.agreements import overview as agreement_overview
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.deployment.measure_store import load_measures
from capaciteit.deployment.presets import load_presets
from capaciteit.settings import get_settings
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.uploads import publishing
from capaciteit.uploads.validation import ValidationResult
from tests.conftest import copy_database, log_in
from tests.pages.support import open_page, run_ok, values

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
PAGES = re.findall(r'"(pages/[\w-]+\.py)"',  # every page of the navigation, in its order
                   Path(DASHBOARD).read_text("utf-8"))
TITLES = {  # each page opened with ?regio=VR13, as the tests below do
    "pages/kaart.py": texts.MAP_HEADER, "pages/regio.py": "Amsterdam-Amstelland",
    "pages/aanleveren.py": texts.UPLOAD_HEADER, "pages/afspraken.py": texts.AGREEMENTS_HEADER,
    "pages/witte-vlekken.py": texts.WHITE_SPOTS_HEADER, "pages/inzetbaar.py": texts.DEPLOY_HEADER,
    "pages/beheer.py": texts.ADMIN_HEADER, "pages/bijstand.py": texts.ASSIST_HEADER,
    "pages/toegankelijkheid.py": texts.ACCESSIBILITY_HEADER,
}
TODAY = clock.today()
SEEDER = local_admin("seed-beheerder@rijk.nl")  # beheerder without a row in the role table
LOCAL_BANNER_START = "**Lokale modus.**"
NO_ROLE_START = "U bent ingelogd als"

# ---------------------------------------------------------------- the expected matrix

ACTIONS = ["publiceren VR13", "publiceren VR15", "herstellen VR13", "afspraak VR13",
           "afspraak landelijk", "veelgestelde vragen", "maatregelen", "rol toekennen",
           "auditspoor inzien"]
ROLES = {  # label → what is granted in the role table (None: nothing)
    "lezer": "lezer",
    "regio-invoerder:VR13": "regio-invoerder:VR13",
    "beheerder": "beheerder",
    "geen rol": None,
}
ALLOWED = {  # from reference/rollen.toml, written out by hand
    "lezer": set(),
    "regio-invoerder:VR13": {"publiceren VR13", "herstellen VR13", "afspraak VR13"},
    "beheerder": set(ACTIONS),
    "geen rol": set(),
}
READ_ONLY = ("U kunt afspraken inzien, maar niet vastleggen of wijzigen: daarvoor is de rol "
             "regio-invoerder of beheerder nodig.")
ADMIN_ONLY = "Deze pagina is alleen voor beheerders."
PUBLISH_VR13 = "capaciteit publiceren voor VR13"
PUBLISH_VR15 = "capaciteit publiceren voor VR15"
NATIONAL_AGREEMENTS = "landelijke afspraken vastleggen of wijzigen"
HOW_REFUSED = {  # how a page refuses a user who has a role, but not this right
    ("lezer", "publiceren VR13"): ("geweigerd", PUBLISH_VR13),
    ("lezer", "publiceren VR15"): ("geweigerd", PUBLISH_VR15),
    ("lezer", "herstellen VR13"): ("verborgen", None),
    ("lezer", "afspraak VR13"): ("verborgen", READ_ONLY),
    ("lezer", "afspraak landelijk"): ("verborgen", READ_ONLY),
    ("lezer", "veelgestelde vragen"): ("verborgen", None),
    ("lezer", "maatregelen"): ("verborgen", None),
    ("lezer", "rol toekennen"): ("verborgen", ADMIN_ONLY),
    ("lezer", "auditspoor inzien"): ("verborgen", ADMIN_ONLY),
    ("regio-invoerder:VR13", "publiceren VR15"): ("geweigerd", PUBLISH_VR15),
    ("regio-invoerder:VR13", "afspraak landelijk"): ("geweigerd", NATIONAL_AGREEMENTS),
    ("regio-invoerder:VR13", "veelgestelde vragen"): ("verborgen", None),
    ("regio-invoerder:VR13", "maatregelen"): ("verborgen", None),
    ("regio-invoerder:VR13", "rol toekennen"): ("verborgen", ADMIN_ONLY),
    ("regio-invoerder:VR13", "auditspoor inzien"): ("verborgen", ADMIN_ONLY),
}
REFUSED_ACTION = {"publiceren VR13": "publiceren", "publiceren VR15": "publiceren",
                  "afspraak landelijk": "landelijke_afspraak"}  # as the audit trail names it


# ---------------------------------------------------------------- the store


def records(region: str, persons: int) -> pd.DataFrame:
    return pd.DataFrame([{
        "region_code": region, "gemeente_code": None, "organisation": "Gemeente Handhaving",
        "organisation_id": None, "category": "boa", "subcategory": "domein-1",
        "persons": persons, "fte": float(persons), "deployable_persons": persons // 2,
        "deployable_within_hours": 24, "powers": "", "note": "",
        "peildatum": pd.Timestamp(TODAY - timedelta(days=10))}])[RECORD_COLUMNS]


@pytest.fixture(scope="module")
def base_store(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """VR13 published twice through the service by a beheerder: versions 1 and 2."""
    directory = tmp_path_factory.mktemp("role-matrix")
    shutil.copytree(regions_cache, directory / "regions")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CAPACITEIT_DATA_DIR", str(directory))
        env.delenv("DATABASE_URL", raising=False)
        env.delenv("CAPACITEIT_DATABASE_URL", raising=False)
        engine = prepare_database(get_settings().effective_database_url)
        for persons in (40, 60):
            with engine.connect() as conn:
                based_on = storage.current_stamp(conn, "VR13")
            publishing.publish(engine, "VR13", ValidationResult(records("VR13", persons)),
                               actor=SEEDER, filename=f"vr13-{persons}.xlsx",
                               sha256=uuid.uuid4().hex * 2, accept_warnings=True,
                               based_on=based_on)
        engine.dispose()
    return directory / "capaciteit.db"


@pytest.fixture
def store(data_dir: Path, base_store: Path) -> Iterator[Engine]:
    engine = copy_database(base_store, data_dir)
    yield engine
    engine.dispose()


def events(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return audit.events(conn)


def versions(engine: Engine, region: str) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        history = storage.history(conn, region)
    return sorted(zip(history["version"].astype(int), history["kind"], strict=True))


def agreements(engine: Engine) -> list[tuple[str, str]]:
    frame = agreement_overview.list_agreements(engine, TODAY)[0]
    return sorted(zip(frame["region_code"], frame["partner_name"], strict=True), key=str)


def presets(engine: Engine) -> list[str]:
    return sorted(p.code for p in load_presets(engine, include_inactive=True))


def measures(engine: Engine) -> list[tuple[str, str]]:
    return sorted((m.code, m.name) for m in load_measures(engine, include_inactive=True))


def grants(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        frame = roles.grants_frame(conn)
    return sorted(zip(frame["email"], frame["role"], strict=True))


# ---------------------------------------------------------------- driving the pages


def user_for(role: str) -> dict[str, object]:
    slug = re.sub(r"[^a-z0-9]+", "-", role.lower()).strip("-")
    return {"is_logged_in": True, "email": f"{slug}@vr-test.nl", "email_verified": True,
            "name": f"Test {role}"}


def refusals_in(at: AppTest) -> list[str]:
    return [e for e in values(at.error) if e.startswith("Geweigerd")]


def form_button(at: AppTest, form: str, label: str):
    return next((b for b in at.button if b.form_id == form and b.label == label), None)


def capacity_csv(region: str) -> bytes:
    """A region-wide capacity file as a Dutch Excel CSV export (as many boa's as version 2)."""
    peildatum = (TODAY - timedelta(days=5)).strftime("%d-%m-%Y")
    lines = ["gemeente;organisatie;categorie;subcategorie;aantal_personen;fte;"
             "inzetbaar_personen;inzetbaar_binnen_uur;peildatum",
             f";Handhaving {region};boa;domein-1;60;50,5;30;24;{peildatum}"]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@dataclass
class Cell:
    """What one action on its page did: was the control there, what did the page say."""

    at: AppTest
    control: bool


def publish(region: str) -> Callable[[dict], Cell]:
    def act(user: dict) -> Cell:
        at = open_page("pages/aanleveren.py", user=user, regio=region)
        if not at.file_uploader:
            return Cell(at, control=False)
        at.file_uploader[0].set_value((f"{region}.csv", capacity_csv(region), "text/csv"))
        run_ok(at)
        button = next((b for b in at.button if b.label == "Publiceren"), None)
        assert button is not None and not button.disabled, values(at.error) + values(at.info)
        run_ok(button.click())
        return Cell(at, control=True)
    return act


def restore(user: dict) -> Cell:
    at = open_page("pages/regio.py", user=user, regio="VR13")
    buttons = [b for b in at.button if b.key == "herstel_knop_VR13"]
    if not buttons:
        assert not [s for s in at.selectbox if s.key == "herstel_VR13"]
        return Cell(at, control=False)
    at.selectbox(key="herstel_VR13").set_value(1)
    run_ok(at.button(key="herstel_knop_VR13").click())
    return Cell(at, control=True)


def create_agreement(region: str, partner: str) -> Callable[[dict], Cell]:
    def act(user: dict) -> Cell:
        at = open_page("pages/afspraken.py", user=user)
        if form_button(at, "nieuw_form", "Opslaan") is None:
            return Cell(at, control=False)
        at.selectbox(key="nieuw_region_code").set_value(region)
        at.selectbox(key="nieuw_partner_type").set_value("gemeente")
        at.text_input(key="nieuw_partner_name").input(partner)
        at.multiselect(key="nieuw_scopes").set_value(["boa"])
        at.number_input(key="nieuw_committed_persons").set_value(5)
        at.number_input(key="nieuw_lead_time_hours").set_value(24)
        at.date_input(key="nieuw_valid_from").set_value(TODAY - timedelta(days=1))
        at.selectbox(key="nieuw_status").set_value("getekend")
        run_ok(form_button(at, "nieuw_form", "Opslaan").click())
        return Cell(at, control=True)
    return act


def edit_presets(user: dict) -> Cell:
    at = open_page("pages/inzetbaar.py", user=user, regio="VR13")
    if form_button(at, "preset_form_new", "Opslaan") is None:
        if at.title:  # the page runs; the editor and the expander that holds it are not offered
            assert "Veelgestelde vragen beheren" not in [e.label for e in at.expander]
        return Cell(at, control=False)
    at.text_input(key="preset_new_code").input("matrix-test")
    at.text_input(key="preset_new_name").input("Matrixvraag")
    at.multiselect(key="preset_new_scopes").set_value(["boa"])
    run_ok(form_button(at, "preset_form_new", "Opslaan").click())
    return Cell(at, control=True)


def edit_measures(user: dict) -> Cell:
    at = open_page("pages/inzetbaar.py", user=user, regio="VR13")
    if not [s for s in at.selectbox if s.key == "measure_choice"]:
        if at.title:
            assert "Maatregelen (sluitingen) beheren" not in [e.label for e in at.expander]
        return Cell(at, control=False)
    run_ok(at.selectbox(key="measure_choice").set_value("scholen-gesloten"))
    at.text_input(key="measure_scholen-gesloten_name").input("Scholen dicht")
    run_ok(form_button(at, "measure_form_scholen-gesloten", "Opslaan").click())
    return Cell(at, control=True)


def grant_role(user: dict) -> Cell:
    at = open_page("pages/beheer.py", user=user)
    if form_button(at, "rol_toekennen", "Rol toekennen") is None:
        return Cell(at, control=False)
    at.text_input(key="rol_email").input("nieuw@vr-test.nl")
    at.selectbox(key="rol_rol").set_value("lezer")
    run_ok(form_button(at, "rol_toekennen", "Rol toekennen").click())
    return Cell(at, control=True)


def view_audit(user: dict) -> Cell:
    at = open_page("pages/beheer.py", user=user)
    shown = "Auditspoor" in values(at.subheader)
    tables = [d.value for d in at.dataframe if "Wie" in d.value.columns]
    assert shown == bool(tables)
    return Cell(at, control=shown)


@dataclass(frozen=True)
class Action:
    act: Callable[[dict], Cell]
    state: Callable[[Engine], object]  # the part of the store this action changes
    success: str  # the start of the page's success message
    audit_action: str | None  # what the audit trail records; None: a read, nothing recorded
    region: str | None = None


ACTION_TABLE = {
    "publiceren VR13": Action(publish("VR13"), lambda e: versions(e, "VR13"),
                              "Gepubliceerd als versie 3 van", "publiceren", "VR13"),
    "publiceren VR15": Action(publish("VR15"), lambda e: versions(e, "VR15"),
                              "Gepubliceerd als versie 1 van", "publiceren", "VR15"),
    "herstellen VR13": Action(restore, lambda e: versions(e, "VR13"),
                              "Versie 1 is hersteld als nieuwe versie 3.", "herstellen", "VR13"),
    "afspraak VR13": Action(create_agreement("VR13", "Gemeente Amsterdam"), agreements,
                            "Afspraak #1 met Gemeente Amsterdam is opgeslagen.",
                            "afspraak_aangemaakt", "VR13"),
    "afspraak landelijk": Action(create_agreement("landelijk", "Landelijke Pool"), agreements,
                                 "Afspraak #1 met Landelijke Pool is opgeslagen.",
                                 "afspraak_aangemaakt", None),  # national: no region
    "veelgestelde vragen": Action(edit_presets, presets, "Vraag 'Matrixvraag' opgeslagen.",
                             "veelgestelde_vraag_opgeslagen"),
    "maatregelen": Action(edit_measures, measures, "Maatregel 'Scholen dicht' opgeslagen.",
                          "maatregel_opgeslagen"),
    "rol toekennen": Action(grant_role, grants, "Rol lezer toegekend aan nieuw@vr-test.nl.",
                            "rol_toegekend"),
    "auditspoor inzien": Action(view_audit, lambda e: None, "", None),
}
EXPECTED_CHANGE = {  # what an allowed action adds to the store
    "publiceren VR13": lambda before: sorted([*before, (3, "upload")]),
    "publiceren VR15": lambda before: [(1, "upload")],
    "herstellen VR13": lambda before: sorted([*before, (3, "herstel")]),
    "afspraak VR13": lambda before: [("VR13", "Gemeente Amsterdam")],
    "afspraak landelijk": lambda before: [(None, "Landelijke Pool")],  # stored without region
    "veelgestelde vragen": lambda before: sorted([*before, "matrix-test"]),
    "maatregelen": lambda before: sorted(
        ("scholen-gesloten", "Scholen dicht") if code == "scholen-gesloten" else (code, name)
        for code, name in before),
    "rol toekennen": lambda before: sorted([*before, ("nieuw@vr-test.nl", "lezer")]),
    "auditspoor inzien": lambda before: None,
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", list(ROLES))
def test_role_matrix(store, role, action):
    user = user_for(role)
    email = str(user["email"])
    spec = ROLES[role]
    if spec:
        roles.grant(store, SEEDER, email, spec)
    else:
        with store.connect() as conn:
            assert roles.load_user(conn, email).grants == frozenset()
    allowed = action in ALLOWED[role]
    plan = ACTION_TABLE[action]
    before_state, before_events = plan.state(store), events(store)

    cell = plan.act(user)
    at = cell.at
    shown = values(at.error) + values(at.warning) + values(at.info) + values(at.success)
    new = events(store).iloc[: len(events(store)) - len(before_events)]
    mine = new[new["actor"] == email]

    if allowed:
        assert cell.control, f"{role} may {action}, but the page does not offer it: {shown}"
        assert not refusals_in(at), values(at.error)
        after = plan.state(store)
        assert after == EXPECTED_CHANGE[action](before_state)
        if plan.audit_action:
            assert any(s.startswith(plan.success) for s in values(at.success)), shown
            assert mine["action"].tolist() == [plan.audit_action]
            assert [None if pd.isna(r) else r for r in mine["region_code"]] == [plan.region]
        else:  # the audit trail itself: shown, with the grant that gave this user the role
            trail = next(d.value for d in at.dataframe if "Wie" in d.value.columns)
            granted = trail[(trail["Wat"] == "rol_toegekend")
                            & (trail["Object"] == f"rol {email}")]
            assert granted["Wie"].tolist() == [SEEDER.email]
            assert mine.empty
    else:
        assert plan.state(store) == before_state, f"{role} changed the store with {action}"
        assert not (mine["action"] != audit.REFUSED).any(), mine
        refusals = [e for e in values(at.error) if e.startswith("Geweigerd: ")]
        assert not any(s.startswith(plan.success) for s in values(at.success) if plan.success)
        if spec is None:
            assert not cell.control and not refusals
            assert [w for w in values(at.warning) if w.startswith(NO_ROLE_START)] == [
                f"U bent ingelogd als {email}, maar heeft nog geen rol. Vraag een beheerder "
                "om u toegang te geven."]
            assert not at.title and not at.dataframe
        else:
            how, text = HOW_REFUSED[(role, action)]
            if how == "geweigerd":  # the page says so, in Dutch, naming who, what and where
                assert refusals == [f"Geweigerd: {email} mag niet {text}. "
                                    "Vraag een beheerder om de juiste rol."], shown
                assert (mine["action"] == audit.REFUSED).tolist() == [True]  # audited
                assert mine["details"].tolist()[0]["actie"] == REFUSED_ACTION[action]
            else:  # the control is not offered; the page may say why
                assert how == "verborgen" and not cell.control and not refusals, shown
                assert text is None or text in values(at.info), shown
                assert mine.empty


# ---------------------------------------------------------------- who sees what at all


@pytest.mark.parametrize("page", PAGES)
def test_a_logged_out_visitor_sees_only_the_login_button(store, page):
    at = open_page(page, user={"is_logged_in": False}, regio="VR13")
    assert [b.label for b in at.button] == ["Inloggen"]
    assert values(at.info) == ["Log in om het dashboard te gebruiken."]
    assert not at.title and not at.dataframe and not at.selectbox and not at.file_uploader
    assert not at.get("component_instance") and not at.metric and not at.error
    assert not at.sidebar.caption and not at.sidebar.button  # no user, no roles, no logout


@pytest.mark.parametrize("page", PAGES)
def test_a_user_without_a_role_is_told_so_and_sees_no_data(store, page):
    user = user_for("geen rol")
    at = open_page(page, user=user, regio="VR13")
    assert values(at.warning) == [
        f"U bent ingelogd als {user['email']}, maar heeft nog geen rol. Vraag een beheerder "
        "om u toegang te geven."]
    assert [b.label for b in at.button] == ["Uitloggen"]
    assert not at.title and not at.dataframe and not at.selectbox and not at.metric
    assert not at.get("component_instance")


def test_a_logged_in_user_with_a_role_sees_who_they_are(store):
    user = user_for("regio-invoerder:VR13")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    log_in(at, store, user, "regio-invoerder:VR13")
    at.run()
    assert not at.exception
    assert f"{user['email']}: regio-invoerder VR13" in values(at.sidebar.caption)
    assert "Uitloggen" in [b.label for b in at.sidebar.button]
    assert not [i for i in values(at.info) if i.startswith(LOCAL_BANNER_START)]
    assert values(at.title) == [texts.MAP_HEADER]


# ---------------------------------------------------------------- lokale modus


@pytest.mark.parametrize("page", PAGES)
def test_lokale_modus_shows_its_banner_on_every_page(store, page):
    at = open_page(page, regio="VR13")
    assert [i for i in values(at.info) if i.startswith(LOCAL_BANNER_START)] == [
        "**Lokale modus.** Er is geen inlog ingesteld: het dashboard is alleen op deze computer "
        "bereikbaar (127.0.0.1) en u bent beheerder. Stel [auth] in .streamlit/secrets.toml in "
        "voor gebruik door meerdere mensen."]
    assert values(at.title) == [TITLES[page]] and not refusals_in(at)
    assert not [e for e in values(at.error) if "weigert" in e]
    assert "Inloggen" not in [b.label for b in at.button]


def test_in_lokale_modus_the_local_user_publishes(store):
    at = open_page("pages/aanleveren.py", regio="VR15")
    at.file_uploader[0].set_value(("VR15.csv", capacity_csv("VR15"), "text/csv"))
    run_ok(at)
    run_ok(next(b for b in at.button if b.label == "Publiceren").click())
    assert any(s.startswith("Gepubliceerd als versie 1 van") for s in values(at.success))
    assert versions(store, "VR15") == [(1, "upload")]
    newest = events(store).iloc[0]
    assert (newest["actor"], newest["action"], newest["region_code"]) == (
        f"lokaal ({getpass.getuser()})", "publiceren", "VR15")


@pytest.fixture
def public_address() -> Iterator[None]:
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", "127.0.0.1")


@pytest.mark.parametrize("page", PAGES)
def test_lokale_modus_on_a_public_address_refuses_and_shows_nothing(store, public_address,
                                                                    page):
    at = open_page(page, regio="VR13")
    assert len(at.error) == 1
    refusal = at.error[0].value
    assert refusal.startswith("Het dashboard weigert te starten: het luistert op 0.0.0.0 maar "
                              "er is geen inlog ingesteld.")
    assert not at.title and not at.dataframe and not at.selectbox and not at.button
    assert not at.file_uploader and not at.get("component_instance") and not at.info
    assert not at.metric and not at.markdown and not at.success


# ---------------------------------------------------------------- the size of the matrix


PERMISSION_OF = {  # the role table's word for each matrix action, and the region it is for
    "publiceren VR13": ("publiceren", "VR13"), "publiceren VR15": ("publiceren", "VR15"),
    "herstellen VR13": ("herstellen", "VR13"), "afspraak VR13": ("afspraak_wijzigen", "VR13"),
    "afspraak landelijk": ("landelijke_afspraak", None),
    "veelgestelde vragen": ("veelgestelde_vragen_beheren", None),
    "maatregelen": ("veelgestelde_vragen_beheren", None),
    "rol toekennen": ("rollen_beheren", None),
    "auditspoor inzien": ("audit_inzien", None),
}


def allowed_by_role_table(spec: str | None) -> set[str]:
    """The matrix actions reference/rollen.toml allows a grant, read here with tomllib."""
    if spec is None:
        return set()
    table = tomllib.loads((ROOT / "src/capaciteit/reference/rollen.toml").read_text("utf-8"))
    role, _, granted_region = spec.partition(":")
    may = table["rollen"][role]["mag"]
    return {action for action, (permission, region) in PERMISSION_OF.items()
            if may.get(permission) == "alle"
            or (may.get(permission) == "regio" and region is not None
                and region == granted_region)}


def test_the_expected_matrix_is_complete_and_agrees_with_the_role_table(capsys):
    """The tables test_role_matrix runs on; needs no other test to have run."""
    assert set(ALLOWED) == set(ROLES)
    assert set(ACTION_TABLE) == set(EXPECTED_CHANGE) == set(PERMISSION_OF) == set(ACTIONS)
    assert {role: allowed_by_role_table(spec) for role, spec in ROLES.items()} == ALLOWED
    refused_with_a_role = {(r, a) for r, spec in ROLES.items() if spec for a in ACTIONS
                           if a not in ALLOWED[r]}
    assert set(HOW_REFUSED) == refused_with_a_role
    assert {a for (_, a), (how, _) in HOW_REFUSED.items() if how == "geweigerd"} <= set(
        REFUSED_ACTION)
    cells = len(ROLES) * len(ACTIONS)
    allowed = sum(len(v) for v in ALLOWED.values())
    with capsys.disabled():
        print(f"\nrole matrix on the pages: {cells} cells (test_role_matrix): {allowed} "
              f"allowed, {cells - allowed} refused")
