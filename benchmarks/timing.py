"""Timing and memory measurement: median and spread of repeated runs, peak memory."""

from __future__ import annotations

import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Timing:
    """Median and spread of repeated runs, in seconds."""

    median: float
    minimum: float
    maximum: float
    runs: int

    @classmethod
    def of(cls, seconds: list[float]) -> Timing:
        """The timing of these measured durations."""
        return cls(statistics.median(seconds), min(seconds), max(seconds), len(seconds))

    def as_dict(self) -> dict[str, float | int]:
        """The timing for the JSON file, in milliseconds."""
        return {"median_ms": self.median * 1000, "min_ms": self.minimum * 1000,
                "max_ms": self.maximum * 1000, "runs": self.runs}


def time_runs(action: Callable[[], object], runs: int, warmup: int = 1) -> Timing:
    """Run ``action`` ``warmup`` times untimed, then ``runs`` times timed."""
    for _ in range(warmup):
        action()
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return Timing.of(seconds)


def time_interleaved(actions: dict[str, Callable[[], object]], runs: int,
                     warmup: int = 1) -> dict[str, Timing]:
    """Like ``time_runs`` for several actions, taking turns so that load hits all alike."""
    seconds: dict[str, list[float]] = {name: [] for name in actions}
    for round_number in range(warmup + runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            if round_number >= warmup:
                seconds[name].append(time.perf_counter() - start)
    return {name: Timing.of(s) for name, s in seconds.items()}


def time_once(action: Callable[[], T]) -> tuple[float, T]:
    """Seconds one run of ``action`` took, and what it returned."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def tracemalloc_peak(action: Callable[[], object]) -> int:
    """Peak bytes traced by tracemalloc during one run (Python and numpy allocations only)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def peak_rss_bytes() -> int:
    """Peak RSS of the running process, in bytes.

    On Linux VmHWM from /proc: ``getrusage``'s ru_maxrss starts a child at its
    parent's RSS, which hides the growth; elsewhere ru_maxrss (KB on Linux,
    bytes on macOS).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
