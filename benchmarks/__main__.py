"""Run the benchmarks, print each figure with its floor and write ``bench-results/bench.json``.

``python -m benchmarks`` runs them all; ``python -m benchmarks map upload`` only
those named; ``--records`` and ``--upload-rows`` make the data smaller for a quick
look. Set ``TEST_DATABASE_URL`` to also measure on PostgreSQL (a temporary
database is created on that server and dropped afterwards), and
``CAPACITEIT_TEST_GEBIEDEN`` to read the offline boundaries from somewhere other
than ``../shared/regions``. There are no assertions on time: correctness of the
same generated data is checked by the tests.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import aggregation, hostile_files, load, upload
from benchmarks import assistance as bijstand
from benchmarks import map as national_map
from benchmarks.report import (
    headline_figures,
    machine_facts,
    print_figures,
    print_header,
    print_headline,
    write_results,
)
from benchmarks.workspace import ROOT, Workspace, make_workspace

RESULTS = ROOT / "bench-results" / "bench.json"
RECORDS = 1_000_000
UPLOAD_ROWS = 50_000

Result = dict[str, Any]


@dataclass(frozen=True)
class Benchmark:
    """One benchmark: its key in bench.json, how to run it and how to print its result."""

    key: str
    run: Callable[[Workspace], Result]
    show: Callable[[Result], None] = print_figures


def without_workspace(bench: Callable[[], Result]) -> Callable[[Workspace], Result]:
    """A benchmark that needs nothing from the run's workspace (e.g. ``bench_hostile_files``)."""
    return lambda _workspace: bench()


BENCHMARKS = [
    Benchmark("map", national_map.run, national_map.show),
    Benchmark("aggregation", aggregation.run, aggregation.show),  # and the deployment question
    Benchmark("upload", upload.run, upload.show),
    Benchmark("hostile_files", without_workspace(hostile_files.bench_hostile_files),
              hostile_files.print_results),
    Benchmark("bijstand", bijstand.run, bijstand.show),  # issue 14: board and answer
    Benchmark("load", load.run, load.show),  # after aggregation: serves its records
]


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks, print the report and write the JSON file."""
    args = parse_arguments(argv)
    chosen = [b for b in BENCHMARKS if not args.names or b.key in args.names]
    results: Result = {"machine": machine_facts()}
    print_header(results["machine"])
    with tempfile.TemporaryDirectory(prefix="capaciteit-bench-") as tmp:
        workspace = make_workspace(Path(tmp), records=args.records,
                                   upload_rows=args.upload_rows, sessions=args.sessions,
                                   postgres_url=os.environ.get("TEST_DATABASE_URL") or None)
        for bench in chosen:
            results[bench.key] = bench.run(workspace)
            bench.show(results[bench.key])
    figures = headline_figures(results)
    write_results({"machine": results["machine"], **figures,
                   **{k: v for k, v in results.items() if k != "machine"}}, args.output)
    print_headline(results)  # after writing: the measurements are kept whatever the printing
    print(f"\nResultaten geschreven naar {args.output}")
    return 0


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """Which benchmarks, how much data, where the JSON goes."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    keys = [b.key for b in BENCHMARKS]
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"only these: {', '.join(keys)}")
    parser.add_argument("--records", type=int, default=RECORDS,
                        help=f"records for aggregation and question (default {RECORDS:,})")
    parser.add_argument("--upload-rows", type=int, default=UPLOAD_ROWS,
                        help=f"rows of the upload file (default {UPLOAD_ROWS:,})")
    parser.add_argument("--sessions", type=int, default=load.SESSIONS,
                        help=f"concurrent browser sessions of the load figure "
                             f"(default {load.SESSIONS})")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the JSON file to write")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(keys))
    if unknown:
        parser.error(f"onbekende benchmark: {', '.join(unknown)} (kies uit {', '.join(keys)})")
    return args


if __name__ == "__main__":
    raise SystemExit(main())
