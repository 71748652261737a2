"""End to end in headless Chromium: hostile files uploaded on Aanleveren are refused in Dutch,
and the server keeps answering everyone.

A real Streamlit server on its own data folder with the demo data. Each file goes
through the page's real file input, as a person picks it; the files are the attacks
of issue 10 (tests/uploads/hostile_files.py) that used to kill or freeze the server.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser_support import MAP_FRAME, REGION_SHAPE, demo_app, open_tab, save_screenshot
from tests.uploads import hostile_files as hostile

pytestmark = pytest.mark.browser

FILE_INPUT = '[data-testid="stFileUploader"] input[type="file"]'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = [
    ("sparse far cell", "capaciteit_vr13.xlsx", XLSX, lambda: hostile.sparse_far_cell(None),
     "Het werkblad beslaat 1048576 rijen en 16384 kolommen; de grens is 100000 rijen en 200 "
     "kolommen."),
    ("openings that never close", "capaciteit_vr13.xlsx", XLSX,
     lambda: hostile.backtracking_sheet(14 * 1024),
     "Het bestand is niet te lezen: onderdeel 'xl/worksheets/sheet1.xml' is geen geldige XML"),
    ("damaged deflate data", "capaciteit_vr13.xlsx", XLSX, hostile.corrupt_deflate,
     "Het bestand is niet te lezen: het .xlsx-bestand is beschadigd"),
    ("blank row flood", "capaciteit_vr13.csv", "text/csv",
     lambda: hostile.csv_blank_rows(5 * hostile.MB),
     "Het bestand heeft meer dan 101.015 regels, lege regels meegeteld."),
]


@pytest.fixture(scope="module")
def server(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port, on its own data folder with demo data."""
    with demo_app(tmp_path_factory.mktemp("hostile-upload-data"), regions_cache) as url:
        yield url


def alert(page: Page, text: str) -> Locator:
    return page.locator('[data-testid="stAlert"]').filter(has_text=text)


def health(server: str) -> str:
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=10) as answer:
        return answer.read().decode()


def test_hostile_files_are_refused_in_dutch_and_the_server_keeps_answering(
        chromium: Browser, server: str):
    with open_tab(chromium, locale="nl-NL") as tab:
        tab.goto(server + "/aanleveren?regio=VR13")
        expect(tab.get_by_role("heading", level=1)).to_have_text("Capaciteit aanleveren")
        for label, name, mime, make, refusal in HOSTILE:
            tab.locator(FILE_INPUT).set_input_files(
                files=[{"name": name, "mimeType": mime, "buffer": make()}])
            expect(alert(tab, refusal), label).to_be_visible()
            assert health(server) == "ok", label
        save_screenshot(tab, "upload_vijandig_bestand.png")

        tab.get_by_role("link", name="Kaart").first.click()
        expect(tab.get_by_role("heading", level=1)).to_have_text(
            "Handhavingscapaciteit per veiligheidsregio")
        expect(tab.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)

    with open_tab(chromium, locale="nl-NL") as other:  # a second person, after it all
        other.goto(server + "/")
        expect(other.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
