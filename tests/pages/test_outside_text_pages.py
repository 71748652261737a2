"""Outside text stays text on every page: addresses, file, uploader, partner and preset names.

Streamlit renders messages, captions, headers and button labels as Markdown. A value
the app did not write itself must arrive there escaped, so that the reader sees it
as typed and no link, image or HTML comes alive. Checked on the Markdown body of
each element under AppTest: with the escapes removed it shows the value as typed;
with the escaped characters masked, no link, image, HTML tag or URL scheme is left.
(tests/browser/test_map_browser.py checks one of these pages in Chromium.)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from capaciteit import clock
from capaciteit.access.permissions import local_admin
from capaciteit.agreements.rules import AgreementDraft, Catalogue
from capaciteit.agreements.service import create_agreement
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.deployment.presets import Preset, save_preset
from capaciteit.settings import get_settings
from capaciteit.storage.engine import prepare_database
from capaciteit.uploads import publishing
from capaciteit.uploads.validation import ValidationResult
from tests.pages.support import open_page, run_ok
from tests.pages.test_upload_page import as_csv, capacity_rows

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")
STATEMENT = "pages/toegankelijkheid.py"  # the app's own text, links to upstream issues included
PAGES = [page for page in re.findall(  # every page of the navigation that shows stored text
    r'"(pages/[\w-]+\.py)"', (Path(__file__).parents[2] / "dashboard.py").read_text("utf-8"))
    if page != STATEMENT]
TODAY = clock.today()

REGIO = "[x](https://evil.example)"
VRAAG = "![i](https://evil.example/a.png)"
FILE = "<img src=x onerror=alert(1)>.csv"
PARTNER = "**vet** [link](javascript:alert(1))"
UPLOADER = "invoer <b>vet</b> [klik](https://evil.example)"
ORGANISATION = "Handhaving [x](https://evil.example)"
PRESET_NAME = "Vraag ![i](https://evil.example/a.png)"
PRESET_DESCRIPTION = "Zie <a href=https://evil.example>hier</a>"
EMAIL = "[mij](https://evil.example)@vr13.nl"

MARKDOWN = ["markdown", "caption", "error", "info", "success", "warning", "title", "header",
            "subheader"]
ESCAPE = r"\\([!-/:-@\[-`{-~])"  # CommonMark: a backslash before ASCII punctuation
WORD_JOINER = "\u2060"  # invisible; breaks GFM's bare links (https://, www.)
LIVE = re.compile(r"\]\s*\(|<\s*[A-Za-z/!]|\b(?:javascript|https?)\s*:|\bwww\.",
                  re.IGNORECASE)


def shown(body: str) -> str:
    """What a reader sees of a Markdown body's text: escapes and word joiners removed."""
    return re.sub(ESCAPE, r"\1", body).replace(WORD_JOINER, "")


def live_markup(body: str) -> list[str]:
    """Links, images, HTML tags and URLs left in a Markdown body once escapes are masked."""
    return LIVE.findall(re.sub(ESCAPE, "\x00", body))


def bodies(at: AppTest) -> list[str]:
    """The Markdown body of every element that renders Markdown, and the button labels."""
    found = [element.value for kind in MARKDOWN for element in getattr(at, kind)]
    return [*found, *(button.label for button in at.button)]


def assert_no_live_markup(at: AppTest) -> None:
    for body in bodies(at):
        assert live_markup(body) == [], body


def showing(at: AppTest, value: str) -> list[str]:
    """The bodies that show ``value`` as typed; each holds it escaped, nothing live."""
    hits = [body for body in bodies(at) if value in shown(body)]
    assert hits, f"{value!r} is not shown: {bodies(at)}"
    for body in hits:
        assert value not in body, body
        assert live_markup(body) == [], body
    return hits


# ---------------------------------------------------------------- a store full of outside text


@pytest.fixture
def store(data_dir: Path) -> Iterator[Engine]:
    """VR13 published by a hostile uploader from a hostile file; a hostile agreement, preset."""
    engine = prepare_database(get_settings().effective_database_url)
    admin = local_admin("test-beheer")
    records = pd.DataFrame([{
        "region_code": "VR13", "gemeente_code": None, "organisation": ORGANISATION,
        "organisation_id": None, "category": "boa", "subcategory": "domein-1", "persons": 40,
        "fte": 40.0, "deployable_persons": 20, "deployable_within_hours": 24, "powers": "",
        "note": "", "peildatum": pd.Timestamp(TODAY - timedelta(days=10))}])[RECORD_COLUMNS]
    publishing.publish(engine, "VR13", ValidationResult(records), actor=local_admin(UPLOADER),
                       filename=FILE, sha256=uuid.uuid4().hex * 2, accept_warnings=True,
                       based_on=None)
    create_agreement(engine, AgreementDraft(
        region_code="VR13", partner_name=PARTNER, partner_type="gemeente",
        scopes=(("boa", None),), committed_persons=5, lead_time_hours=24,
        valid_from=TODAY - timedelta(days=1), status="getekend"), actor=admin,
        catalogue=Catalogue({"VR13": "Amsterdam-Amstelland"}, default_categories()))
    save_preset(engine, Preset("vijandig", PRESET_NAME, PRESET_DESCRIPTION, (("boa", None),),
                               (), 24), actor=admin, categories=default_categories())
    yield engine
    engine.dispose()


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("page", PAGES)
def test_no_page_brings_outside_text_alive(store, page):
    at = open_page(page, regio=REGIO, vraag=VRAAG)
    assert_no_live_markup(at)


@pytest.mark.parametrize("page", ["pages/regio.py", "pages/aanleveren.py"])
def test_an_unknown_region_in_the_address_is_named_as_typed(store, page):
    at = open_page(page, regio=REGIO)
    assert showing(at, REGIO) == [
        "Onbekende veiligheidsregio '\\[x\\](https\\:\u2060//evil.example)'. "
        "Kies een regio uit de lijst."]


def test_an_unknown_preset_in_the_address_is_named_as_typed(store):
    at = open_page("pages/inzetbaar.py", vraag=VRAAG)
    error = ("Onbekende vraag '!\\[i\\](https\\:\u2060//evil.example/a.png)'. "
             "Kies een van de veelgestelde vragen.")
    assert [e.value for e in at.error] == [error]
    assert error in showing(at, VRAAG)


def test_the_region_page_names_uploader_and_file_as_typed(store):
    at = open_page("pages/regio.py", regio="VR13")
    assert showing(at, UPLOADER) == showing(at, FILE)  # both in the freshness line
    assert_no_live_markup(at)


def test_a_file_named_like_html_is_checked_published_and_named_as_typed(store):
    at = open_page("pages/aanleveren.py", regio="VR13")
    at.file_uploader[0].set_value((FILE, as_csv(capacity_rows()), "text/csv"))
    run_ok(at)
    assert_no_live_markup(at)
    at.checkbox[0].check()  # the warnings (a big change from version 1) are read
    run_ok(at)
    next(b for b in at.button if b.label == "Publiceren").click()
    run_ok(at)
    assert [s.value for s in at.success][0].startswith("Gepubliceerd als versie 2 van")
    at.query_params["regio"] = "VR13"
    at.switch_page("pages/regio.py")
    run_ok(at)
    showing(at, FILE)


def test_a_partner_name_is_shown_as_typed_when_chosen_and_when_saved(store):
    at = open_page("pages/afspraken.py")
    at.selectbox(key="afspraak").set_value(1)
    run_ok(at)
    assert showing(at, PARTNER) == [
        "\\#1 \\*\\*vet\\*\\* \\[link\\](javascript\\:alert(1)) "
        "(Amsterdam-Amstelland (VR13))"]

    at.selectbox(key="nieuw_region_code").set_value("VR13")
    at.selectbox(key="nieuw_partner_type").set_value("gemeente")
    at.text_input(key="nieuw_partner_name").input(PARTNER + " 2")
    at.multiselect(key="nieuw_scopes").set_value(["boa"])
    at.number_input(key="nieuw_committed_persons").set_value(1)
    at.number_input(key="nieuw_lead_time_hours").set_value(24)
    at.date_input(key="nieuw_valid_from").set_value(TODAY)
    next(b for b in at.button if b.label == "Opslaan" and b.form_id == "nieuw_form").click()
    run_ok(at)
    assert [s.value for s in at.success] == [
        "Afspraak #2 met \\*\\*vet\\*\\* \\[link\\](javascript\\:alert(1)) 2 is opgeslagen."]
    assert_no_live_markup(at)


def test_a_preset_name_and_description_are_shown_as_typed(store):
    at = open_page("pages/inzetbaar.py")
    showing(at, PRESET_NAME)  # the preset's button
    at.button(key="preset_button_vijandig").click()
    run_ok(at)
    assert [m.value for m in at.markdown if m.value in showing(at, PRESET_NAME)] == [
        "Vraag: **Vraag !\\[i\\](https\\:\u2060//evil.example/a.png)**. "
        "Zie \\<a href=https\\:\u2060//evil.example\\>hier\\</a\\>"]
    assert_no_live_markup(at)


def test_a_granted_address_is_shown_as_typed(store):
    at = open_page("pages/beheer.py")
    at.text_input(key="rol_email").input(EMAIL)
    at.selectbox(key="rol_rol").set_value("lezer")
    next(b for b in at.button if b.form_id == "rol_toekennen").click()
    run_ok(at)
    assert showing(at, EMAIL) == [
        "Rol lezer toegekend aan \\[mij\\](https\\:\u2060//evil.example)@vr13.nl."]
