"""End to end in headless Chromium: a crisis team asks one question and reads the answer.

A real Streamlit server on its own data folder with demo data (the fixtures of
tests/browser/conftest.py). Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from capaciteit import texts
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import make_engine
from tests.browser_support import ARTIFACTS, MAP_FRAME, REGION_SHAPE, save_screenshot
from tests.pages.test_inzetbaar_page import deployable
from tests.pages.test_pages import dutch_integer

pytestmark = pytest.mark.browser
TARGET = "VR15"
POWER = "Handhaving mondkapjesplicht OV"
NEEDED = 5000
# the fixtures: own server on its own data folder with demo data


def stored_records(folder: Path) -> pd.DataFrame:
    """Every current record in the server's store, read region by region."""
    engine = make_engine(f"sqlite:///{(folder / 'capaciteit.db').as_posix()}")
    try:
        with engine.connect() as conn:
            codes = storage.current_versions(conn)["region_code"].tolist()
            return pd.concat([storage.region_records(conn, c) for c in codes], ignore_index=True)
    finally:
        engine.dispose()


def choose_target(page: Page, label: str) -> None:
    """Type into the multiselect until one option is left, and take it."""
    page.get_by_role("combobox", name=texts.DEPLOY_TARGETS).click()
    page.keyboard.type(label)
    page.get_by_role("option", name=label).click()
    page.keyboard.press("Escape")


def test_a_crisis_team_asks_one_question_and_sees_the_shortfall_and_the_map(
        tab: Page, server: str, demo_folder: Path, boundaries: Boundaries):
    names = boundaries.region_names()
    neighbours = boundaries.neighbours
    area = {TARGET, *neighbours.loc[neighbours["region_code"] == TARGET, "neighbour_code"]}
    found = deployable(stored_records(demo_folder), area, 24, "domein-4", POWER)
    assert 0 < found < NEEDED, "precondition: the demo data leaves a shortfall to show"
    tab.goto(f"{server}/inzetbaar")
    expect(tab.get_by_text(texts.DEPLOY_CHOOSE_TARGET)).to_be_visible()
    choose_target(tab, f"{names[TARGET]} ({TARGET})")
    tab.get_by_role("button", name=POWER).click()
    expect(tab.get_by_text(f"Vraag: {POWER}")).to_be_visible()
    expect(tab.get_by_text("Domein IV Openbaar vervoer").first).to_be_visible()
    persons = tab.get_by_label(texts.DEPLOY_PERSONS)
    persons.fill(str(NEEDED))
    persons.press("Enter")

    # the preset's own region and its neighbours, within 24 hours, with the power
    shortfall = f"Tekort: {dutch_integer(NEEDED - found)} personen."
    expect(tab.get_by_text(shortfall, exact=True)).to_be_visible()
    expect(tab.get_by_text(f"Binnen 24 uur zijn {dutch_integer(found)} van de "
                           f"{dutch_integer(NEEDED)} gevraagde personen inzetbaar")).to_be_visible()
    assert "vraag=mondkapjes-ov" in tab.url

    searched = len(area)
    frame = tab.frame_locator(MAP_FRAME).first
    expect(frame.locator(REGION_SHAPE)).to_have_count(25)
    expect(frame.locator(".capaciteit-getal")).to_have_count(searched)
    expect(frame.locator(".capaciteit-legenda")).to_contain_text(texts.DEPLOY_MAP_LEGEND)
    expect(tab.get_by_role("button", name=texts.DEPLOY_EXPORT)).to_be_visible()
    expect(tab.get_by_role("button", name=texts.DEPLOY_PRINT)).to_be_visible()
    save_screenshot(tab, "inzetbaar.png")
    tab.locator(MAP_FRAME).first.screenshot(path=str(ARTIFACTS / "inzetbaar_kaart.png"))


def test_the_print_view_downloads_with_the_question_and_the_freshness(
        tab: Page, server: str, boundaries: Boundaries):
    tab.goto(f"{server}/inzetbaar?vraag=evenementen&regio={TARGET}&personen=100")
    expect(tab.get_by_text("Met alle inzetbare capaciteit").first).to_be_visible()
    with tab.expect_download() as download:
        tab.get_by_role("button", name=texts.DEPLOY_PRINT).click()
    html = download.value.path().read_text("utf-8")
    assert texts.PRINT_TITLE in html and "@media print" in html
    assert f"{boundaries.region_names()[TARGET]} ({TARGET})" in html
    assert "Opgesteld op" in html and "peildatum" in html
    page = tab.context.new_page()
    page.set_content(html)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "inzetbaar_afdruk.png"), full_page=True)
    page.close()
