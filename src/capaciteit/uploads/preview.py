"""The upload preview: read and validate a file and compare it with the region's current version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.permissions import PUBLISH, User, require
from capaciteit.bounds import Bounds, column_text_problem
from capaciteit.capacity.categories import Category
from capaciteit.geo.boundaries import Boundaries
from capaciteit.settings import Settings
from capaciteit.storage import repository as storage
from capaciteit.storage.models import Submission
from capaciteit.uploads.publishing import Diff, diff_versions, find_identical, sha256_of
from capaciteit.uploads.reader import Limits, Progress, read_upload
from capaciteit.uploads.validation import Context, Issue, ValidationResult, validate_sheet


@dataclass(frozen=True)
class UploadCheck:
    """A read and validated upload, with its preview against the current version."""

    result: ValidationResult
    diff: Diff
    sha256: str
    filename: str
    identical_version: int | None
    based_on: storage.VersionStamp | None  # the current version the diff was made against


def upload_limits(settings: Settings) -> Limits:
    """The upload limits in force."""
    return Limits(max_bytes=settings.max_upload_mb * 1024 * 1024, max_rows=settings.max_rows,
                  max_cells=settings.max_cells,
                  max_inflated=settings.max_inflated_mb * 1024 * 1024)


def check_upload(engine: Engine, boundaries: Boundaries, categories: tuple[Category, ...],
                 region_code: str, content: bytes, filename: str, *, limits: Limits,
                 bounds: Bounds | None = None, today: date | None = None,
                 progress: Progress | None = None) -> UploadCheck:
    """Read and validate an upload for ``region_code`` and compare it with the current version.

    Raises ``spreadsheet.UploadError`` for a file that cannot be used at all.
    Stores nothing. The check remembers which version it compared with
    (``based_on``); ``publishing.publish`` refuses it once another one is current.
    Whatever passes can be stored on every store: numbers within
    ``bounds``, texts (the file name too) within their columns.
    """
    report = progress or (lambda _f, _t: None)
    sheet = read_upload(content, filename, limits, report)
    sha256 = sha256_of(content)
    # The stamp first, then that version's records: a version published in between can
    # only make the stamp older than the records, and publish refuses an old stamp.
    with engine.connect() as conn:
        based_on = storage.current_stamp(conn, region_code)
        current = (storage.region_records(conn, region_code) if based_on is None
                   else storage.submission_records(conn, based_on.submission_id))
        identical = find_identical(conn, region_code, sha256)
        if storage.has_demo_data(conn):  # fictitious figures are no baseline for warnings
            current = current.iloc[0:0]
    report(0.6, texts.PROGRESS_VALIDATING)
    names = boundaries.region_names()
    ctx = Context(region_code, names[region_code], boundaries.municipality_table(), categories,
                  today or date.today(), current, names, bounds or Bounds())
    result = validate_sheet(sheet, ctx)
    unstorable = column_text_problem(Submission, "filename", filename)
    if unstorable:
        issue = Issue(sheet.sheet_name, None, None, None,
                      texts.UPLOAD_FILENAME.format(reden=unstorable))
        result = ValidationResult(result.records.iloc[0:0], [issue, *result.errors], [],
                                  result.notes)
    report(1.0, texts.PROGRESS_DONE)
    return UploadCheck(result, diff_versions(current, result.records), sha256, filename,
                       identical, based_on)


def authorize_upload(engine: Engine, actor: User, region_code: str, *,
                     record_refusal: bool = True) -> None:
    """Let ``actor`` upload for ``region_code`` or raise AccessDenied (Dutch).

    A refusal is recorded in the audit trail, unless ``record_refusal`` is False: a
    page that asks again in the same session, for a refusal it already recorded.
    """
    if record_refusal:
        audit.authorize(engine, actor, PUBLISH, region_code)
    else:
        require(actor, PUBLISH, region_code)
