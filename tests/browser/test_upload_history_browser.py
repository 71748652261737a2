"""End to end in headless Chromium: the preview shows the demo figures it replaces, a
publication clears the file field and links to the region, a restore is chosen with its date,
file and changes, the history names its source, and an older file points to Herstellen.

A real Streamlit server on its own data folder with the demo data; files go through the page's
real file input. Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import make_engine
from tests.browser.test_upload_browser import alert, choose_file
from tests.browser_support import demo_app, open_tab, save_screenshot, wait_until_idle
from tests.pages.test_upload_page import capacity_rows, filled_template

pytestmark = pytest.mark.browser
UPLOADED = '[data-testid="stFileUploaderFile"]'


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("history-browser-data")


@pytest.fixture(scope="module")
def server(regions_cache: Path, folder: Path) -> Iterator[str]:
    with demo_app(folder, regions_cache) as url:
        yield url


@pytest.fixture(scope="module")
def tab(chromium: Browser, server: str) -> Iterator[Page]:
    with open_tab(chromium, locale="nl-NL") as page:
        yield page


def versions(folder: Path) -> pd.DataFrame:
    engine = make_engine(f"sqlite:///{folder / 'capaciteit.db'}")
    try:
        with engine.connect() as conn:
            return storage.history(conn, "VR13")
    finally:
        engine.dispose()


def day(frame: pd.DataFrame, version: int) -> str:
    moment = pd.Timestamp(frame.set_index("version").loc[version, "uploaded_at"])
    moment = moment if moment.tzinfo else moment.tz_localize("UTC")
    return moment.tz_convert("Europe/Amsterdam").strftime("%d-%m-%Y")


def publish_file(tab: Page, name: str, content: bytes, version: int) -> None:
    choose_file(tab, name, content)
    expect(alert(tab, "Geen fouten in 2 regels.")).to_be_visible()
    tab.get_by_role("button", name="Publiceren").click()
    expect(alert(tab, f"Gepubliceerd als versie {version} van Amsterdam-Amstelland")
           ).to_be_visible()
    wait_until_idle(tab)
    expect(tab.locator(UPLOADED)).to_have_count(0)  # the published file has left the field
    expect(tab.locator('[data-testid="stFileUploader"]')).to_have_count(1)


def test_upload_restore_and_history_answer_a_region_the_first_time(
        tab: Page, server: str, folder: Path, boundaries: Boundaries):
    first = filled_template(boundaries, capacity_rows())
    second = filled_template(boundaries, capacity_rows(inspectors=18, deployable_inspectors=18))
    tab.goto(server + "/aanleveren?regio=VR13")
    choose_file(tab, "eerste.xlsx", first)
    expect(alert(tab, "'Huidig' zijn de fictieve demogegevens van Amsterdam-Amstelland."
                 )).to_be_visible()
    totals = tab.locator('[data-testid="stDataFrame"]').filter(has_text="Huidig").first
    expect(totals).to_be_visible()
    save_screenshot(tab, "upload_huidig_demo.png")

    tab.get_by_role("button", name="Publiceren").click()
    expect(alert(tab, "Gepubliceerd als versie 1 van Amsterdam-Amstelland")).to_be_visible()
    expect(tab.locator(UPLOADED)).to_have_count(0)
    link = tab.get_by_role("link", name="Bekijk Amsterdam-Amstelland op de regiopagina")
    expect(link).to_be_visible()
    publish_file(tab, "tweede.xlsx", second, 2)

    choose_file(tab, "eerste-weer.xlsx", first)  # an older version's file
    stored = versions(folder)
    expect(alert(tab, f"Dit bestand is gelijk aan versie 1 van {day(stored, 1)} (eerste.xlsx)"
                 )).to_be_visible()
    expect(tab.get_by_role("button", name="Publiceren")).to_have_count(0)
    save_screenshot(tab, "upload_ouder_bestand.png")
    tab.get_by_role("link", name="Versie 1 herstellen op de regiopagina van Amsterdam-Amstelland"
                    ).click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("Amsterdam-Amstelland")
    picker = tab.get_by_role("combobox", name="Versie om te herstellen")
    expect(picker).to_be_visible()
    preview = tab.get_by_text("Wat er verandert als u versie 1 herstelt: 0 regel(s) "
                              "toegevoegd, 0 verwijderd, 1 gewijzigd.")
    expect(preview).to_be_visible()  # version 1 was chosen by the link
    restore_totals = tab.locator('[data-testid="stDataFrame"]').filter(has_text="Na herstel")
    expect(restore_totals).to_be_visible()
    expect(picker).to_have_value(re.compile(  # the chosen version as the picker shows it
        r"Versie 1: \d+ \w+ \d{4} \d\d:\d\d, eerste\.xlsx, door .+, 2 regels \(upload\)"))
    wait_until_idle(tab)
    save_screenshot(tab, "regio_herstel_voorbeeld.png")

    tab.get_by_role("button", name="Herstellen als nieuwe versie").click()
    expect(alert(tab, "Versie 1 is hersteld als nieuwe versie 3.")).to_be_visible()
    history = tab.locator('[data-testid="stDataFrame"]').filter(has_text="Waarschuwingen")
    expect(history).to_contain_text(f"herstel van versie 1 ({day(stored, 1)}, eerste.xlsx)")
    expect(tab.get_by_text("Elke versie geldt vanaf het moment van publiceren tot de volgende "
                           "(3 versie(s), alle categorieën).")).to_be_visible()
    trend = tab.get_by_role("button", name="Download as PNG: Elke versie geldt vanaf")
    expect(trend).to_have_count(1)  # the region's trend chart, named by its description
    save_screenshot(tab, "regio_herstel_geschiedenis.png")
    assert versions(folder)[["version", "kind", "is_current"]].to_dict("records") == [
        {"version": 3, "kind": "herstel", "is_current": True},
        {"version": 2, "kind": "upload", "is_current": False},
        {"version": 1, "kind": "upload", "is_current": False}]
