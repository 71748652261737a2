"""End to end in headless Chromium: a real Streamlit server on demo data, the map, a click.

Debian's Chromium is used through Playwright's ``executable_path`` (no browser
download). Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import require
from playwright.sync_api import Browser, FrameLocator, Locator, Page, expect, sync_playwright

from capaciteit import services, texts
from capaciteit.boundaries import Boundaries
from capaciteit.settings import get_settings

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_SHAPE = "path.leaflet-interactive"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMEOUT_MS = 20_000

# ---------------------------------------------------------------- fixtures


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit stopped with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"streamlit did not become healthy:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port, on a data folder with demo data."""
    directory = tmp_path_factory.mktemp("browser-data")
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "CAPACITEIT_DATABASE_URL", "CAPACITEIT_GEBIEDEN_BRON"}}
    env["CAPACITEIT_DATA_DIR"] = str(directory)
    shutil.copytree(regions_cache, directory / "regions")
    with pytest.MonkeyPatch.context() as patch:
        for key in ("DATABASE_URL", "CAPACITEIT_DATABASE_URL", "CAPACITEIT_GEBIEDEN_BRON"):
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
def chromium() -> Iterator[Browser]:
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium: Browser, server: str) -> Iterator[Page]:
    """A fresh browser tab (its own context: no cookies or session shared)."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def requested(tab: Page) -> list[str]:
    """Every URL the tab (and the frames in it) requests from now on."""
    urls: list[str] = []
    tab.on("request", lambda request: urls.append(request.url))
    return urls


# ---------------------------------------------------------------- helpers


def open_map(page: Page, url: str) -> FrameLocator:
    """Go to ``url`` and wait until the map shows 25 regions; return the map's frame."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator(REGION_SHAPE)).to_have_count(25)
    return frame


def point_inside(page: Page, shape: Locator) -> tuple[float, float]:
    """Page coordinates of a point where ``shape`` (not a neighbour or the legend) is on top.

    The map is scrolled into the middle of the window first: a click that focuses a
    path below the fold scrolls the page between mouse-down and mouse-up.
    """
    page.locator(MAP_FRAME).first.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    frame_box = page.locator(MAP_FRAME).first.bounding_box()
    inside = shape.evaluate("""(el) => {
        const b = el.getBoundingClientRect();
        for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
            const x = b.left + b.width * i / 12, y = b.top + b.height * j / 12;
            if (el.ownerDocument.elementFromPoint(x, y) === el) return [x, y];
        }
        return null;
    }""")
    assert inside, "no visible point inside the region shape"
    return frame_box["x"] + inside[0], frame_box["y"] + inside[1]


def save_screenshot(page: Page, name: str) -> None:
    """The whole page in tests/artifacts/: Streamlit scrolls inside its main block, so the
    window is first made as tall as that block's content."""
    height = page.locator('[data-testid="stMain"]').evaluate("(el) => el.scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 6000)})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def national_persons(page: Page) -> Locator:
    return page.locator('[data-testid="stMetric"]').filter(
        has_text="Landelijk totaal: personen").locator('[data-testid="stMetricValue"]')


# ---------------------------------------------------------------- tests


def test_a_deep_link_as_the_servers_first_request_still_runs_the_whole_app(
        tab, server, boundaries: Boundaries):
    # First in this module on purpose: the server has served no page yet, which is
    # when Streamlit's older pages/ mode would run the page file without dashboard.py.
    tab.goto(server + "/regio?regio=VR13")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        boundaries.region_names()["VR13"])
    expect(tab.get_by_text("Fictieve demogegevens", exact=False).first).to_be_visible()
    expect(tab).to_have_title("Handhavingscapaciteit in kaart")
    assert tab.url.endswith("/regio?regio=VR13")


def test_the_home_page_shows_the_map_with_legend_attribution_and_demo_banner(tab, server):
    frame = open_map(tab, server + "/")
    legend = frame.locator(".capaciteit-legenda")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Aantal personen")
    expect(legend).to_contain_text("Peildat")
    attribution = frame.locator(".leaflet-control-attribution")
    expect(attribution).to_be_visible()
    expect(attribution).to_contain_text("CBS/Kadaster (PDOK), CC BY 4.0")
    expect(attribution).to_contain_text("Fictieve demogegevens")
    expect(tab.locator('[data-testid="stAlert"]').filter(
        has_text="Fictieve demogegevens.")).to_be_visible()
    expect(tab.get_by_role("heading", level=1)).to_have_text(texts.MAP_HEADER)
    save_screenshot(tab, "kaart.png")


def test_the_map_colours_regions_by_class_and_not_all_alike(tab, server):
    frame = open_map(tab, server + "/")
    fills = frame.locator(REGION_SHAPE).evaluate_all(
        "(paths) => paths.map((p) => p.getAttribute('fill'))")
    assert len(fills) == 25
    assert len(set(fills)) >= 3, fills


def test_the_page_asks_nothing_of_any_other_host(tab, requested, server):
    frame = open_map(tab, server + "/")
    expect(frame.locator(".capaciteit-legenda")).to_be_visible()
    foreign = [u for u in requested
               if urlparse(u).scheme in {"http", "https", "ws", "wss"}
               and urlparse(u).hostname not in LOCAL_HOSTS]
    assert foreign == []
    assert any(u.endswith("/app/static/leaflet/leaflet.js") for u in requested)


def test_clicking_a_region_opens_its_page_and_going_back_to_the_map_stays_there(
        tab, server, boundaries: Boundaries):
    names = boundaries.region_names()
    frame = open_map(tab, server + "/")
    shapes = frame.locator(REGION_SHAPE)
    areas = shapes.evaluate_all(
        "(ps) => ps.map((p) => { const b = p.getBBox(); return b.width * b.height; })")
    biggest = shapes.nth(max(range(len(areas)), key=areas.__getitem__))
    x, y = point_inside(tab, biggest)
    tab.mouse.move(x, y)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    tooltip_text = tooltip.inner_text()

    tab.mouse.click(x, y)
    tab.wait_for_url(re.compile(r"/regio\?regio=VR\d\d$"))
    code = tab.url.rsplit("=", 1)[1]
    expect(tab.get_by_role("heading", level=1)).to_have_text(names[code])
    assert names[code] in tooltip_text

    tab.get_by_role("link", name="Kaart").first.click()
    open_frame = tab.frame_locator(MAP_FRAME).first
    expect(open_frame.locator(REGION_SHAPE)).to_have_count(25)
    expect(tab.get_by_role("heading", level=1)).to_have_text(texts.MAP_HEADER)
    # A further rerun on the map page: a stale click would have switched pages by now.
    before = national_persons(tab).inner_text()
    tab.get_by_role("combobox", name=texts.CHOOSE_CATEGORY).click()
    tab.get_by_role("option", name="Defensie", exact=True).click()
    expect(national_persons(tab)).not_to_have_text(before)
    assert "regio" not in urlparse(tab.url).path
    expect(tab.get_by_role("heading", level=1)).to_have_text(texts.MAP_HEADER)


def test_a_deep_link_opens_the_region_with_its_municipality_map(
        tab, server, boundaries: Boundaries):
    name = boundaries.region_names()["VR13"]
    municipalities = (boundaries.municipality_table()["region_code"] == "VR13").sum()
    tab.goto(server + "/regio?regio=VR13")
    expect(tab.get_by_role("heading", level=1)).to_have_text(name)
    frame = tab.frame_locator(MAP_FRAME).first
    expect(frame.locator(REGION_SHAPE)).to_have_count(int(municipalities))
    expect(frame.locator(".capaciteit-legenda")).to_be_visible()
    save_screenshot(tab, "regio.png")
