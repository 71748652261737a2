"""Benchmark 4: reading + validating a 50,000-row .xlsx upload against the bare calamine read.

Also the time per stage of our path and the peak memory of one import. The peak
RSS is measured in a fresh process (``python -m benchmarks.upload --memory …``),
so that the benchmarks before it do not set the high-water mark.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.generators import TODAY, UPLOAD_REGION, upload_rows, write_upload_file
from benchmarks.report import optional_mb, print_table, progress, timing_row
from benchmarks.timing import (
    peak_rss_bytes,
    time_interleaved,
    time_once,
    time_runs,
    tracemalloc_peak,
)
from benchmarks.workspace import ROOT, Workspace
from capaciteit.capacity.categories import default_categories
from capaciteit.formatting import format_number
from capaciteit.uploads import reader, validation

RUNS = 5
OPENPYXL_RUNS = 3
GOAL_RATIO = 1.25  # ours / floor (issue 15; issue 10 had 1.5)


def run(workspace: Workspace) -> dict[str, Any]:
    """Time reading + validating an upload against the bare calamine read."""
    n = workspace.upload_rows
    path = workspace.directory / f"capaciteit-{UPLOAD_REGION}-{n}.xlsx"
    municipalities = workspace.boundaries.municipality_table()
    progress(f"uploadbestand van {format_number(n)} regels maken")
    build_seconds, _ = time_once(lambda: write_upload_file(path, upload_rows(municipalities, n)))
    ctx = upload_context(municipalities, workspace.boundaries.region_names())
    context_file = workspace.directory / "upload-context.json"
    context_file.write_text(json.dumps({
        "municipalities": ctx.municipalities.to_dict(orient="list"),
        "region_names": ctx.region_names}), "utf-8")
    result = import_upload(path, ctx)
    progress("upload meten")
    timings = time_interleaved({
        "floor": lambda: pd.read_excel(path, engine="calamine"),
        "ours": lambda: import_upload(path, ctx),
        **upload_stages(path, ctx),
    }, RUNS)
    floor, ours = timings.pop("floor"), timings.pop("ours")
    openpyxl = time_runs(lambda: pd.read_excel(path, engine="openpyxl"), OPENPYXL_RUNS,
                         warmup=0)
    return {
        "rows": n,
        "region": UPLOAD_REGION,
        "file_kb": path.stat().st_size / 1024,
        "build_s": build_seconds,
        "floor_calamine": floor.as_dict(),
        "ours": ours.as_dict(),
        "openpyxl": openpyxl.as_dict(),
        "time_ratio": ours.median / floor.median,
        "goal_ratio": GOAL_RATIO,
        "stages": {name: timing.as_dict() for name, timing in timings.items()},
        "memory": {
            "tracemalloc_peak_mb": tracemalloc_peak(lambda: import_upload(path, ctx)) / 2**20,
            "peak_rss_growth_ours_mb": rss_growth("ours", path, context_file),
            "peak_rss_growth_floor_mb": rss_growth("floor", path, context_file),
        },
        "sanity": {"records": len(result.records), "errors": len(result.errors),
                   "warnings": len(result.warnings)},
    }


def upload_context(municipalities: pd.DataFrame,
                   region_names: dict[str, str]) -> validation.Context:
    """What check_upload judges an upload of UPLOAD_REGION against, with no current version."""
    return validation.Context(UPLOAD_REGION, region_names[UPLOAD_REGION], municipalities,
                              default_categories(), TODAY, None, region_names)


def import_upload(path: Path, ctx: validation.Context) -> validation.ValidationResult:
    """Our import path, as preview.check_upload runs it: bytes, read_upload, validate_sheet."""
    sheet = reader.read_upload(path.read_bytes(), path.name, reader.Limits())
    return validation.validate_sheet(sheet, ctx)


def upload_stages(path: Path, ctx: validation.Context) -> dict[str, Callable[[], object]]:
    """The public stages of our path, each on the output of the stage before.

    ``read_cells`` is the hostile-file checks plus calamine; ``read_upload`` adds
    finding the header row and the text frame; ``validate_sheet`` is
    ``parse_values`` plus the rules and the records.
    """
    content = path.read_bytes()
    limits = reader.Limits()
    sheet = reader.read_upload(content, path.name, limits)
    return {
        "read_cells": lambda: reader.read_cells(content, path.name, limits),
        "read_upload": lambda: reader.read_upload(content, path.name, limits),
        "validate_sheet.parse_values": lambda: validation.parse_values(sheet.frame, ctx),
        "validate_sheet": lambda: validation.validate_sheet(sheet, ctx),
    }


def rss_growth(mode: str, path: Path, context_file: Path) -> float | None:
    """Peak RSS growth (MB) of one run in a fresh process, over its high-water mark after setup."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.upload", "--memory", mode, str(path),
         str(context_file)], capture_output=True, text=True, check=False, cwd=ROOT)
    if completed.returncode != 0:
        print(completed.stderr, file=sys.stderr)
        return None
    return float(json.loads(completed.stdout.strip().splitlines()[-1])["growth_mb"])


def memory_child(mode: str, path: Path, context_file: Path) -> None:
    """In a fresh process: print the max RSS growth of one floor read or one import.

    The context comes from a small JSON file, not from the boundaries, so that
    loading geometry does not set the high-water mark before the measurement.
    """
    data = json.loads(context_file.read_text("utf-8"))
    ctx = upload_context(pd.DataFrame(data["municipalities"]), data["region_names"])
    path.read_bytes()  # imports, setup and the page cache are in the baseline
    before = peak_rss_bytes()
    if mode == "floor":
        pd.read_excel(path, engine="calamine")
    else:
        import_upload(path, ctx)
    after = peak_rss_bytes()
    print(json.dumps({"growth_mb": (after - before) / 2**20, "baseline_mb": before / 2**20}))


def show(result: dict[str, Any]) -> None:
    """Reading + validating the upload against the bare calamine read, with stages and memory."""
    floor, ours, openpyxl = result["floor_calamine"], result["ours"], result["openpyxl"]
    verdict = "gehaald" if result["time_ratio"] <= result["goal_ratio"] else "NIET gehaald"
    print(f"\n4. Upload inlezen + valideren: {format_number(result['rows'])} regels .xlsx "
          f"({result['region']}), {result['file_kb'] / 1024:.2f} MB, mediaan van "
          f"{ours['runs']} runs na opwarmen, om de beurt met de vloer")
    print_table([
        ("", "ms (mediaan)", "spreiding ms", "vloer ms", "x vloer"),
        timing_row("ons pad: read_upload + validate_sheet", ours, floor),
        *(timing_row(f"  stap {name}", timing, floor)
          for name, timing in result["stages"].items()),
        timing_row(f"ter vergelijking: pd.read_excel(engine='openpyxl') ({openpyxl['runs']} runs)",
                   openpyxl, floor),
    ])
    print(f"  vloer: pd.read_excel(engine='calamine'); doel ons pad <= "
          f"{result['goal_ratio']:.2f}x vloer: {verdict}")
    memory = result["memory"]
    print(f"  Geheugen: tracemalloc-piek ons pad {memory['tracemalloc_peak_mb']:.1f} MB "
          f"(alleen Python/numpy, niet calamine/Arrow); groei piek-RSS in een vers proces: "
          f"ons pad {optional_mb(memory['peak_rss_growth_ours_mb'])}, vloer "
          f"{optional_mb(memory['peak_rss_growth_floor_mb'])}")
    sanity = result["sanity"]
    print(f"  {format_number(sanity['records'])} records, {sanity['errors']} fouten, "
          f"{sanity['warnings']} waarschuwingen (bestand gemaakt in {result['build_s']:.1f} s, "
          f"hoort niet bij de meting)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory"]:
        memory_child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
