"""What the end-to-end browser tests share: a data folder, a real Streamlit server, Chromium.

Debian's Chromium is used through Playwright's ``executable_path`` (no browser
download). Screenshots go to tests/artifacts/ for a person to look at. The
``chromium`` fixture (tests/conftest.py) launches the browser once per session.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_SHAPE = "path.leaflet-interactive"
TIMEOUT_MS = 20_000
VIEWPORT = {"width": 1400, "height": 1000}
# Settings a developer's shell may hold that would point the app away from its test folder.
UNSET = ("DATABASE_URL", "CAPACITEIT_DATABASE_URL", "CAPACITEIT_GEBIEDEN_BRON")


# ---------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate, and kill when it does not stop within ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_process(args: Sequence[str], log: Path, env: Mapping[str, str] | None = None
                    ) -> Iterator[subprocess.Popen[bytes]]:
    """``args`` started in the project folder, output to ``log``; stopped on leaving."""
    with log.open("wb") as out:
        process = subprocess.Popen(list(args), cwd=ROOT, env=None if env is None else dict(env),
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        stop(process)


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
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


# ---------------------------------------------------------------- the app


def app_env(directory: Path) -> dict[str, str]:
    """This process's environment for an app on ``directory``, without the settings in UNSET."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env["CAPACITEIT_DATA_DIR"] = str(directory)
    return env


def prepare_data(directory: Path, regions_cache: Path, *, demo: bool = True) -> None:
    """A data folder with the boundary cache; with ``demo``, also the map assets, a migrated
    database and the demo data, by the app's own ``preparation.prepare``."""
    shutil.copytree(regions_cache, directory / "regions")
    if not demo:
        return
    from capaciteit import preparation
    from capaciteit.settings import get_settings

    with pytest.MonkeyPatch.context() as patch:
        for key in UNSET:
            patch.delenv(key, raising=False)
        patch.setenv("CAPACITEIT_DATA_DIR", str(directory))
        preparation.prepare(get_settings(), static_dir=ROOT / "static")


@contextmanager
def running_app(directory: Path, *, extra_args: Sequence[str] = (),
                env_overrides: Mapping[str, str] | None = None, port: int | None = None,
                address: str = "127.0.0.1", host: str = "127.0.0.1") -> Iterator[str]:
    """``streamlit run dashboard.py`` on ``directory`` (see prepare_data), on ``port`` or a
    free one, listening on ``address``; yields its URL (``http://host:port``) once healthy."""
    port = port or free_port()
    env = app_env(directory) | dict(env_overrides or {})
    log = directory / "streamlit.log"
    args = [sys.executable, "-m", "streamlit", "run", "dashboard.py",
            "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--server.address", address, *extra_args]
    with running_process(args, log, env) as process:
        url = f"http://{host}:{port}"
        wait_until_healthy(url, process, log)
        yield url


@contextmanager
def demo_app(directory: Path, regions_cache: Path) -> Iterator[str]:
    """The app on its own data folder with the demo data: prepare_data, then running_app."""
    prepare_data(directory, regions_cache)
    with running_app(directory) as url:
        yield url


# ---------------------------------------------------------------- the browser


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextmanager
def open_tab(browser: Browser, **context_options: Any) -> Iterator[Page]:
    """A fresh tab in its own context (no cookies or session shared), closed on leaving."""
    context = browser.new_context(viewport=VIEWPORT, **context_options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        yield page
    finally:
        context.close()


def save_screenshot(page: Page, name: str) -> None:
    """The whole page in tests/artifacts/: Streamlit scrolls inside its main block, so the
    window is first made as tall as that block's content."""
    height = page.locator('[data-testid="stMain"]').evaluate("(el) => el.scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 6000)})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


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


def tooltip_of(page: Page, region_index: int) -> str:
    """Hover over the region drawn as the ``region_index``-th shape; return its tooltip."""
    frame = page.frame_locator(MAP_FRAME).first
    x, y = point_inside(page, frame.locator(REGION_SHAPE).nth(region_index))
    page.mouse.move(x, y)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    return tooltip.inner_text()
