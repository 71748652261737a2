"""Fixtures of the Chromium tests: a demo data folder and a server on it, one per module.

A module that needs its own kind of server (an upload test that publishes, say)
defines ``server`` itself, which overrides this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser_support import open_tab, prepare_data, running_app, server_logs


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Iterator[None]:
    """A failing browser test's report ends with the log of every server it was using."""
    report = yield
    if report.failed:
        for title, text in server_logs():
            report.sections.append((title, text))
    return report


@pytest.fixture(scope="module")
def demo_folder(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the map assets, a migrated database and the demo data."""
    directory = tmp_path_factory.mktemp("browser-data")
    prepare_data(directory, regions_cache)
    return directory


@pytest.fixture(scope="module")
def server(demo_folder: Path) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a free port, on the module's demo data folder."""
    with running_app(demo_folder) as url:
        yield url


@pytest.fixture
def tab(chromium: Browser, server: str) -> Iterator[Page]:
    """A fresh browser tab on the module's server (its own context: no cookies shared)."""
    with open_tab(chromium) as page:
        yield page
