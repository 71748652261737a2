"""Preview and atomic, versioned publishing of a region's capacity; history and restore."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, Engine, select

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.authorization import authorized_write
from capaciteit.access.permissions import PUBLISH, RESTORE, User
from capaciteit.formatting import format_datetime
from capaciteit.storage import repository as storage
from capaciteit.storage.models import Submission
from capaciteit.storage.repository import VersionStamp
from capaciteit.uploads.validation import ValidationResult

ROW_KEY = ["organisation", "category", "subcategory", "gemeente_code"]
COMPARED = ["persons", "fte", "deployable_persons", "deployable_within_hours", "powers",
            "peildatum", "organisation_id", "note"]


class PublishError(Exception):
    """A publication was refused; nothing was stored. The message is Dutch."""


class StaleVersion(PublishError):
    """Someone published since the preview (or history) was made; nothing was stored.

    ``current`` is the region's current version now: show the preview again against it.
    """

    def __init__(self, message: str, current: VersionStamp | None) -> None:
        super().__init__(message)
        self.current = current


@dataclass(frozen=True)
class Publication:
    """What a publication stored, and how many demo versions it removed."""

    version: storage.PublishedVersion
    demo_removed: int


@dataclass(frozen=True)
class Diff:
    """How a new version differs from the current one."""

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame
    totals: pd.DataFrame  # category, before, after (persons)

    def summary(self) -> str:
        """'3 regels toegevoegd, 1 verwijderd, 2 gewijzigd'."""
        return texts.DIFF_SUMMARY.format(toegevoegd=len(self.added), verwijderd=len(self.removed),
                                         gewijzigd=len(self.changed))


def sha256_of(content: bytes) -> str:
    """The file's sha256, as recorded with each submission."""
    return hashlib.sha256(content).hexdigest()


def diff_versions(current: pd.DataFrame, new: pd.DataFrame) -> Diff:
    """Rows added, removed and changed (by organisation, category, subcategory, municipality)."""
    before = _keyed(current)
    after = _keyed(new)
    added = after.loc[after.index.difference(before.index)]
    removed = before.loc[before.index.difference(after.index)]
    common = before.index.intersection(after.index)
    left, right = before.loc[common, COMPARED], after.loc[common, COMPARED]
    differs = ~((left == right) | (left.isna() & right.isna())).all(axis=1)
    changed = after.loc[common[differs.to_numpy()]] if len(common) else after.iloc[0:0]
    totals = pd.concat([current.groupby("category")["persons"].sum().rename("before"),
                        new.groupby("category")["persons"].sum().rename("after")], axis=1)
    totals = totals.fillna(0).astype("int64").reset_index(names="category")
    return Diff(added.reset_index(), removed.reset_index(), changed.reset_index(), totals)


def find_identical(conn: Connection, region_code: str, sha256: str) -> int | None:
    """The version of this region that came from a byte-identical file, if any."""
    query = select(Submission.version).where(
        Submission.region_code == region_code, Submission.sha256 == sha256,
        Submission.kind == "upload").order_by(Submission.version.desc()).limit(1)
    return conn.execute(query).scalar_one_or_none()


@dataclass(frozen=True)
class IdenticalVersion:
    """An earlier upload of this region from a byte-identical file, and whether it is current.

    ``is_current`` is True when the current version holds that upload's figures: it is that
    version, or a restore of it (also a restore of a restore).
    """

    version: int
    uploaded_at: datetime
    filename: str | None
    is_current: bool


def identical_upload(conn: Connection, region_code: str, sha256: str) -> IdenticalVersion | None:
    """The newest upload of this region from a byte-identical file, if any."""
    s = Submission
    row = conn.execute(
        select(s.id, s.version, s.uploaded_at, s.filename)
        .where(s.region_code == region_code, s.sha256 == sha256, s.kind == "upload")
        .order_by(s.version.desc()).limit(1)).one_or_none()
    if row is None:
        return None
    current = storage.current_stamp(conn, region_code)
    origin = None if current is None else content_origin(conn, current.submission_id)
    return IdenticalVersion(row.version, row.uploaded_at, row.filename, origin == row.id)


def content_origin(conn: Connection, submission_id: int) -> int:
    """The submission whose figures ``submission_id`` holds: itself, or what it restored."""
    seen = {submission_id}
    while True:
        source = conn.execute(select(Submission.restored_from_id).where(
            Submission.id == submission_id)).scalar_one_or_none()
        if source is None or source in seen:
            return submission_id
        seen.add(source)
        submission_id = source


def publish(engine: Engine, region_code: str, result: ValidationResult, *, actor: User,
            filename: str, sha256: str, accept_warnings: bool,
            based_on: VersionStamp | None) -> Publication:
    """Publish a validated sheet as the region's new version, in one transaction.

    ``based_on`` is the version the preview was made against (``UploadCheck.based_on``;
    None: the region had none). Refused (PublishError, nothing stored) when the sheet
    has errors, when warnings were not accepted, when the same file was published
    before, and (StaleVersion) when another version became current since the preview.
    The first real publication removes the fictitious demo data in the same
    transaction, so real and fictitious figures never mix. The actor must hold the
    right in the role table as it stands inside that transaction (AccessDenied).
    """
    with authorized_write(engine, actor, PUBLISH, region_code) as conn:
        if not result.publishable:
            raise PublishError(texts.PUBLISH_HAS_ERRORS.format(aantal=len(result.errors)))
        if result.warnings and not accept_warnings:
            raise PublishError(texts.PUBLISH_WARNINGS_NOT_ACCEPTED.format(
                aantal=len(result.warnings)))
        storage.lock_region(conn, region_code)
        refuse_if_stale(conn, region_code, based_on, texts.PUBLISH_STALE)
        existing = find_identical(conn, region_code, sha256)
        if existing is not None:
            raise PublishError(texts.PUBLISH_IDENTICAL.format(versie=existing))
        demo_removed = storage.remove_demo_data(conn)
        version = storage.publish_version(
            conn, region_code, result.records, uploaded_by=actor.label, kind="upload",
            filename=filename, sha256=sha256,
            warnings_accepted=[w.text() for w in result.warnings])
        audit.record(conn, actor, PUBLISH, object_type="versie", object_id=version.version,
                     region_code=region_code, submission_id=version.submission_id,
                     details={"bestand": filename, "sha256": sha256, "regels": version.row_count,
                              "waarschuwingen_bevestigd": len(result.warnings),
                              "demo_verwijderd": demo_removed})
    return Publication(version, demo_removed)


def restore(engine: Engine, region_code: str, version: int, *, actor: User,
            based_on: VersionStamp | None) -> storage.PublishedVersion:
    """Make an earlier version current again, as a new version (nothing is overwritten).

    ``based_on`` is the current version of the history the user chose from; when
    another version became current since, StaleVersion is raised and nothing stored.
    """
    with authorized_write(engine, actor, RESTORE, region_code) as conn:
        storage.lock_region(conn, region_code)
        refuse_if_stale(conn, region_code, based_on, texts.RESTORE_STALE)
        source = conn.execute(select(Submission).where(
            Submission.region_code == region_code, Submission.version == version)
        ).one_or_none()  # a Row on a Core connection: .scalar_* would give only the id
        if source is None:
            raise PublishError(texts.RESTORE_UNKNOWN.format(versie=version))
        records = storage.submission_records(conn, source.id)
        restored = storage.publish_version(
            conn, region_code, records, uploaded_by=actor.label, kind="herstel",
            filename=source.filename, sha256=None, is_demo=source.is_demo,
            restored_from_id=source.id)
        audit.record(conn, actor, RESTORE, object_type="versie", object_id=restored.version,
                     region_code=region_code, submission_id=restored.submission_id,
                     details={"hersteld_van_versie": version})
        return restored


def refuse_if_stale(conn: Connection, region_code: str, based_on: VersionStamp | None,
                    message: str) -> None:
    """Raise StaleVersion unless ``based_on`` is still the region's current version.

    Call inside the write transaction, after ``lock_region``: then no other writer of
    this region can publish between this check and the caller's commit.
    """
    current = storage.current_stamp(conn, region_code)
    if current == based_on:
        return
    now = (texts.STALE_NO_VERSION if current is None else texts.STALE_CURRENT.format(
        versie=current.version, door=current.uploaded_by,
        tijdstip=format_datetime(current.uploaded_at)))
    raise StaleVersion(message.format(regio=region_code, huidig=now), current)


def _keyed(records: pd.DataFrame) -> pd.DataFrame:
    frame = records.copy()
    frame["gemeente_code"] = frame["gemeente_code"].fillna("")
    frame["peildatum"] = pd.to_datetime(frame["peildatum"])
    for column in ("powers", "note", "organisation_id"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["fte"] = frame["fte"].astype(float).round(3)
    return frame.set_index(ROW_KEY)
