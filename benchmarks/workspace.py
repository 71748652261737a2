"""What every benchmark works in: a temporary folder, the boundaries and the run's sizes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from capaciteit.geo.boundaries import Boundaries, load_boundaries, prepare_boundaries

ROOT = Path(__file__).resolve().parent.parent
BOUNDARY_YEAR = 2023


@dataclass(frozen=True)
class Workspace:
    """A run's temporary folder, its boundary cache and how big the generated data is."""

    directory: Path
    regions_dir: Path
    boundaries: Boundaries
    records: int
    upload_rows: int
    postgres_url: str | None  # a server to measure on too (TEST_DATABASE_URL), or None
    sessions: int = 10  # concurrent browser sessions of the load figure


def shared_regions_dir() -> Path:
    """The offline copy of the CBS boundaries (../shared/regions, or as set)."""
    configured = os.environ.get("CAPACITEIT_TEST_GEBIEDEN")
    return Path(configured) if configured else ROOT.parent / "shared" / "regions"


def make_workspace(directory: Path, *, records: int, upload_rows: int,
                   postgres_url: str | None, sessions: int = 10) -> Workspace:
    """Build the boundary cache from the offline copy with the real code, and load it."""
    regions_dir = directory / "regions"
    prepare_boundaries(regions_dir, source=str(shared_regions_dir()), year=BOUNDARY_YEAR,
                       wfs_url="unused")
    return Workspace(directory, regions_dir, load_boundaries(regions_dir), records,
                     upload_rows, postgres_url, sessions)
