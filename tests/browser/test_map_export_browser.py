"""End to end in headless Chromium: the Kaart page's map image and report downloads, and
printing the page (print media): no sidebar or widgets, every region in the table.

Screenshots and the downloaded files go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import io
import re

import pytest
from matplotlib.image import imread
from playwright.sync_api import Page, expect

from capaciteit.geo.boundaries import Boundaries
from tests.browser_support import (
    ARTIFACTS,
    MAP_FRAME,
    REGION_SHAPE,
    save_screenshot,
    wait_until_idle,
)

pytestmark = pytest.mark.browser


def open_map(tab: Page, server: str) -> None:
    tab.goto(server + "/")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Handhavingscapaciteit per veiligheidsregio")
    expect(tab.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
    wait_until_idle(tab)


def download(tab: Page, label: str) -> tuple[str, bytes]:
    with tab.expect_download() as started:
        tab.get_by_role("button", name=label).click()
    done = started.value
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / done.suggested_filename
    done.save_as(target)
    return done.suggested_filename, target.read_bytes()


def test_the_map_downloads_as_a_png_image_and_a_pdf_report(tab: Page, server: str):
    open_map(tab, server)
    name, png = download(tab, "Kaart als afbeelding (PNG)")
    assert name == "kaart_capaciteit.png"
    assert imread(io.BytesIO(png)).shape[:2] == (1440, 1200)

    name, pdf = download(tab, "Rapport met kaart, tabel en actualiteit (PDF)")
    assert name == "rapport_capaciteit.pdf"
    assert pdf.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 2
    expect(tab.locator('[data-testid="stException"]')).to_have_count(0)


def test_printing_the_map_page_shows_every_region_and_no_sidebar_or_widgets(
        tab: Page, server: str, boundaries: Boundaries):
    open_map(tab, server)
    printed = tab.locator(".st-key-alleen-afdrukken table")
    expect(printed).to_be_hidden()  # on screen: the interactive table only
    expect(tab.get_by_test_id("stSidebar")).to_be_visible()

    tab.emulate_media(media="print")
    expect(printed).to_be_visible()
    expect(printed.locator("tbody tr")).to_have_count(25)
    for name in boundaries.region_names().values():
        expect(printed).to_contain_text(name)
    expect(tab.get_by_test_id("stSidebar")).to_be_hidden()
    expect(tab.get_by_test_id("stDataFrame")).to_be_hidden()
    expect(tab.get_by_role("combobox", name="Categorie")).to_be_hidden()
    expect(tab.get_by_role("button", name="Download CSV")).to_be_hidden()
    save_screenshot(tab, "kaart_afdrukken.png")
    tab.emulate_media(media="screen")


def test_the_map_page_charts_the_national_trend_over_the_versions(tab: Page, server: str):
    open_map(tab, server)
    note = tab.get_by_text(re.compile(r"^Per dag met een publicatie: .* 25 van 25 regio's met "
                                      r"gegevens\.$"))
    expect(note).to_be_visible()
    expect(tab.get_by_test_id("stVegaLiteChart")).to_be_visible()
    save_screenshot(tab, "kaart_verloop.png")
