"""Benchmark 5: the time from ``make run`` to a visible map, and many crisis teams at once.

Cold start: on a fresh data folder, what ``make run`` does after installing
(``python -m capaciteit voorbereiden``: boundaries from the offline copy, migrations, demo
data; then ``streamlit run dashboard.py``), timed until a browser that asked for ``/`` shows
the 25 regions of the map.

Load: ``SESSIONS`` headless Chromium sessions (one browser, a context each, all at once)
open the map and then ask the mask question (the preset ``mondkapjes-ov`` for
``TARGET``, by its link). Per session the time from asking until the answer shows; p50
and p95 over the sessions, and the server's peak memory (RSS, psutil, sampled). The server
serves the benchmark's million records when the aggregation benchmark ran before (its
SQLite database), else the demo data; its first answer (filling the warm capacity) is made
before the sessions start and reported apart.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
from playwright.async_api import Browser, async_playwright, expect

from benchmarks.report import print_table, progress
from benchmarks.workspace import ROOT, Workspace, shared_regions_dir
from capaciteit import texts

SESSIONS = 10
TARGET = "VR13"
PRESET = "mondkapjes-ov"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
REGION_SHAPE = "path.leaflet-interactive"
CEILING_MS = 300_000  # a hang's ceiling, not an expectation
UNSET = ("DATABASE_URL", "CAPACITEIT_DATABASE_URL", "CAPACITEIT_GEBIEDEN_BRON")
# the first words of the verdict's first reading, in every answer
ANSWER = re.compile(re.escape(texts.VERDICT_ALL.split(":")[0]))
PERSONS = 150  # the mask question: 150 persons


def run(workspace: Workspace) -> dict[str, Any]:
    """Cold start on a fresh folder, then ``workspace.sessions`` sessions against one server."""
    sessions = workspace.sessions
    folder = workspace.directory / "app"
    folder.mkdir()
    big = workspace.directory / "bench.db"
    progress("koude start meten (voorbereiden + server + kaart zichtbaar)")
    cold, first_map = asyncio.run(cold_start(folder))
    env = {"DATABASE_URL": f"sqlite:///{big.as_posix()}"} if big.exists() else {}
    progress(f"{sessions} gelijktijdige sessies ({'miljoen records' if env else 'demodata'})")
    with serving(folder, env) as (url, process):
        result = asyncio.run(load(url, process, sessions))
    return {"cold_start_s": cold, "cold_first_map_s": first_map, "sessions": sessions,
            "data": "benchmark records" if env else "demo", **result}


async def cold_start(folder: Path) -> tuple[float, float]:
    """Seconds from starting the preparation until the map shows its 25 regions.

    Also the part of it after the server answered its health check (the first page).
    """
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                   args=CHROMIUM_ARGS)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "capaciteit", "voorbereiden"], cwd=ROOT,
                       env=app_env(folder), check=True, capture_output=True)
        with serving(folder, {}) as (url, _process):
            healthy = time.perf_counter()
            page = await (await browser.new_context()).new_page()
            page.set_default_timeout(CEILING_MS)
            await page.goto(url, wait_until="commit")
            await expect(page.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)) \
                .to_have_count(25, timeout=CEILING_MS)
            seen = time.perf_counter()
        await browser.close()
    return seen - start, seen - healthy


async def load(url: str, process: psutil.Process, sessions: int) -> dict[str, Any]:
    """The sessions at once, with the server's memory sampled throughout."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                   args=CHROMIUM_ARGS)
        with peak_memory(process) as peak:
            first_answer = (await session(browser, url))[1]  # fills the server's warm capacity
            solo_answer = (await session(browser, url))[1]  # one session alone: the floor
            timings = await asyncio.gather(*(session(browser, url) for _ in range(sessions)))
        await browser.close()
    answers = sorted(t[1] for t in timings)
    maps = sorted(t[0] for t in timings)
    return {"first_answer_s": first_answer, "solo_answer_s": solo_answer,
            "load_p50_s": statistics.median(answers), "load_p95_s": percentile(answers, 95),
            "map_p50_s": statistics.median(maps), "map_p95_s": percentile(maps, 95),
            "answers_s": answers, "server_peak_rss_mb": peak["rss"] / 2**20}


async def session(browser: Browser, url: str) -> tuple[float, float]:
    """One crisis team: open the map, then ask the mask question; seconds for each."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(CEILING_MS)
    start = time.perf_counter()
    await page.goto(url, wait_until="commit")
    await expect(page.frame_locator(MAP_FRAME).first.locator(REGION_SHAPE)) \
        .to_have_count(25, timeout=CEILING_MS)
    asked = time.perf_counter()
    await page.goto(f"{url}/inzetbaar?vraag={PRESET}&regio={TARGET}&personen={PERSONS}",
                    wait_until="commit")
    await expect(page.locator('[data-testid="stAlert"]').filter(has_text=ANSWER).first) \
        .to_be_visible(timeout=CEILING_MS)
    answered = time.perf_counter()
    await context.close()
    return asked - start, answered - asked


def percentile(values: list[float], p: int) -> float:
    """The p-th percentile, interpolated between the measured values."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


@contextmanager
def peak_memory(process: psutil.Process) -> Iterator[dict[str, int]]:
    """Sample the RSS of ``process`` and its children every 50 ms; the peak in ``["rss"]``."""
    peak = {"rss": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                rss = process.memory_info().rss + sum(
                    c.memory_info().rss for c in process.children(recursive=True))
            except psutil.Error:
                rss = 0
            peak["rss"] = max(peak["rss"], rss)
            done.wait(0.05)  # the sampling interval

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()


def app_env(folder: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the app on ``folder``, boundaries from the offline copy."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update({"CAPACITEIT_DATA_DIR": str(folder),
                "CAPACITEIT_GEBIEDEN_BRON": str(shared_regions_dir()), **(extra or {})})
    return env


@contextmanager
def serving(folder: Path, extra: dict[str, str]) -> Iterator[tuple[str, psutil.Process]]:
    """``streamlit run dashboard.py`` as ``make run`` starts it, on a free port, until healthy."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (folder / f"streamlit-{port}.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "localhost", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=app_env(folder, extra), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    try:
        wait_until_healthy(url, server)
        yield url, psutil.Process(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_until_healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    """Poll the health check until it answers ``ok``."""
    deadline = time.monotonic() + CEILING_MS / 1000
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.05)  # the interval between polls of a starting server
    raise RuntimeError(f"the server at {url} did not start")


def show(result: dict[str, Any]) -> None:
    """Cold start, and the sessions' times to answer with the server's peak memory."""
    print(f"\n5. Belasting: {result['sessions']} gelijktijdige Chromium-sessies (kaart openen, "
          f"mondkapjesvraag stellen), gegevens: {result['data']}")
    print_table([
        ("", "p50 s", "p95 s"),
        ("kaart zichtbaar", f"{result['map_p50_s']:.2f}", f"{result['map_p95_s']:.2f}"),
        ("antwoord zichtbaar na de vraag", f"{result['load_p50_s']:.2f}",
         f"{result['load_p95_s']:.2f}"),
    ])
    print(f"  eerste antwoord van de verse server (vult de warme capaciteit): "
          f"{result['first_answer_s']:.2f} s; één sessie alleen: {result['solo_answer_s']:.2f} s;"
          f" piekgeheugen server (RSS) "
          f"{result['server_peak_rss_mb']:.0f} MB")
    print(f"  koude start (voorbereiden + streamlit run tot de kaart 25 regio's toont): "
          f"{result['cold_start_s']:.2f} s, waarvan na de eerste gezondheidscheck "
          f"{result['cold_first_map_s']:.2f} s")
