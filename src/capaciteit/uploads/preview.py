"""The upload preview: read and validate a file and compare it with the region's current version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from capaciteit import texts
from capaciteit.capacity.categories import Category
from capaciteit.geo.boundaries import Boundaries
from capaciteit.settings import Settings
from capaciteit.storage import repository as storage
from capaciteit.uploads.publishing import Diff, diff_versions, find_identical, sha256_of
from capaciteit.uploads.reader import Limits, Progress, read_upload
from capaciteit.uploads.validation import Context, ValidationResult, validate_sheet


@dataclass(frozen=True)
class UploadCheck:
    """A read and validated upload, with its preview against the current version."""

    result: ValidationResult
    diff: Diff
    sha256: str
    filename: str
    identical_version: int | None


def upload_limits(settings: Settings) -> Limits:
    """The upload limits in force."""
    return Limits(max_bytes=settings.max_upload_mb * 1024 * 1024, max_rows=settings.max_regels,
                  max_cells=settings.max_cellen,
                  max_inflated=settings.max_uitgepakt_mb * 1024 * 1024)


def check_upload(engine: Engine, boundaries: Boundaries, categories: tuple[Category, ...],
                 region_code: str, content: bytes, filename: str, *, limits: Limits,
                 today: date | None = None, progress: Progress | None = None) -> UploadCheck:
    """Read and validate an upload for ``region_code`` and compare it with the current version.

    Raises ``spreadsheet.UploadError`` for a file that cannot be used at all.
    Stores nothing.
    """
    report = progress or (lambda _f, _t: None)
    sheet = read_upload(content, filename, limits, report)
    sha256 = sha256_of(content)
    with engine.connect() as conn:
        current = storage.region_records(conn, region_code)
        identical = find_identical(conn, region_code, sha256)
        if storage.has_demo_data(conn):  # fictitious figures are no baseline for warnings
            current = current.iloc[0:0]
    report(0.6, texts.PROGRESS_VALIDATING)
    names = boundaries.region_names()
    ctx = Context(region_code, names[region_code], boundaries.municipality_table(), categories,
                  today or date.today(), current, names)
    result = validate_sheet(sheet, ctx)
    report(1.0, texts.PROGRESS_DONE)
    return UploadCheck(result, diff_versions(current, result.records), sha256, filename,
                       identical)
