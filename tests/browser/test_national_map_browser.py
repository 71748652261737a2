"""The national map in Chromium, as a person uses it (issue 12): addresses, one click, the
keyboard, freshness on the map, the km scale bar, the map as it stood on a date, and rates
with population fetched by voorbereiden from a loopback server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect

from capaciteit import clock, texts
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import make_engine
from tests.browser_support import (
    MAP_FRAME,
    REGION_SHAPE,
    open_tab,
    prepare_data,
    running_app,
    save_screenshot,
    visible_point,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

MAIN_SCROLL = '() => document.querySelector("[data-testid=\\"stMain\\"]").scrollTop'
STALE_DAYS = 180  # the default of CAPACITEIT_VEROUDERD_NA_DAGEN


def open_map(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator(REGION_SHAPE)).to_have_count(25)
    wait_until_idle(page)
    return frame


def stale_regions(folder: Path) -> set[str]:
    """Regions whose oldest peildatum is more than 180 days old, read here from the store."""
    engine = make_engine(f"sqlite:///{(folder / 'capaciteit.db').as_posix()}")
    try:
        with engine.connect() as conn:
            versions = storage.current_versions(conn)
    finally:
        engine.dispose()
    limit = clock.today() - timedelta(days=STALE_DAYS)
    return {code for code, peil in zip(versions["region_code"], versions["peildatum_min"],
                                       strict=True) if peil.date() < limit}


def point_in_window(page: Page, frame: FrameLocator) -> tuple[int, dict[str, float]]:
    """A region and a point well inside it that the window shows as the page stands."""
    frame_box = page.locator(MAP_FRAME).first.bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 0
    assert frame_box and frame_box["y"] < height - 40, "the map is not in view after load"
    found = frame.locator(REGION_SHAPE).first.evaluate("""(first, args) => {
        const [top, height] = args, doc = first.ownerDocument;
        const shapes = Array.from(doc.querySelectorAll('path.leaflet-interactive'));
        for (let n = 0; n < shapes.length; n++) {
            const el = shapes[n], b = el.getBoundingClientRect();
            const on = (x, y) => doc.elementFromPoint(b.left + x, b.top + y) === el;
            for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
                const x = b.width * i / 16, y = b.height * j / 16;
                if (top + b.top + y > height - 8 || top + b.top + y < 8) continue;
                if (on(x, y) && on(x - 4, y - 4) && on(x + 4, y + 4) && on(x - 4, y + 4)
                    && on(x + 4, y - 4)) return [n, x, y];
            }
        }
        return null;
    }""", [frame_box["y"], height])
    assert found, "no region shows in the window"
    return int(found[0]), {"x": float(found[1]), "y": float(found[2])}


@pytest.fixture(scope="module")
def population_folder(regions_cache: Path, population_url: str,
                      tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo data plus population, as voorbereiden fetches it from a (loopback) source."""
    directory = tmp_path_factory.mktemp("browser-population")
    prepare_data(directory, regions_cache, population_source=population_url)
    return directory


@pytest.fixture(scope="module")
def population_server(population_folder: Path) -> Iterator[str]:
    with running_app(population_folder) as url:
        yield url


# ---------------------------------------------------------------- addresses


@pytest.mark.parametrize(("path", "heading"), [
    ("/kaart", texts.MAP_HEADER),
    ("/regio?regio=VR13", None),
    ("/aanleveren", texts.UPLOAD_HEADER),
    ("/afspraken", texts.AGREEMENTS_HEADER),
    ("/witte-vlekken", texts.WHITE_SPOTS_HEADER),
    ("/inzetbaar", texts.DEPLOY_HEADER),
    ("/beheer", texts.ADMIN_HEADER),
])
def test_every_page_answers_at_its_own_address_without_a_dialog(
        tab, server, boundaries: Boundaries, path, heading):
    tab.goto(server + path)
    expected = heading or boundaries.region_names()["VR13"]
    expect(tab.get_by_role("heading", level=1)).to_have_text(expected)
    wait_until_idle(tab)
    expect(tab.get_by_text("Page not found")).to_have_count(0)
    expect(tab.get_by_role("dialog")).to_have_count(0)
    # the page's own address; a page may add to the query (Inzetbaar writes its form there)
    actual, wanted = urlparse(tab.url), urlparse(server + path)
    assert actual.path == wanted.path
    assert set(parse_qsl(wanted.query)) <= set(parse_qsl(actual.query))


def test_the_root_address_opens_the_map_at_its_own_address(tab, server):
    open_map(tab, server + "/")
    expect(tab).to_have_url(server + "/kaart")
    expect(tab.get_by_role("heading", level=1)).to_have_text(texts.MAP_HEADER)
    expect(tab.get_by_text("Page not found")).to_have_count(0)


# ---------------------------------------------------------------- one click, the keyboard


@pytest.mark.parametrize("viewport", [
    {"width": 1400, "height": 1000}, {"width": 1280, "height": 900},
    {"width": 1920, "height": 1080}, {"width": 1400, "height": 1700}])
def test_one_click_on_a_region_in_view_opens_it_in_any_window(
        chromium: Browser, server: str, boundaries: Boundaries, viewport):
    with open_tab(chromium, viewport=viewport) as tab:
        frame = open_map(tab, server + "/kaart")
        index, point = point_in_window(tab, frame)
        before = tab.evaluate(MAIN_SCROLL)
        frame.locator(REGION_SHAPE).nth(index).click(position=point)  # once, as it stands
        expect(tab).to_have_url(re.compile(r"/regio\?regio=VR\d\d$"))
        assert tab.evaluate(MAIN_SCROLL) == before, "the click moved the page"
        code = tab.url.rsplit("=", 1)[1]
        expect(tab.get_by_role("heading", level=1)).to_have_text(boundaries.region_names()[code])


def test_a_keyboard_user_opens_a_region_page_with_tab_and_enter(
        tab, server, boundaries: Boundaries):
    open_map(tab, server + "/kaart")
    links = tab.locator('[data-testid="stSidebar"] summary').filter(has_text=texts.REGION_LINKS)
    for _ in range(30):  # Tab, as a person would, until the region links are reached
        tab.keyboard.press("Tab")
        if links.evaluate("(el) => el === document.activeElement || el.contains("
                          "document.activeElement)"):
            break
    else:
        pytest.fail("Tab never reached the region links")
    tab.keyboard.press("Enter")
    first_code, first_name = next(iter(boundaries.region_names().items()))
    tab.keyboard.press("Tab")
    focused = tab.evaluate("() => document.activeElement.innerText")
    assert first_name in focused
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(re.compile(rf"/regio\?regio={first_code}$"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(first_name)


# ---------------------------------------------------------------- freshness, scale, table


def test_stale_regions_are_dashed_on_the_map_and_named_in_tooltip_and_legend(
        tab, server, demo_folder):
    frame = open_map(tab, server + "/kaart")
    stale = stale_regions(demo_folder)
    dashes = frame.locator(REGION_SHAPE).evaluate_all(
        "(paths) => paths.filter((p) => p.getAttribute('stroke-dasharray')).length")
    assert dashes == len(stale)
    legend = frame.locator(".capaciteit-legenda")
    if stale:
        expect(legend).to_contain_text(f"peildatum ouder dan {STALE_DAYS} dagen")
    index, point = point_in_window(tab, frame)
    frame.locator(REGION_SHAPE).nth(index).hover(position=point)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text(texts.PEILDATUM)
    expect(tooltip).to_contain_text(re.compile(r"\d\d-\d\d-\d{4}, \d+ dagen oud"))
    save_screenshot(tab, "kaart-actualiteit.png")


def test_the_tooltip_of_a_stale_region_says_it_is_stale(chromium: Browser, server, demo_folder,
                                                        boundaries: Boundaries):
    stale = stale_regions(demo_folder)
    if not stale:
        pytest.fail("the demo data has no stale region to look at")
    with open_tab(chromium, viewport={"width": 1400, "height": 1700}) as tab:  # whole map
        frame = open_map(tab, server + "/kaart")
        dashed = frame.locator(REGION_SHAPE).evaluate_all(
            "(paths) => paths.map((p, i) => p.getAttribute('stroke-dasharray') ? i : -1)"
            ".filter((i) => i >= 0)")
        shape = frame.locator(REGION_SHAPE).nth(dashed[0])
        shape.hover(position=visible_point(shape))
        tooltip = frame.locator(".leaflet-tooltip")
        expect(tooltip).to_contain_text(re.compile(r"\d+ dagen oud \(verouderd\)"))
        names = {boundaries.region_names()[c] for c in stale}
        assert any(name in tooltip.inner_text() for name in names)


def test_the_scale_bar_is_in_kilometres_only(tab, server):
    frame = open_map(tab, server + "/kaart")
    lines = frame.locator(".leaflet-control-scale-line")
    expect(lines).to_have_count(1)
    expect(lines.first).to_have_text(re.compile(r"^\d+ k?m$"))


def test_the_map_as_it_stood_on_a_date_is_labelled_historic(tab, server):
    open_map(tab, server + "/kaart")
    tab.get_by_text(texts.AS_OF_TOGGLE).click()
    field = tab.get_by_role("group", name=texts.AS_OF_DATE)
    parts = field.get_by_role("spinbutton")
    expect(parts).to_have_count(3)
    # Dutch order (DD-MM-YYYY), not the widget's default year-month-day
    assert [p.get_attribute("data-type") for p in parts.all()] == ["day", "month", "year"]
    assert [p.inner_text() for p in parts.all()] == clock.today().strftime("%d-%m-%Y").split("-")
    parts.first.focus()  # as Tab reaches it: type the day, month and year, then leave
    tab.keyboard.type((clock.today() - timedelta(days=1)).strftime("%d%m%Y"))
    tab.get_by_role("heading", level=1).click()  # done typing: the field is left
    day = f"{(clock.today() - timedelta(days=1)).day}"
    banner = tab.locator('[data-testid="stAlert"]').filter(has_text="Historische stand op")
    expect(banner).to_contain_text(day)
    frame = tab.frame_locator(MAP_FRAME).first
    expect(frame.locator(".capaciteit-banier")).to_contain_text("Historisch: stand op")
    wait_until_idle(tab)
    # The demo data was published today: yesterday, no region had figures (grey, not 0).
    expect(tab.get_by_text("had nog geen enkele regio gegevens")).to_be_visible()
    # The table's cells as the grid offers them to assistive technology: no "None" anywhere.
    cells = tab.locator('[data-testid="stDataFrame"] table [role="gridcell"]')
    expect(cells.filter(has_text=re.compile(r"^VR01$"))).to_have_count(1)
    shown = cells.all_inner_texts()
    assert "None" not in shown and "nan" not in shown
    save_screenshot(tab, "kaart-stand-op.png")


# ---------------------------------------------------------------- rates with population


def test_with_population_fetched_by_voorbereiden_the_map_shows_a_rate_dated_on_the_map(
        chromium: Browser, population_server: str):
    with open_tab(chromium) as tab:
        frame = open_map(tab, population_server + "/kaart")
        legend = frame.locator(".capaciteit-legenda")
        expect(legend).to_contain_text("Aantal personen per 10.000 inwoners")
        expect(legend).to_contain_text("Inwoners per 1 januari 2023 (CBS)")
        expect(frame.locator(".leaflet-control-attribution")).to_contain_text(
            "Inwoners: CBS 1 januari 2023")
        sentence = tab.get_by_text(re.compile(r"^Kaart van de 25 veiligheidsregio"))
        expect(sentence).to_contain_text(re.compile(r"Landelijk: \d+,\d per 10\.000 inwoners"))
        expect(sentence).not_to_contain_text("Landelijk totaal")
        save_screenshot(tab, "kaart-per-10000.png")


def test_the_downloads_carry_rounded_dutch_numbers_peildatum_and_freshness(
        tab, server, demo_folder):
    import csv
    import io

    import openpyxl

    open_map(tab, server + "/kaart")
    engine = make_engine(f"sqlite:///{(demo_folder / 'capaciteit.db').as_posix()}")
    try:
        with engine.connect() as conn:
            records = storage.region_records(conn, "VR13")
    finally:
        engine.dispose()
    with tab.expect_download() as csv_download:
        tab.get_by_role("button", name=texts.DOWNLOAD_CSV).click()
    text = Path(csv_download.value.path()).read_text("utf-8-sig")
    rows = {r["Regiocode"]: r for r in csv.DictReader(io.StringIO(text), delimiter=";")}
    vr13 = rows["VR13"]
    assert vr13["Aantal personen"] == str(records["persons"].sum())  # whole, no ",0"
    assert vr13["FTE"] == f"{records['fte'].sum():.1f}".replace(".", ",")  # no float noise
    assert vr13["Peildatum"] == records["peildatum"].min().strftime("%d-%m-%Y")
    assert vr13["Verouderd"] in {"ja", "nee"} and vr13["Leeftijd peildatum (dagen)"].isdigit()
    assert "None" not in text and "nan" not in text.lower()

    with tab.expect_download() as xlsx_download:
        tab.get_by_role("button", name=texts.DOWNLOAD_XLSX).click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    header = [c.value for c in sheet[1]]
    fte = sheet.cell(2, header.index("FTE") + 1)
    assert fte.number_format == "#,##0.0" and fte.value == round(fte.value, 1)
    assert sheet.cell(2, header.index("Peildatum") + 1).number_format == "dd-mm-yyyy"
