"""The upload preview: read and validate a file and compare it with the region's current version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from capaciteit import clock, texts
from capaciteit.access import audit
from capaciteit.access.permissions import PUBLISH, User, require
from capaciteit.bounds import Bounds, column_text_problem
from capaciteit.capacity.categories import Category
from capaciteit.geo.boundaries import Boundaries
from capaciteit.settings import Settings
from capaciteit.storage import repository as storage
from capaciteit.storage.models import Submission
from capaciteit.uploads.publishing import (
    Diff,
    IdenticalVersion,
    PublishError,
    diff_versions,
    identical_upload,
    sha256_of,
)
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
    identical: IdenticalVersion | None = None  # the earlier upload of this very file
    current_is_demo: bool = False  # "Huidig" holds fictitious demo figures, to be replaced


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
        identical = identical_upload(conn, region_code, sha256)
        current_is_demo = storage.has_demo_data(conn) and not current.empty
    # Fictitious figures are no baseline for warnings; the preview still shows them as current.
    baseline = current.iloc[0:0] if current_is_demo else current
    report(0.6, texts.PROGRESS_VALIDATING)
    names = boundaries.region_names()
    ctx = Context(region_code, names[region_code], boundaries.municipality_table(), categories,
                  today or clock.today(), baseline, names, bounds or Bounds())
    result = validate_sheet(sheet, ctx)
    unstorable = column_text_problem(Submission, "filename", filename)
    if unstorable:
        issue = Issue(sheet.sheet_name, None, None, None,
                      texts.UPLOAD_FILENAME.format(reden=unstorable))
        result = ValidationResult(result.records.iloc[0:0], [issue, *result.errors], [],
                                  result.notes)
    report(1.0, texts.PROGRESS_DONE)
    return UploadCheck(result, diff_versions(current, result.records), sha256, filename,
                       None if identical is None else identical.version, based_on, identical,
                       current_is_demo)


def restore_preview(engine: Engine, region_code: str, version: int) -> Diff:
    """What restoring ``version`` would change: the current version → that version.

    Raises PublishError (Dutch) when the region has no such version.
    """
    with engine.connect() as conn:
        history = storage.history(conn, region_code)
        chosen = history[history["version"] == version]
        if chosen.empty:
            raise PublishError(texts.RESTORE_UNKNOWN.format(versie=version))
        current = storage.region_records(conn, region_code)
        restored = storage.submission_records(conn, int(chosen["submission_id"].iloc[0]))
    return diff_versions(current, restored)


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
