"""End to end in headless Chromium: a real Streamlit server on demo data, the map, a click.

The server, the browser and the screenshots: tests/browser_support.py and the
``chromium`` fixture in tests/conftest.py.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pandas as pd
import pytest
from playwright.sync_api import Browser, FrameLocator, Locator, Page, expect

from capaciteit import texts
from capaciteit.geo.boundaries import Boundaries
from capaciteit.geo.maps import class_breaks
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import make_engine
from tests.browser_support import (
    MAP_FRAME,
    REGION_SHAPE,
    ROOT,
    TIMEOUT_MS,
    VIEWPORT,
    open_tab,
    running_app,
    save_screenshot,
    visible_point,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
MAIN_SCROLL = '() => document.querySelector("[data-testid=\\"stMain\\"]").scrollTop'

# ---------------------------------------------------------------- fixtures


@pytest.fixture
def requested(tab: Page) -> list[str]:
    """Every URL the tab (and the frames in it) requests from now on."""
    urls: list[str] = []
    tab.on("request", lambda request: urls.append(request.url))
    return urls


# ---------------------------------------------------------------- helpers


def open_map(page: Page, url: str) -> FrameLocator:
    """Go to ``url`` and wait until the map shows 25 regions and the app is idle."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator(REGION_SHAPE)).to_have_count(25)
    wait_until_idle(page)
    return frame


def national_persons(page: Page) -> Locator:
    return page.locator('[data-testid="stMetric"]').filter(
        has_text="Landelijk totaal: personen").locator('[data-testid="stMetricValue"]')


def persons_per_region(folder: Path) -> pd.Series:
    """Persons per region in the server's store, summed here from each region's records."""
    engine = make_engine(f"sqlite:///{(folder / 'capaciteit.db').as_posix()}")
    try:
        with engine.connect() as conn:
            codes = storage.current_versions(conn)["region_code"].tolist()
            return pd.Series({code: storage.region_records(conn, code)["persons"].sum()
                              for code in codes}, dtype=float)
    finally:
        engine.dispose()


def biggest_region_in_view(page: Page, frame: FrameLocator) -> Locator:
    """The largest region shape that lies wholly inside the window as the page stands."""
    shapes = frame.locator(REGION_SHAPE)
    height = page.viewport_size["height"] if page.viewport_size else VIEWPORT["height"]
    boxes = [shapes.nth(i).bounding_box() for i in range(shapes.count())]
    in_view = [i for i, b in enumerate(boxes)
               if b and b["y"] >= 0 and b["y"] + b["height"] <= height]
    assert in_view, "no region is wholly in view"
    return shapes.nth(max(in_view, key=lambda i: boxes[i]["width"] * boxes[i]["height"]))


# ---------------------------------------------------------------- tests


def test_a_deep_link_as_the_servers_first_request_still_runs_the_whole_app(
        chromium: Browser, demo_folder: Path, boundaries: Boundaries):
    # A server of its own, so that this deep link is its first request whatever ran before:
    # that is when Streamlit's older pages/ mode would run the page file without dashboard.py.
    with running_app(demo_folder) as url, open_tab(chromium) as tab:
        tab.goto(url + "/regio?regio=VR13")
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


def test_the_map_colours_regions_by_class_from_low_to_high(tab, server, demo_folder,
                                                            boundaries: Boundaries):
    frame = open_map(tab, server + "/")
    fills = frame.locator(REGION_SHAPE).evaluate_all(
        "(paths) => paths.map((p) => p.getAttribute('fill'))")
    order = boundaries.regions_display["region_code"].tolist()  # the order the map draws
    values = persons_per_region(demo_folder)[order]
    colours = tomllib.loads((ROOT / "src/capaciteit/reference/kleurklassen.toml")
                            .read_text("utf-8"))["kleuren"]
    rank = [colours.index(fill) for fill in fills]  # fails on a colour not in the palette
    by_value = [r for _, r in sorted(zip(values, rank, strict=True))]
    assert by_value == sorted(by_value), "a region with more persons has a paler colour"
    assert (by_value[0], by_value[-1]) == (0, len(colours) - 1)  # palest to darkest
    assert len(set(fills)) == len(class_breaks(values, len(colours))) - 1  # one per class


def test_the_page_asks_nothing_of_any_other_host(tab, requested, server):
    frame = open_map(tab, server + "/")
    expect(frame.locator(".capaciteit-legenda")).to_be_visible()
    foreign = [u for u in requested
               if urlparse(u).scheme in {"http", "https", "ws", "wss"}
               and urlparse(u).hostname not in LOCAL_HOSTS]
    assert foreign == []
    assert any(u.endswith("/app/static/leaflet/leaflet.js") for u in requested)


def test_a_click_on_a_region_in_view_opens_its_page_without_moving_the_page(tab, server):
    # The map starts ~720 px down a 1000 px window. Leaflet used to focus the map with a
    # scroll, the page moved ~340 px between mouse-down and mouse-up and the click was lost
    # (geo.maps.SteadyFocus); one click, from where the page stands, must open the region.
    frame = open_map(tab, server + "/")
    region = biggest_region_in_view(tab, frame)
    before = tab.evaluate(MAIN_SCROLL)
    region.click(position=visible_point(region))  # once, from where the page stands
    assert tab.evaluate(MAIN_SCROLL) == before, "the click moved the page"
    expect(tab).to_have_url(re.compile(r"/regio\?regio=VR\d\d$"))


def test_clicking_a_region_opens_its_page_and_going_back_to_the_map_stays_there(
        chromium: Browser, server: str, boundaries: Boundaries):
    # A window tall enough for the whole map: nothing needs scrolling (for the click in a
    # shorter window, see the test above).
    names = boundaries.region_names()
    with open_tab(chromium, viewport={"width": 1400, "height": 1700}) as tab:
        frame = open_map(tab, server + "/")
        box = tab.locator(MAP_FRAME).first.bounding_box()
        assert box and box["y"] + box["height"] <= 1700, "the map does not fit the window"
        region = biggest_region_in_view(tab, frame)
        point = visible_point(region)
        region.hover(position=point)  # a person sees the name, then clicks
        tooltip = frame.locator(".leaflet-tooltip")
        expect(tooltip).to_be_visible()
        tooltip_text = tooltip.inner_text()

        region.click(position=point)
        expect(tab).to_have_url(re.compile(r"/regio\?regio=VR\d\d$"))
        code = tab.url.rsplit("=", 1)[1]
        expect(tab.get_by_role("heading", level=1)).to_have_text(names[code])
        assert names[code] in tooltip_text

        tab.get_by_role("link", name="Kaart").first.click()
        open_frame = tab.frame_locator(MAP_FRAME).first
        expect(open_frame.locator(REGION_SHAPE)).to_have_count(25)
        expect(tab.get_by_role("heading", level=1)).to_have_text(texts.MAP_HEADER)
        wait_until_idle(tab)
        # A further rerun on the map page: a stale click would have switched pages by now.
        before = national_persons(tab).inner_text()
        tab.get_by_role("combobox", name=texts.CHOOSE_CATEGORY).click()
        tab.get_by_role("option", name="Defensie", exact=True).click()
        expect(national_persons(tab)).not_to_have_text(before)
        wait_until_idle(tab)
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
