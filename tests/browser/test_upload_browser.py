"""End to end in headless Chromium: a region uploads a file, corrects it, publishes, sees the map.

A real Streamlit server on its own data folder with the demo data, so the first
publication also ends the demo. Files go through the page's real file input.
Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from capaciteit.geo.boundaries import Boundaries
from tests.browser_support import (
    MAP_FRAME,
    REGION_SHAPE,
    demo_app,
    open_tab,
    save_screenshot,
    tooltip_of,
)
from tests.pages.test_upload_page import XLSX, capacity_rows, filled_template, persons

pytestmark = pytest.mark.browser

FILE_INPUT = '[data-testid="stFileUploader"] input[type="file"]'


@pytest.fixture(scope="module")
def server(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port, on its own data folder with demo data."""
    with demo_app(tmp_path_factory.mktemp("upload-browser-data"), regions_cache) as url:
        yield url


@pytest.fixture(scope="module")
def tab(chromium: Browser, server: str) -> Iterator[Page]:
    with open_tab(chromium, locale="nl-NL") as page:  # as Dutch users see it
        yield page


def choose_file(page: Page, name: str, content: bytes) -> None:
    page.locator(FILE_INPUT).set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": content}])


def alert(page: Page, text: str) -> Locator:
    return page.locator('[data-testid="stAlert"]').filter(has_text=text)


def metric_value(page: Page, label: str) -> Locator:
    """The value a person reads under a metric's label. Streamlit can keep an earlier value
    of the same metric in the page, hidden (seen after the metric's value changed on a
    server that another server's publication had reached): only the visible one counts."""
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator(
        '[data-testid="stMetricValue"]').filter(visible=True)


def test_a_region_corrects_its_file_publishes_it_and_sees_it_on_the_map(
        tab: Page, server: str, boundaries: Boundaries):
    tab.goto(server + "/aanleveren?regio=VR13")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Capaciteit aanleveren")
    expect(alert(tab, "Fictieve demogegevens.")).to_be_visible()

    choose_file(tab, "capaciteit_vr13.xlsx",
                filled_template(boundaries, capacity_rows(deployable_inspectors=20)))
    expect(alert(tab, "Dit bestand kan niet worden gepubliceerd: 1 fout(en).")).to_be_visible()
    issues = tab.locator('[data-testid="stDataFrame"]').first
    expect(issues).to_contain_text("20 is meer dan aantal_personen (15)")
    expect(tab.get_by_role("button", name="Publiceren")).to_have_count(0)
    save_screenshot(tab, "upload_errors.png")

    rows = capacity_rows()
    choose_file(tab, "capaciteit_vr13.xlsx", filled_template(boundaries, rows))
    expect(alert(tab, "Geen fouten in 2 regels.")).to_be_visible()
    # VR13's demo rows are what the map shows now: the file replaces them (counted exactly in
    # tests/pages/test_upload_page.py)
    expect(tab.get_by_text(re.compile(r"^2 regel\(s\) toegevoegd, [1-9]\d* verwijderd, "
                                      r"0 gewijzigd$"))).to_be_visible()
    expect(tab.get_by_text("Dit bestand kan niet worden gepubliceerd")).to_have_count(0)
    save_screenshot(tab, "upload_preview.png")

    tab.get_by_role("button", name="Publiceren").click()
    expect(alert(tab, "Gepubliceerd als versie 1 van Amsterdam-Amstelland: 2 regels.")
           ).to_be_visible()
    expect(alert(tab, "Fictieve demogegevens.")).to_have_count(0)
    save_screenshot(tab, "upload_gepubliceerd.png")

    tab.get_by_role("link", name="Kaart").first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Handhavingscapaciteit per veiligheidsregio")
    expect(tab.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
    expect(metric_value(tab, "Regio's met gegevens")).to_have_text("1 van 25")
    published = persons(rows)  # the only real data now: the national total is VR13's
    expect(metric_value(tab, "Landelijk totaal: personen")).to_have_text(published)
    expect(alert(tab, "Fictieve demogegevens.")).to_have_count(0)

    order = boundaries.regions_display["region_code"].tolist()
    names = boundaries.region_names()
    amsterdam = tooltip_of(tab, order.index("VR13"), names["VR13"])
    assert re.search(rf"Aantal personen\s+{published}$", amsterdam, re.M), amsterdam
    tab.mouse.move(0, 0)
    groningen = tooltip_of(tab, order.index("VR01"), names["VR01"])
    assert re.search(r"Aantal personen\s+geen gegevens$", groningen, re.M), groningen
    tab.mouse.move(0, 0)
    save_screenshot(tab, "kaart_na_publicatie.png")
