"""`make bench` in one run: every headline figure under its stable name in bench.json.

The benchmarks run for real on little data (a few thousand records, a small upload,
two browser sessions); only the names and that each is a number are checked, never a
time (timings on a shared machine are not pass/fail).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.report import FLOOR_NOTES, HEADLINE_GOALS

pytestmark = pytest.mark.browser  # the load figure drives Chromium
ROOT = Path(__file__).resolve().parent.parent
NAMES = ["map_html_kb", "map_build_ratio", "upload_ratio", "answer_warm_ms",
         "answer_after_publish_ms", "national_rerun_ms", "load_p50_s", "load_p95_s",
         "cold_start_s"]


def test_one_bench_run_writes_every_headline_figure_under_its_stable_name(
        tmp_path, shared_regions, chromium):
    output = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env["CAPACITEIT_TEST_GEBIEDEN"] = str(shared_regions)
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "map", "aggregation", "upload", "load",
         "--records", "3000", "--upload-rows", "300", "--sessions", "2",
         "--output", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(output.read_text("utf-8"))
    assert [name for name in NAMES if name not in results] == []
    assert all(isinstance(results[n], float) and math.isfinite(results[n]) for n in NAMES)
    assert set(NAMES) <= set(HEADLINE_GOALS) == set(FLOOR_NOTES)  # every figure printable
    printed = run.stdout[run.stdout.index("Kerncijfers"):]
    assert all(name in printed for name in NAMES)  # each printed with floor and ratio
