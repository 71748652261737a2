"""What the end-to-end browser tests share: a data folder, a real Streamlit server, Chromium.

Debian's Chromium is used through Playwright's ``executable_path`` (no browser
download). Screenshots go to tests/artifacts/ for a person to look at. The
``chromium`` fixture (tests/conftest.py) launches the browser once per test module.

Tests wait for what a person sees (``expect``, ``wait_until_idle``), never for a
fixed time. TIMEOUT_MS is only the ceiling after which a hang counts as a failure;
it is set for actions and for ``expect`` alike (Playwright's own default for
``expect`` is 5 s, too short for a loaded machine).
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
TIMEOUT_MS = 60_000  # a ceiling for a hang, not an expectation of speed
VIEWPORT = {"width": 1400, "height": 1000}
# Settings a developer's shell may hold that would point the app away from its test folder.
UNSET = ("DATABASE_URL", "CAPACITEIT_DATABASE_URL", "CAPACITEIT_GEBIEDEN_BRON",
         "CAPACITEIT_BEVOLKING_BRON")
# The app is idle: its script has finished (stApp's data-test-script-state), it is connected,
# and no element is greyed out as stale, i.e. what a person sees when "Running…" has gone.
IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.dataset.testScriptState === "notRunning"
        && app.dataset.testConnectionState === "CONNECTED"
        && document.querySelector('[data-stale="true"]') === null;
}"""

expect.set_options(timeout=TIMEOUT_MS)


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
    """``args`` started in the project folder, output to ``log``; stopped on leaving.

    While it runs, a failing test's report ends with its log (see :func:`server_logs`).
    """
    with log.open("wb") as out:
        process = subprocess.Popen(list(args), cwd=ROOT, env=None if env is None else dict(env),
                                   stdout=out, stderr=subprocess.STDOUT)
    RUNNING[log] = process
    try:
        yield process
    finally:
        RUNNING.pop(log, None)
        stop(process)


RUNNING: dict[Path, subprocess.Popen[bytes]] = {}  # the log of each server now running
LOG_TAIL = 80  # lines of a server's log shown with a failing test


def server_logs() -> list[tuple[str, str]]:
    """(title, tail of the log) of every server running now: whether it is still alive, and
    what it printed last (a traceback, a hang), for the report of a failing test."""
    sections = []
    for log, process in list(RUNNING.items()):
        state = "loopt" if process.poll() is None else f"gestopt met {process.returncode}"
        lines = log.read_text(errors="replace").splitlines()[-LOG_TAIL:] if log.exists() else []
        sections.append((f"server {log.parent.name} ({state})", "\n".join(lines)))
    return sections


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path,
                         expected: str | None = None) -> None:
    """Poll ``url`` until it answers (with ``expected``, if given); fail with the process's
    log when the process stops or nothing answers within the ceiling."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if process.poll() is not None:
            command = " ".join(str(a) for a in process.args[:5])
            pytest.fail(f"{command} stopped with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if expected is None or answer.read().decode() == expected:
                    return
        except OSError:
            pass
        time.sleep(0.2)  # the interval between polls of a starting server, not a wait for it
    pytest.fail(f"{url} did not answer:\n{log.read_text()}")


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    wait_until_answering(f"{url}/_stcore/health", server, log, expected="ok")


# ---------------------------------------------------------------- the app


def app_env(directory: Path) -> dict[str, str]:
    """This process's environment for an app on ``directory``, without the settings in UNSET."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env["CAPACITEIT_DATA_DIR"] = str(directory)
    return env


def prepare_data(directory: Path, regions_cache: Path, *, demo: bool = True,
                 population_source: str | None = None) -> None:
    """A data folder with the boundary cache; with ``demo``, also the map assets, a migrated
    database and the demo data, by the app's own ``preparation.prepare``; with
    ``population_source``, also the population it fetches from there (else none: tests never
    ask CBS itself)."""
    shutil.copytree(regions_cache, directory / "regions")
    if not demo:
        return
    from capaciteit import preparation
    from capaciteit.settings import get_settings

    with pytest.MonkeyPatch.context() as patch:
        for key in UNSET:
            patch.delenv(key, raising=False)
        patch.setenv("CAPACITEIT_DATA_DIR", str(directory))
        if population_source:
            patch.setenv("CAPACITEIT_BEVOLKING_BRON", population_source)
        preparation.prepare(get_settings(), static_dir=ROOT / "static",
                            population=population_source is not None)


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
def open_tab(browser: Browser, *, viewport: Mapping[str, int] = VIEWPORT,
             **context_options: Any) -> Iterator[Page]:
    """A fresh tab in its own context (no cookies or session shared), closed on leaving."""
    context = browser.new_context(viewport=dict(viewport), **context_options)
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


def app_state(page: Page) -> dict[str, object]:
    """What a Streamlit page is doing: its script's run state, its connection, how many
    elements are stale and the metrics it shows (for a failing test's message)."""
    return dict(page.evaluate("""() => {
        const app = document.querySelector('[data-testid="stApp"]');
        return {run: app && app.dataset.testScriptState,
                connection: app && app.dataset.testConnectionState,
                stale: document.querySelectorAll('[data-stale="true"]').length,
                metrics: Array.from(document.querySelectorAll('[data-testid="stMetric"]'))
                    .map(e => e.innerText.replace(/\\n+/g, ': '))};
    }"""))


def wait_until_idle(page: Page) -> None:
    """Wait until the app has finished running and nothing on the page is stale."""
    page.wait_for_function(IDLE)


def visible_point(shape: Locator, margin: float = 4) -> dict[str, float]:
    """A point of ``shape``, relative to its box, for ``shape.hover(position=…)`` or
    ``shape.click(position=…)``: the shape itself is on top there and ``margin`` px around it
    (not a neighbour, the legend or the sea between islands), so a sub-pixel difference in
    layout cannot put the pointer beside it. Found in the map's own frame: no scrolling.
    """
    point = shape.evaluate("""(el, margin) => {
        const b = el.getBoundingClientRect(), doc = el.ownerDocument;
        const on = (x, y) => doc.elementFromPoint(b.left + x, b.top + y) === el;
        for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {
            const x = b.width * i / 24, y = b.height * j / 24;
            if (on(x, y) && on(x - margin, y - margin) && on(x + margin, y - margin)
                && on(x - margin, y + margin) && on(x + margin, y + margin)) return {x: x, y: y};
        }
        return null;
    }""", margin)
    assert point, "no point well inside the region shape"
    return {"x": float(point["x"]), "y": float(point["y"])}


def tooltip_of(page: Page, region_index: int, name: str | None = None) -> str:
    """Point at the region drawn as the ``region_index``-th shape, as a person does to read
    its tooltip; wait until the tooltip shows (naming ``name``, if given); return its text.

    Playwright's hover waits until the shape stands still and is the element under that
    point, so a map still settling after the app's run cannot send the mouse elsewhere.
    """
    wait_until_idle(page)
    frame = page.frame_locator(MAP_FRAME).first
    shape = frame.locator(REGION_SHAPE).nth(region_index)
    shape.hover(position=visible_point(shape))
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    if name is not None:
        expect(tooltip).to_contain_text(name)
    return tooltip.inner_text()
