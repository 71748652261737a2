"""Two app instances on one PostgreSQL, in headless Chromium.

Two ``streamlit run dashboard.py`` servers (each its own process and data folder) share one
PostgreSQL database, as several instances behind a proxy do. A region publishes through
the first; a person who has the map open on the second sees the new figures on the next
run of the page (any widget they touch), without reloading or restarting anything.
Consecutive versions under concurrent publications from separate processes are checked in
tests/uploads/test_publishing.py on the same store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from capaciteit import texts
from capaciteit.capacity.categories import category_names, default_categories
from capaciteit.geo.boundaries import Boundaries
from tests.browser.test_upload_browser import alert, choose_file, metric_value
from tests.browser_support import (
    MAP_FRAME,
    REGION_SHAPE,
    ROOT,
    UNSET,
    app_state,
    open_tab,
    prepare_data,
    running_app,
    save_screenshot,
)
from tests.pages.test_upload_page import capacity_rows, filled_template

pytestmark = pytest.mark.browser


def prepare_shared_database(folder: Path, pg_url: str) -> None:
    """Boundaries, migrations and the demo data in the PostgreSQL database, as `make run`."""
    from capaciteit import preparation
    from capaciteit.settings import get_settings

    with pytest.MonkeyPatch.context() as patch:
        for key in UNSET:
            patch.delenv(key, raising=False)
        patch.setenv("CAPACITEIT_DATA_DIR", str(folder))
        patch.setenv("DATABASE_URL", pg_url)
        preparation.prepare(get_settings(), static_dir=ROOT / "static")


@pytest.fixture
def instances(pg_url: str, regions_cache: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two servers on their own data folders and ports, on one PostgreSQL database."""
    one, two = tmp_path / "een", tmp_path / "twee"
    prepare_data(one, regions_cache, demo=False)
    prepare_data(two, regions_cache, demo=False)
    prepare_shared_database(one, pg_url)
    shared = {"DATABASE_URL": pg_url}
    with running_app(one, env_overrides=shared) as first, \
            running_app(two, env_overrides=shared) as second:
        yield first, second


@pytest.fixture
def tabs(chromium: Browser) -> Iterator[tuple[Page, Page]]:
    with open_tab(chromium, locale="nl-NL") as a, open_tab(chromium, locale="nl-NL") as b:
        yield a, b


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_publication_through_one_instance_shows_on_the_other_at_its_next_run(
        instances: tuple[str, str], tabs: tuple[Page, Page], boundaries: Boundaries):
    first, second = instances
    publisher, reader = tabs
    reader.goto(second)
    expect(reader.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
    expect(metric_value(reader, texts.REGIONS_WITH_DATA)).to_have_text("25 van 25")
    expect(alert(reader, "Fictieve demogegevens.")).to_be_visible()

    rows = capacity_rows()
    publisher.goto(first + "/aanleveren?regio=VR13")
    choose_file(publisher, "capaciteit_vr13.xlsx", filled_template(boundaries, rows))
    expect(alert(publisher, "Geen fouten in 2 regels.")).to_be_visible()
    publisher.get_by_role("button", name="Publiceren").click()
    expect(alert(publisher, "Gepubliceerd als versie 1 van Amsterdam-Amstelland")).to_be_visible()

    boa = category_names(default_categories())["boa"]
    choose(reader, texts.CHOOSE_CATEGORY, boa)  # the reader's next run, on the other server
    try:
        expect(metric_value(reader, texts.REGIONS_WITH_DATA)).to_have_text("1 van 25")
    except AssertionError as failed:  # say what the reader's page was doing (run, connection)
        save_screenshot(reader, "tweede_instantie_mislukt.png")
        raise AssertionError(f"{failed}\nthe reader's page: {app_state(reader)}") from None
    boa_persons = sum(int(str(r["aantal_personen"])) for r in rows if r["categorie"] == "boa")
    expect(metric_value(reader, texts.NATIONAL_TOTALS["persons"])).to_have_text(
        str(boa_persons))
    expect(alert(reader, "Fictieve demogegevens.")).to_have_count(0)
    expect(reader.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)).to_have_count(25)
    save_screenshot(reader, "tweede_instantie_na_publicatie.png")
