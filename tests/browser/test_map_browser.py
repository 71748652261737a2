"""End to end in headless Chromium: a real Streamlit server on demo data, the map, a click.

The server, the browser and the screenshots: tests/browser_support.py and the
``chromium`` fixture in tests/conftest.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from playwright.sync_api import Browser, FrameLocator, Locator, Page, expect

from capaciteit import texts
from capaciteit.geo.boundaries import Boundaries
from tests.browser_support import (
    MAP_FRAME,
    REGION_SHAPE,
    TIMEOUT_MS,
    demo_app,
    open_tab,
    point_inside,
    save_screenshot,
)

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def server(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port, on a data folder with demo data."""
    with demo_app(tmp_path_factory.mktemp("browser-data"), regions_cache) as url:
        yield url


@pytest.fixture
def tab(chromium: Browser, server: str) -> Iterator[Page]:
    """A fresh browser tab (its own context: no cookies or session shared)."""
    with open_tab(chromium) as page:
        yield page


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


@pytest.mark.parametrize("typed", [
    "[x](https://evil.example)",
    "![i](https://evil.example/a.png)",
    "<img src=x onerror=alert(1)>",
    "**vet** www.evil.example :red[rood] $x$",
])
def test_an_address_with_markdown_in_it_is_shown_as_typed(tab, server, typed):
    """Outside text in a message, rendered by Streamlit's own Markdown in the browser."""
    tab.goto(f"{server}/regio?{urlencode({'regio': typed})}")
    alert = tab.locator('[data-testid="stAlert"]').filter(has_text="Onbekende veiligheidsregio")
    expect(alert).to_be_visible(timeout=TIMEOUT_MS)
    shown = alert.inner_text().replace("\u2060", "")  # an invisible word joiner in bare links
    assert shown.strip() == f"Onbekende veiligheidsregio '{typed}'. Kies een regio uit de lijst."
    assert alert.locator("a, img, strong, code, span.katex").count() == 0, alert.inner_html()
