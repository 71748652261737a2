"""Benchmark: what hostile files up to the upload limit cost the reader, and what honesty costs.

``bench_hostile_files()`` returns the figures as a dict; run this file to print a table.
It measures; it does not judge (no assertions), but shows each figure against its goal:

1. every hostile file (tests/uploads/hostile_files.py, scaled up to 10 MB where that
   makes it worse) is read by ``read_upload`` in a fresh Python; the refusal time and
   the peak memory above that process's baseline after imports (goal: <= 2 s and
   <= 300 MB each). Peak memory is the kernel's high-water mark of the process
   (``VmHWM``; ``getrusage`` ``ru_maxrss`` where /proc is missing).
2. the hardened reader against the bare calamine read of a 50,000-row .xlsx
   (goal: <= 1.5x ``pd.read_excel(engine="calamine")``), median of interleaved runs.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT / "src", ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import pandas as pd  # noqa: E402
import xlsxwriter  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from capaciteit.uploads.reader import read_cells, read_upload  # noqa: E402
from tests.uploads import hostile_files as hostile  # noqa: E402

GOAL_SECONDS = 2.0
GOAL_MB = 300.0
GOAL_RATIO = 1.5
UPLOAD_ROWS = 50_000
RUNS = 5
MB = 1024 * 1024


def hostile_cases() -> dict[str, tuple[str, Callable[[], bytes]]]:
    """Name → (file name, maker) for every hostile file measured."""
    return {
        "cel op XFD1048576, geen dimensie": ("x.xlsx", lambda: hostile.sparse_far_cell(None)),
        "cel op XFD1048576, valse dimensie": ("x.xlsx",
                                              lambda: hostile.sparse_far_cell("A1:M2")),
        "14 KB celopeningen zonder sluiting": ("x.xlsx", hostile.backtracking_sheet),
        "blad liegt over grootte (300 MB)": ("x.xlsx", lambda: hostile.lying_size_bomb(300)),
        "zip-bom 1 GB nullen": ("x.xlsx", zeros_bomb),
        "99 MB onbekende elementen": ("x.xlsx", lambda: element_flood(99)),
        "lege cellen tot de grens (canoniek)": ("x.xlsx", lambda: empty_cells(2_000_000, True)),
        "cellen zonder r tot de grens (exact)": ("x.xlsx",
                                                 lambda: empty_cells(2_000_000, False)),
        "gedeelde tekst 20.000x herhaald": ("x.xlsx", lambda: hostile.shared_text_bomb(20_000)),
        "uniqueCount van een biljoen": ("x.xlsx", hostile.lying_unique_count),
        "getalnotatie van 2 MB in 300.000 stijlen": ("x.xlsx", hostile.styles_bomb),
        "100.000 lege onderdelen": ("x.xlsx", many_parts),
        "beschadigde deflate (10 MB)": ("x.xlsx", big_corrupt_deflate),
        "afgebroken zip (10 MB)": ("x.xlsx", lambda: big_valid_xlsx()[: 6 * MB]),
        "10 MB lege regels (csv)": ("x.csv", lambda: hostile.csv_blank_rows(10 * MB - 1)),
        "cel van 10 MB (csv)": ("x.csv", lambda: hostile.csv_huge_cell(10 * MB - 2_000)),
        "10 MB scheidingstekens (csv)": ("x.csv", lambda: b";" * (10 * MB - 1)),
        "10 MB UTF-16 lege regels (csv)": ("x.csv", lambda: b"\xff\xfe" + hostile.csv_blank_rows(
            5 * MB - 1).decode().encode("utf-16-le")),
    }


def zeros_bomb() -> bytes:
    """A sheet of 1 GB of zeros, declared honestly (the existing zip-bomb test, bigger)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
        for _ in range(256):
            part.write(b"0" * (4 * MB))
    return out.getvalue()


def element_flood(megabytes: int) -> bytes:
    """A sheet inflating to ``megabytes`` of ``<a/>`` inside a row: no cells, many tags."""
    return hostile.edit_sheet(hostile.template_xlsx(), lambda xml: xml.replace(
        b"</sheetData>", b'<row r="3">' + b"<a/>" * (megabytes * MB // 4) + b"</row></sheetData>"))


def empty_cells(count: int, references: bool) -> bytes:
    """``count`` empty cells in one row (with or without ``r``): past the cell limit."""
    cell = b'<c r="A3"/>' if references else b"<c/>"
    return hostile.edit_sheet(hostile.template_xlsx(), lambda xml: xml.replace(
        b"</sheetData>", b'<row r="3">' + cell * count + b"</row></sheetData>"))


def many_parts() -> bytes:
    """A zip of 100,000 empty parts (about 9 MB of headers and directory)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for number in range(100_000):
            archive.writestr(f"p{number}", b"")
    return out.getvalue()


def big_valid_xlsx(rows: int = 90_000) -> bytes:
    """An honest file of about 9 MB: the template's columns, a note of random text per row."""
    import base64
    import random

    generator = random.Random(20_240_101)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet("Gegevens")
    sheet.write_row(0, 0, hostile.HEADERS)
    note = hostile.HEADERS.index("opmerking")
    for number in range(rows):
        values = hostile.ROW | {"organisatie": f"Organisatie {number}"}
        sheet.write_row(number + 1, 0, [values[h] for h in hostile.HEADERS])
        sheet.write_string(number + 1, note, base64.b64encode(generator.randbytes(72)).decode())
    book.close()
    return buffer.getvalue()


def big_corrupt_deflate() -> bytes:
    """The 10 MB file with its sheet's deflate data damaged in the middle."""
    import zipfile

    content = bytearray(big_valid_xlsx())
    info = zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo(hostile.SHEET)
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    for offset in range(middle, middle + 64):
        content[offset] ^= 0x5A
    return bytes(content)


# ---------------------------------------------------------------- one file, one process

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from capaciteit.uploads.reader import UploadError, read_upload

def peak():
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

read_upload(b"regio;gemeente;organisatie\nVR13;GM0363;A\n", "warm.csv")  # lazy imports, caches
content = Path(sys.argv[1]).read_bytes()
before = peak()
start = time.perf_counter()
try:
    read_upload(content, sys.argv[2])
    outcome = "gelezen"
except UploadError as error:
    outcome = str(error)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": (peak() - before) / 2**20,
                  "baseline_mb": before / 2**20, "outcome": outcome}))
"""


def measure_in_fresh_process(content: bytes, name: str, directory: Path) -> dict[str, Any]:
    """Refusal time and peak memory growth of one ``read_upload`` in a new Python."""
    path = directory / "upload.bin"
    path.write_bytes(content)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    completed = subprocess.run([sys.executable, "-c", CHILD, str(path), name], env=env,
                               capture_output=True, text=True, check=False, timeout=600)
    if completed.returncode != 0:
        return {"seconds": None, "peak_mb": None, "outcome": f"proces stopte "
                f"({completed.returncode}): {completed.stderr.strip()[-300:]}"}
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------- the honest 50,000 rows


def write_upload_xlsx(path: Path, rows: int) -> None:
    """A valid ``rows``-row VR13 file, as a region fills in the template.

    Written like ``bench_upload`` of scripts/bench.py does: xlsxwriter in constant
    memory, numbers as numbers, the peildatum a real date.
    """
    from datetime import datetime

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Gegevens")
    date = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, hostile.HEADERS)
    categories = [("boa", "domein-1"), ("particuliere-beveiliging", "evenementen"),
                  ("inspectiedienst", "nvwa"), ("defensie", "bijstand")]
    peildatum = hostile.HEADERS.index("peildatum")
    for number in range(rows):
        category, subcategory = categories[number % len(categories)]
        values: dict[str, object] = {
            "regio": "VR13", "gemeente": "Amsterdam" if number % 3 else None,
            "organisatie": f"Organisatie {number:05d} (fictief)",
            "organisatie_id": f"KVK{10_000_000 + number}" if number % 4 == 0 else None,
            "categorie": category, "subcategorie": subcategory,
            "aantal_personen": 10 + number % 40, "fte": round(8.5 + number % 30 * 0.5, 1),
            "inzetbaar_personen": 5 + number % 5, "inzetbaar_binnen_uur": [24, 72, 168][number % 3],
            "bevoegdheden": None, "peildatum": None,
            "opmerking": "Benchmarkgegevens (fictief)" if number % 10 == 0 else None}
        sheet.write_row(number + 1, 0, [values[h] for h in hostile.HEADERS])
        sheet.write_datetime(number + 1, peildatum, datetime(2025, 5, 1), date)
    book.close()


def bench_speed(directory: Path, rows: int = UPLOAD_ROWS) -> dict[str, Any]:
    """The hardened reader against the bare calamine read, interleaved, median of RUNS."""
    path = directory / f"capaciteit-{rows}.xlsx"
    write_upload_xlsx(path, rows)
    content = path.read_bytes()
    actions: dict[str, Callable[[], object]] = {
        "floor": lambda: pd.read_excel(io.BytesIO(content), engine="calamine"),
        "calamine_rows": lambda: CalamineWorkbook.from_filelike(io.BytesIO(content))
        .get_sheet_by_name("Gegevens").to_python(skip_empty_area=False),
        "read_cells": lambda: read_cells(content, path.name),
        "read_upload": lambda: read_upload(content, path.name),
    }
    seconds: dict[str, list[float]] = {name: [] for name in actions}
    for round_number in range(RUNS + 1):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            if round_number:  # the first round warms up
                seconds[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    return {"rows": rows, "file_mb": len(content) / MB, "runs": RUNS,
            "median_s": medians,
            "ratio_to_floor": {name: medians[name] / medians["floor"] for name in medians},
            "goal_ratio": GOAL_RATIO}


def bench_hostile_files() -> dict[str, Any]:
    """Every hostile file measured in a fresh process, and the honest 50,000-row read."""
    results: dict[str, Any] = {"hostile": [], "goals": {"seconds": GOAL_SECONDS,
                                                        "peak_mb": GOAL_MB}}
    with tempfile.TemporaryDirectory(prefix="capaciteit-hostile-") as tmp:
        directory = Path(tmp)
        for label, (name, make) in hostile_cases().items():
            content = make()
            figures = measure_in_fresh_process(content, name, directory)
            figures.update(name=label, file_mb=len(content) / MB,
                           within_goals=figures["seconds"] is not None
                           and figures["seconds"] <= GOAL_SECONDS
                           and figures["peak_mb"] <= GOAL_MB)
            results["hostile"].append(figures)
        honest = big_valid_xlsx()
        results["honest_big_file"] = measure_in_fresh_process(honest, "x.xlsx", directory) | {
            "file_mb": len(honest) / MB, "rows": 90_000}
        results["speed"] = bench_speed(directory)
    results["load_average_1min"] = os.getloadavg()[0]
    results["peak_rss_source"] = ("VmHWM" if Path("/proc/self/status").exists()
                                  else "ru_maxrss")
    return results


def print_results(results: dict[str, Any]) -> None:
    """The figures as a table."""
    print(f"Vijandige bestanden: weigertijd en piekgeheugen boven de basislijn, elk in een vers "
          f"proces (doel <= {GOAL_SECONDS:.0f} s en <= {GOAL_MB:.0f} MB)")
    print(f"  {'bestand':42s} {'MB':>6s} {'s':>6s} {'MB piek':>8s}  doel  uitkomst")
    for row in results["hostile"]:
        seconds = "-" if row["seconds"] is None else f"{row['seconds']:.2f}"
        peak = "-" if row["peak_mb"] is None else f"{row['peak_mb']:.0f}"
        print(f"  {row['name']:42s} {row['file_mb']:6.2f} {seconds:>6s} {peak:>8s}  "
              f"{'ja ' if row['within_goals'] else 'NEE'}   {row['outcome'][:70]}")
    big = results["honest_big_file"]
    print(f"  ter vergelijking, een eerlijk bestand van {big['file_mb']:.1f} MB ({big['rows']:,} "
          f"regels): {big['seconds']:.2f} s, {big['peak_mb']:.0f} MB piek, {big['outcome']}")
    speed = results["speed"]
    print(f"\nEerlijk bestand: {speed['rows']:,} regels .xlsx ({speed['file_mb']:.1f} MB), mediaan "
          f"van {speed['runs']} runs om de beurt (doel lezer <= {GOAL_RATIO} x vloer)")
    for name, seconds in speed["median_s"].items():
        print(f"  {name:14s} {seconds:6.3f} s  {speed['ratio_to_floor'][name]:.2f} x vloer")
    print(f"\n(belasting bij het eind: {results['load_average_1min']:.2f}; piekgeheugen uit "
          f"{results['peak_rss_source']})")


if __name__ == "__main__":
    print_results(bench_hostile_files())
