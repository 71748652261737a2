"""End to end in headless Chromium: a region uploads a file, corrects it, publishes, sees the map.

A real Streamlit server on its own data folder with the demo data, so the first
publication also ends the demo. Files go through the page's real file input.
Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import require
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_FRAME,
    REGION_SHAPE,
    TIMEOUT_MS,
    _free_port,
    _wait_until_healthy,
    point_inside,
    save_screenshot,
)
from test_upload_page import XLSX, capacity_rows, filled_template

from capaciteit import services
from capaciteit.boundaries import Boundaries
from capaciteit.settings import get_settings

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FILE_INPUT = '[data-testid="stFileUploader"] input[type="file"]'


@pytest.fixture(scope="module")
def server(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port, on its own data folder with demo data."""
    directory = tmp_path_factory.mktemp("upload-browser-data")
    shutil.copytree(regions_cache, directory / "regions")
    unset = {"DATABASE_URL", "CAPACITEIT_DATABASE_URL", "CAPACITEIT_GEBIEDEN_BRON"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["CAPACITEIT_DATA_DIR"] = str(directory)
    with pytest.MonkeyPatch.context() as patch:
        for key in unset:
            patch.delenv(key, raising=False)
        patch.setenv("CAPACITEIT_DATA_DIR", str(directory))
        services.prepare(get_settings(), static_dir=ROOT / "static")

    port = _free_port()
    log = directory / "streamlit.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             "--server.port", str(port), "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--server.address", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def tab(server: str) -> Iterator[Page]:
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                      args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000},
                                   locale="nl-NL").new_page()  # as Dutch users see it
        page.set_default_timeout(TIMEOUT_MS)
        yield page
        browser.close()


def choose_file(page: Page, name: str, content: bytes) -> None:
    page.locator(FILE_INPUT).set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": content}])


def alert(page: Page, text: str) -> Locator:
    return page.locator('[data-testid="stAlert"]').filter(has_text=text)


def metric_value(page: Page, label: str) -> Locator:
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator(
        '[data-testid="stMetricValue"]')


def tooltip_of(page: Page, region_index: int) -> str:
    """Hover over the region drawn as the ``region_index``-th shape; return its tooltip."""
    frame = page.frame_locator(MAP_FRAME).first
    x, y = point_inside(page, frame.locator(REGION_SHAPE).nth(region_index))
    page.mouse.move(x, y)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    return tooltip.inner_text()


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

    choose_file(tab, "capaciteit_vr13.xlsx", filled_template(boundaries, capacity_rows()))
    expect(alert(tab, "Geen fouten in 2 regels.")).to_be_visible()
    expect(tab.get_by_text("2 regel(s) toegevoegd, 0 verwijderd, 0 gewijzigd")).to_be_visible()
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
    expect(metric_value(tab, "Landelijk totaal: personen")).to_have_text("135")
    expect(alert(tab, "Fictieve demogegevens.")).to_have_count(0)

    order = boundaries.regions_display["region_code"].tolist()
    amsterdam = tooltip_of(tab, order.index("VR13"))
    assert "Amsterdam-Amstelland" in amsterdam and "135" in amsterdam
    assert "geen gegevens" in tooltip_of(tab, order.index("VR01"))
    tab.mouse.move(0, 0)
    save_screenshot(tab, "kaart_na_publicatie.png")
