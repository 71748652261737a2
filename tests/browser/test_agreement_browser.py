"""End to end in headless Chromium: record an agreement in the form, see the white spot go.

A real Streamlit server on its own data folder with the demo data (no agreements yet,
so every region × category with deployable people is a white spot). Screenshots go to
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from capaciteit import clock
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import make_engine
from tests.browser_support import (
    MAP_FRAME,
    REGION_SHAPE,
    open_tab,
    save_screenshot,
    tooltip_of,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

SPOTS = re.compile(r"(\d+) witte vlek\(ken\) in (\d+) regio")
METRIC = '[data-testid="stMetric"]'


@pytest.fixture(scope="module")
def tab(chromium: Browser, server: str) -> Iterator[Page]:
    with open_tab(chromium, locale="nl-NL") as page:
        yield page


def covered_percent_once_defence_is_covered(folder: Path, region: str) -> float:
    """The region's deployable defence persons as a share of all its deployable persons, in %,
    counted from the records the server stores (demo data: one version per region)."""
    engine = make_engine(f"sqlite:///{(folder / 'capaciteit.db').as_posix()}")
    try:
        with engine.connect() as conn:
            records = storage.region_records(conn, region)
    finally:
        engine.dispose()
    defence = records.loc[records["category"] == "defensie", "deployable_persons"].sum()
    assert 0 < defence < records["deployable_persons"].sum()  # precondition of the test
    return 100 * defence / records["deployable_persons"].sum()


def white_spot_count(page: Page) -> int:
    wait_until_idle(page)
    metric = page.locator(METRIC).filter(has_text="witte vlek")
    expect(metric).to_have_text(SPOTS)
    match = SPOTS.search(metric.inner_text())
    assert match, metric.inner_text()
    return int(match.group(1))


def region_tooltip(page: Page, region_index: int, name: str) -> str:
    """The region's tooltip; the mouse then leaves the map so the next hover starts clean."""
    text = tooltip_of(page, region_index, name)
    page.mouse.move(0, 0)
    return text


def share_in(tooltip: str) -> float:
    """The covered share a region's tooltip shows, Dutch decimal comma read back."""
    match = re.search(r"Gedekt aandeel inzetbare personen \(%\)\s*([\d.,]+)", tooltip)
    assert match, tooltip
    return float(match.group(1).replace(".", "").replace(",", "."))


def choose(panel, label: str, option: str) -> None:
    """Open a select box, type to narrow its (virtualised) list, pick the option."""
    panel.get_by_role("combobox", name=label).click()
    panel.page.keyboard.type(option[:12])
    panel.page.get_by_role("option", name=option, exact=True).click()


def test_an_agreement_made_in_the_form_removes_its_white_spot_from_map_and_table(
        tab: Page, server: str, demo_folder: Path, boundaries: Boundaries):
    order = boundaries.regions_display["region_code"].tolist()
    names = boundaries.region_names()
    expected_share = covered_percent_once_defence_is_covered(demo_folder, "VR13")
    tab.goto(server + "/witte-vlekken")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Witte vlekken: capaciteit zonder geldige afspraak")
    expect(tab.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
    before = white_spot_count(tab)
    amsterdam = region_tooltip(tab, order.index("VR13"), names["VR13"])
    assert share_in(amsterdam) == 0.0  # no agreements yet
    save_screenshot(tab, "witte_vlekken_voor.png")

    tab.goto(server + "/afspraken")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Afspraken met gemeenten en sectoren")
    tab.get_by_role("tab", name="Nieuwe afspraak").click()
    form = tab.get_by_role("tabpanel", name="Nieuwe afspraak")
    choose(form, "Veiligheidsregio", "Amsterdam-Amstelland (VR13)")
    choose(form, "Soort partner", "defensie")
    form.get_by_role("textbox", name="Partner", exact=True).fill("Ministerie van Defensie")
    choose(form, "Categorieën en subcategorieën", "Defensie (hele categorie)")
    tab.keyboard.press("Escape")
    form.get_by_role("spinbutton", name="Toegezegde personen").fill("1")
    form.get_by_role("spinbutton", name="Aanlooptijd (uur)").fill("48")
    form.get_by_role("spinbutton", name="day, Geldig van").click()  # dd-mm-jjjj segments
    tab.keyboard.type(clock.today().strftime("%d%m%Y"))
    tab.keyboard.press("Escape")  # close the calendar it opened
    choose(form, "Status", "getekend")
    form.get_by_role("textbox", name="Functionele mailbox").fill("bijstand@mindef.nl")
    form.get_by_role("button", name="Opslaan").click()
    expect(tab.locator('[data-testid="stAlert"]').filter(
        has_text="Afspraak #1 met Ministerie van Defensie is opgeslagen.")).to_be_visible()
    expect(form.get_by_role("textbox", name="Partner", exact=True)).to_have_value("")  # fresh
    save_screenshot(tab, "afspraak_opgeslagen.png")

    tab.get_by_role("tab", name="Overzicht").click()
    overview = tab.get_by_role("tabpanel", name="Overzicht")
    expect(overview.get_by_text("1 van 1 afspraken.")).to_be_visible()

    tab.goto(server + "/witte-vlekken")
    expect(tab.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
    # Amsterdam-Amstelland × Defensie is covered now: one white spot less
    expect(tab.locator(METRIC).filter(has_text="witte vlek")).to_contain_text(
        f"{before - 1} witte vlek(ken)")
    amsterdam = region_tooltip(tab, order.index("VR13"), names["VR13"])
    assert share_in(amsterdam) == pytest.approx(expected_share, abs=0.05)  # one decimal shown
    assert share_in(region_tooltip(tab, order.index("VR01"), names["VR01"])) == 0.0  # untouched
    save_screenshot(tab, "witte_vlekken_na.png")
