"""Printing and storing the benchmark figures: machine facts, tables, the JSON file.

Besides each benchmark's own section, ``bench.json`` carries stable top-level
figures (``headline_figures``) that later runs can be compared on.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TimingDict = dict[str, float | int]
TIMING_COLUMNS = ("ms (mediaan)", "spreiding ms", "vloer ms", "x vloer")


def machine_facts() -> dict[str, Any]:
    """Python version, CPU count, platform, load and the moment of the run."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def print_header(machine: dict[str, Any]) -> None:
    """Machine facts and date."""
    print("Benchmark Handhavingscapaciteit in kaart")
    print(f"  datum   {machine['date']}")
    print(f"  python  {machine['python']} ({machine['implementation']})")
    print(f"  cpu's   {machine['cpu_count']}")
    print(f"  systeem {machine['platform']}")
    if machine["load_average_1min"] is not None:
        print(f"  belasting bij de start (load average, 1 min) {machine['load_average_1min']:.2f}")


def progress(message: str) -> None:
    """A progress line on stderr, for the steps that take a while."""
    print(f"  … {message}", file=sys.stderr, flush=True)


def timing_row(label: str, timing: TimingDict, floor: TimingDict | None) -> tuple[str, ...]:
    """A table row: label, median and spread in ms, the floor's median and the ratio to it."""
    if floor is None:
        return (label, f"{timing['median_ms']:.1f}", spread_ms(timing), "—", "—")
    return (label, f"{timing['median_ms']:.1f}", spread_ms(timing),
            f"{floor['median_ms']:.1f}", f"{ratio(timing, floor):.2f}x")


def ratio(timing: TimingDict, floor: TimingDict) -> float:
    """Median over the floor's median."""
    return float(timing["median_ms"]) / max(float(floor["median_ms"]), 1e-9)


def spread_ms(timing: TimingDict) -> str:
    """'41.2–47.9' in milliseconds."""
    return f"{timing['min_ms']:.1f}–{timing['max_ms']:.1f}"


def optional_mb(value: float | None) -> str:
    """A size in MB, or why it is missing."""
    return "onbekend" if value is None else f"{value:.0f} MB"


def print_table(rows: Sequence[tuple[str, ...]]) -> None:
    """Left-aligned first column, right-aligned figures."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [row[0].ljust(widths[0]),
                 *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))]
        print("  " + "  ".join(cells))


def print_figures(result: dict[str, Any], prefix: str = "") -> None:
    """Every figure of a result, one per line (for benchmarks without their own report)."""
    for key, value in result.items():
        if isinstance(value, dict):
            print_figures(value, f"{prefix}{key}.")
        elif isinstance(value, float):
            print(f"  {prefix}{key}: {value:.3f}")
        else:
            print(f"  {prefix}{key}: {value}")


# The stable top-level names of bench.json, with the goal each is held to (None: no goal)
HEADLINE_GOALS: dict[str, float | None] = {
    "map_html_kb": 80.0, "map_build_ratio": None, "upload_ratio": 1.25,
    "answer_warm_ms": 100.0, "answer_after_publish_ms": 500.0, "national_rerun_ms": 50.0,
    "load_p50_s": None, "load_p95_s": None, "cold_start_s": None,
    "bijstand_board_warm_ms": 100.0, "bijstand_answer_warm_ms": 100.0,
}


def headline_figures(results: dict[str, Any]) -> dict[str, float]:
    """The stable top-level figures, where the data for them was measured.

    - ``map_html_kb``: the national map's HTML; ``map_build_ratio``: its build +
      render time over ``json.dumps`` of its GeoJSON;
    - ``upload_ratio``: reading + validating the upload over the bare calamine read;
    - ``answer_warm_ms``: the slowest median answer to a national Inzetbaar question
      with the page's capacity warm, over the questions and databases measured;
    - ``answer_after_publish_ms``: the first answer after one region published (the
      slower database);
    - ``national_rerun_ms``: the Kaart page's own work per rerun (cached data), the
      slower of the databases measured;
    - ``bijstand_board_warm_ms``, ``bijstand_answer_warm_ms``: the Bijstand board and the
      broadest Inzetbaar answer with 1,000 deployments under way, warm, slower database.
    - ``load_p50_s``, ``load_p95_s``: time to answer of concurrent browser sessions;
      ``cold_start_s``: from ``make run``'s preparation to the map visible.
    """
    return {name: figure[0] for name, figure in headline_with_floors(results).items()}


def headline_with_floors(results: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Each headline figure with its floor (same unit): what the least work would take."""
    figures: dict[str, tuple[float, float]] = {}
    if "map" in results:
        figures["map_html_kb"] = (results["map"]["html_kb"], results["map"]["floor_kb"])
        figures["map_build_ratio"] = (results["map"]["time_ratio"], 1.0)
    if "upload" in results:
        figures["upload_ratio"] = (results["upload"]["time_ratio"], 1.0)
    backends = [b for b in results.get("aggregation", {}).values()
                if isinstance(b, dict) and "aggregate" in b]
    if backends:
        worst = max((q["answer"]["median_ms"], q["floor_horizon_sum"]["median_ms"])
                     for b in backends for q in b["deployment"]["questions"])
        figures["answer_warm_ms"] = worst
        figures["answer_after_publish_ms"] = max(
            (b["deployment"]["after_change"]["after_publish"]["median_ms"],
             max(q["answer"]["median_ms"] for q in b["deployment"]["questions"]))
            for b in backends)
        figures["national_rerun_ms"] = max(
            (b["national_rerun"]["rerun"]["median_ms"],
             b["national_rerun"]["floor_json_dumps"]["median_ms"]) for b in backends)
    if "load" in results:
        load = results["load"]
        figures["load_p50_s"] = (load["load_p50_s"], load["solo_answer_s"])
        figures["load_p95_s"] = (load["load_p95_s"], load["solo_answer_s"])
        figures["cold_start_s"] = (load["cold_start_s"],
                                   load["cold_start_s"] - load["cold_first_map_s"])
    bijstand = [b for b in results.get("bijstand", {}).values()
                if isinstance(b, dict) and "board" in b]
    if bijstand:  # issue 14: with 1,000 deployments under way, slower database
        figures["bijstand_board_warm_ms"] = max(
            (b["board"]["median_ms"], b["floor_board"]["median_ms"]) for b in bijstand)
        figures["bijstand_answer_warm_ms"] = max(
            (b["answer"]["median_ms"], b["floor_answer"]["median_ms"]) for b in bijstand)
    return figures


FLOOR_NOTES = {
    "map_html_kb": "de GeoJSON zelf", "map_build_ratio": "json.dumps van de GeoJSON",
    "upload_ratio": "kale calamine-leesactie",
    "answer_warm_ms": "één masker en som over de rijen",
    "answer_after_publish_ms": "een warm antwoord",
    "national_rerun_ms": "json.dumps van de GeoJSON",
    "load_p50_s": "één sessie alleen", "load_p95_s": "één sessie alleen",
    "cold_start_s": "tot de server gezond is",
    "bijstand_board_warm_ms": "de gebeurtenissen ophalen",
    "bijstand_answer_warm_ms": "één masker en som over de rijen",
}


def print_headline(results: dict[str, Any]) -> None:
    """The stable top-level figures with their floor, ratio and goal."""
    print("\nKerncijfers (bovenaan in bench.json)")
    rows = [("", "waarde", "vloer", "x vloer", "doel", "", "vloer is")]
    for name, (value, floor) in headline_with_floors(results).items():
        goal = HEADLINE_GOALS[name]
        verdict = "" if goal is None else ("gehaald" if value <= goal else "NIET gehaald")
        rows.append((name, f"{value:.2f}", f"{floor:.2f}", f"{value / max(floor, 1e-9):.2f}x",
                     "—" if goal is None else f"<= {goal:g}", verdict, FLOOR_NOTES[name]))
    if len(rows) > 1:
        print_table(rows)


def write_results(results: dict[str, Any], path: Path) -> None:
    """Write the results as JSON (bench-results/ is git-ignored)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
