"""The 02:00 mask question in headless Chromium: one verdict, whom to call, the cost, the
printable answer and the workbook, and an agreements table that fits a 1024-px page.

"150 persons to enforce the mask obligation in public transport in Utrecht (VR09), within
24 hours", asked as a crisis team member would: choose the region, click the preset, type
the number. Two fictitious agreements are saved through the agreement service first
(tests/deployment/support.py). Expected figures are counted from the stored records.
Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from capaciteit import texts
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage.engine import make_engine
from tests.browser.test_inzetbaar_browser import choose_target, stored_records
from tests.browser_support import ARTIFACTS, open_tab, save_screenshot, wait_until_idle
from tests.deployment.support import (
    NEEDED,
    POWER,
    PRICED_MAILBOX,
    RATE,
    TARGET,
    UNPRICED_MAILBOX,
    add_mask_agreements,
    fitting,
    search_area,
)
from tests.pages.test_pages import dutch_integer

pytestmark = pytest.mark.browser
HOURS = 12


@pytest.fixture(scope="module")
def mask_case(demo_folder: Path, boundaries: Boundaries) -> dict[str, object]:
    """The two agreements saved in the server's store; the figures the answer must show."""
    engine = make_engine(f"sqlite:///{(demo_folder / 'capaciteit.db').as_posix()}")
    records = stored_records(demo_folder)
    try:
        chosen = add_mask_agreements(engine, records, boundaries)
    finally:
        engine.dispose()
    found = fitting(records, search_area(boundaries))
    per_org = found.groupby("organisation")["deployable_persons"].sum()
    return {"chosen": chosen, "deployable": int(found["deployable_persons"].sum()),
            "priced": int(per_org[chosen["priced"]]),
            "covered": int(per_org[chosen["priced"]] + per_org[chosen["unpriced"]])}


def ask_the_mask_question(tab: Page, server: str, boundaries: Boundaries) -> None:
    tab.goto(f"{server}/inzetbaar")
    choose_target(tab, f"{boundaries.region_names()[TARGET]} ({TARGET})")
    tab.get_by_role("button", name=POWER).click()
    expect(tab.get_by_text(f"Vraag: {POWER}")).to_be_visible()
    expect(tab.get_by_text("Domein IV Openbaar vervoer").first).to_be_visible()
    wait_until_idle(tab)
    persons = tab.get_by_label(texts.DEPLOY_PERSONS)
    persons.fill(str(NEEDED))
    persons.press("Enter")
    expect(tab.get_by_text(f"van de {NEEDED} gevraagde personen")).to_be_visible()
    wait_until_idle(tab)


def euro(amount: float) -> str:
    text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def test_the_mask_question_gets_one_verdict_whom_to_call_and_the_cost(
        tab: Page, server: str, boundaries: Boundaries, mask_case: dict[str, object]):
    ask_the_mask_question(tab, server, boundaries)
    deployable, covered = int(mask_case["deployable"]), int(mask_case["covered"])
    # one box, both readings
    box = tab.get_by_test_id("stAlert").filter(has_text="Met alle inzetbare capaciteit")
    expect(box).to_have_count(1)
    expect(box).to_contain_text(f"zijn {dutch_integer(deployable)} van de {NEEDED} gevraagde")
    expect(box).to_contain_text(f"Alleen onder afspraak: {dutch_integer(covered)} personen")
    if deployable < NEEDED:
        expect(box).to_contain_text(f"Tekort: {dutch_integer(NEEDED - deployable)} personen.")
    expect(tab.get_by_text("Geen tekort.")).to_have_count(0)
    # whom to call, exported as a person would
    expect(tab.get_by_role("heading", name=texts.DEPLOY_CALLERS)).to_be_visible()
    with tab.expect_download() as download:
        tab.get_by_role("button", name=texts.DEPLOY_CALLERS_CSV).click()
    callers = pd.read_csv(download.value.path(), sep=";", encoding="utf-8-sig")
    chosen = mask_case["chosen"]
    assert isinstance(chosen, dict)
    rows = callers.set_index("Organisatie")
    assert rows.loc[chosen["priced"], "Functionele mailbox"] == PRICED_MAILBOX
    assert rows.loc[chosen["unpriced"], "Functionele mailbox"] == UNPRICED_MAILBOX
    assert rows.loc[chosen["priced"], "Onder afspraak"] == "ja"
    assert callers["Veiligheidsregio"].iloc[0].endswith(f"({TARGET})")
    assert callers["Inzetbaar"].sum() == deployable
    # the cost for 12 hours: the priced agreement exactly, the other stated as unpriced
    duration = tab.get_by_label(texts.COST_DURATION)
    duration.fill(str(HOURS))
    duration.press("Enter")
    tab.get_by_role("combobox", name=texts.COST_UNIT).click()
    tab.get_by_role("option", name="uren", exact=True).click()
    total = euro(RATE * HOURS * int(mask_case["priced"]))
    expect(tab.get_by_text(f"Geschatte vergoeding voor {HOURS} uur: {total}")).to_be_visible()
    unpriced = min(NEEDED, deployable) - int(mask_case["priced"])
    expect(tab.get_by_text(f"{dutch_integer(unpriced)} personen hebben geen afgesproken "
                           "tarief")).to_be_visible()
    expect(tab.get_by_role("cell", name="€ 65,50 per uur")).to_have_count(2)  # agreement, cost
    expect(tab.get_by_role("cell", name=total)).to_have_count(2)  # its line and the total
    save_screenshot(tab, "antwoord_mondkapjes_utrecht.png")


def test_the_printable_answer_and_the_workbook_are_fit_to_hand_out(
        tab: Page, server: str, boundaries: Boundaries, mask_case: dict[str, object]):
    ask_the_mask_question(tab, server, boundaries)
    with tab.expect_download() as download:
        tab.get_by_role("button", name=texts.DEPLOY_PRINT).click()
    html = download.value.path().read_text("utf-8")
    assert "class=demo" in html and "<strong>Fictieve demogegevens.</strong>" in html
    assert 'src="data:image/png;base64,' in html
    assert "Met alle inzetbare capaciteit" in html and "Alleen onder afspraak" in html
    assert PRICED_MAILBOX in html and "€ 65,50 per uur" in html
    assert "peildatum" in html
    printed = tab.context.new_page()
    printed.set_content(html)
    printed.emulate_media(media="print")
    expect(printed.locator(".demo")).to_be_visible()
    expect(printed.locator("img.map")).to_be_visible()
    assert printed.locator("img.map").evaluate("(img) => img.naturalWidth") > 800
    width = printed.evaluate("() => document.documentElement.scrollWidth")
    assert width <= printed.viewport_size["width"]  # type: ignore[index]
    printed.screenshot(path=str(ARTIFACTS / "antwoord_afdruk.png"), full_page=True)
    printed.close()
    with tab.expect_download() as download:
        tab.get_by_role("button", name=texts.DEPLOY_EXPORT).click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames[0] == texts.DEPLOY_SHEETS["answer"]
    first = [c for row in book.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert any(c.value == texts.DEMO_BANNER.replace("**", "") for c in first)
    dates = [c for c in first if c.is_date]
    assert dates and all("yy" in c.number_format for c in dates)
    assert any(c.number_format.startswith("€") for c in first)


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_agreements_table_fits_the_page_and_the_terms_are_explained(
        chromium: Browser, server: str, boundaries: Boundaries, mask_case: dict[str, object],
        width: int):
    with open_tab(chromium, viewport={"width": width, "height": 900}) as tab:
        ask_the_mask_question(tab, server, boundaries)
        table = tab.get_by_test_id("stTable").first
        expect(table).to_contain_text("Aanlooptijd")
        expect(table).to_contain_text("Geldig tot")
        box = table.bounding_box()
        inner = table.locator("table").bounding_box()
        assert box is not None and inner is not None
        assert inner["x"] + inner["width"] <= box["x"] + box["width"] + 1
        assert box["x"] + box["width"] <= width
        expect(tab.get_by_text("hemelsbreed tussen de middelpunten")).to_be_visible()
        expect(tab.get_by_text("Activeringstijd")).to_have_count(0)
        ARTIFACTS.mkdir(exist_ok=True)
        table.screenshot(path=str(ARTIFACTS / f"afspraken_tabel_{width}.png"))
