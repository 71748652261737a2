"""In headless Chromium: a question travels as a link, presets ask what they leave open, and
closing sectors frees capacity shown once (issue 13, points 4 and 5).

A real Streamlit server on demo data (tests/browser/conftest.py); expected figures are
counted here from the server's own store. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from capaciteit import texts
from capaciteit.geo.boundaries import Boundaries
from tests.browser.test_inzetbaar_browser import choose_target, stored_records
from tests.browser_support import MAP_FRAME, REGION_SHAPE, save_screenshot
from tests.pages.test_inzetbaar_page import freed_directly
from tests.pages.test_pages import dutch_integer

pytestmark = pytest.mark.browser
PRESET = "Handhaving mondkapjesplicht OV"
VERDICT = re.compile(r"^Met alle inzetbare capaciteit")


def address(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_deep_link_answers_directly_and_a_changed_field_marks_it_aangepast(
        tab: Page, server: str):
    tab.goto(f"{server}/inzetbaar?vraag=mondkapjes-ov&regio=VR09&personen=150")
    expect(tab.get_by_text(VERDICT).first).to_be_visible()
    expect(tab.get_by_text(f"Vraag: {PRESET}.")).to_be_visible()
    assert address(tab) == {"vraag": ["mondkapjes-ov"], "regio": ["VR09"],
                            "personen": ["150"]}
    # the question's option, as a person sees it (the preset editor's, lower down, is folded)
    tab.get_by_text("binnen 72 uur", exact=True).filter(visible=True).first.click()
    modified = texts.DEPLOY_PRESET_MODIFIED.format(
        naam=PRESET, velden=texts.LINK_FIELD_LABELS["hours"]).replace("**", "")
    expect(tab.get_by_text(modified)).to_be_visible()
    expect(tab).to_have_url(re.compile(r"uren=72"))
    assert "vraag" not in address(tab)
    assert address(tab)["inzet"] == ["boa/domein-4"]
    assert address(tab)["bevoegdheden"] == [PRESET]
    expect(tab.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
    save_screenshot(tab, "vraag_aangepast.png")

    again = tab.context.new_page()  # the changed question's address opens the same question
    again.goto(tab.url)
    expect(again.get_by_text(VERDICT).first).to_be_visible()
    expect(again.get_by_role("radio", name="binnen 72 uur").first).to_be_checked()
    again.close()


def test_a_preset_without_region_asks_for_region_and_persons_before_answering(
        tab: Page, server: str, boundaries: Boundaries):
    tab.goto(f"{server}/inzetbaar")
    expect(tab.get_by_text(texts.DEPLOY_CHOOSE_TARGET)).to_be_visible()
    tab.get_by_role("button", name=PRESET).click()
    both = texts.DEPLOY_PRESET_OPEN_JOIN.join(texts.DEPLOY_PRESET_OPEN.values())
    expect(tab.get_by_text(texts.DEPLOY_PRESET_ASKS.format(open=both))).to_be_visible()
    expect(tab.get_by_label(texts.DEPLOY_PERSONS)).to_have_value("")
    choose_target(tab, f"{boundaries.region_names()['VR09']} (VR09)")
    expect(tab.get_by_text(texts.DEPLOY_PRESET_ASKS.format(
        open=texts.DEPLOY_PRESET_OPEN["persons"]))).to_be_visible()
    expect(tab.get_by_text(VERDICT)).to_have_count(0)
    persons = tab.get_by_label(texts.DEPLOY_PERSONS)
    persons.fill("150")
    persons.press("Enter")
    expect(tab.get_by_text(VERDICT).first).to_be_visible()
    expect(tab).to_have_url(re.compile(r"personen=150"))
    assert address(tab) == {"vraag": ["mondkapjes-ov"], "regio": ["VR09"],
                            "personen": ["150"]}


def test_closing_sectors_frees_capacity_on_its_own_line_counted_once(
        tab: Page, server: str, demo_folder: Path):
    records = stored_records(demo_folder)
    tab.goto(f"{server}/inzetbaar?regio=VR09&personen=150&inzet=particuliere-beveiliging"
             "&uren=168&gebied=eigen&maatregelen=evenementen-verboden")
    expect(tab.get_by_text(VERDICT).first).to_be_visible()
    events = freed_directly(records, {"VR09"}, 168, {"evenementen": 0.9})
    expect(tab.get_by_text(f"Vrijgekomen door sluiting: {dutch_integer(events)} personen",
                           exact=True)).to_be_visible()

    # horeca also frees event security (50%): those people are counted once, at 90%
    tab.get_by_role("combobox", name=texts.DEPLOY_MEASURES).click()
    tab.get_by_role("option", name="Horeca gesloten").click()
    tab.keyboard.press("Escape")
    both = freed_directly(records, {"VR09"}, 168, {"evenementen": 0.9,
                                                   "beveiliging-overig": 0.3})
    assert both > events, "precondition: horeca frees someone besides event security"
    expect(tab.get_by_text(f"Vrijgekomen door sluiting: {dutch_integer(both)} personen",
                           exact=True)).to_be_visible()
    expect(tab).to_have_url(re.compile(r"maatregelen=horeca-gesloten"))
    assert sorted(address(tab)["maatregelen"]) == ["evenementen-verboden", "horeca-gesloten"]
    tab.get_by_text(texts.FREED_ASSUMPTIONS).click()
    expect(tab.get_by_text(re.compile(r"^Horeca gesloten: Portiers"))).to_be_visible()
    save_screenshot(tab, "vrijgekomen_door_sluiting.png")
