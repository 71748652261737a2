"""Publishing on SQLite and PostgreSQL: versions, diff, identical files, restore, demo data,
concurrent uploads (threads and processes) and a publisher killed halfway."""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from capaciteit.access.permissions import User, local_admin
from capaciteit.capacity import demo
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import make_engine, prepare_database
from capaciteit.storage.models import CapacityRecord, CapacityTotal, CurrentVersion, Submission
from capaciteit.uploads import preview, publishing
from capaciteit.uploads.publishing import PublishError, diff_versions, publish, restore, sha256_of
from capaciteit.uploads.reader import Limits
from capaciteit.uploads.validation import Issue, ValidationResult

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2025, 6, 1)
HEADERS = [
    "regio",
    "gemeente",
    "organisatie",
    "organisatie_id",
    "categorie",
    "subcategorie",
    "aantal_personen",
    "fte",
    "inzetbaar_personen",
    "inzetbaar_binnen_uur",
    "bevoegdheden",
    "peildatum",
    "opmerking",
]


def records(
    region: str,
    organisations: list[str],
    *,
    persons: int = 10,
    category: str = "boa",
    subcategory: str = "domein-1",
    gemeente: str | None = None,
) -> pd.DataFrame:
    """Records for ``region``, one per organisation name."""
    count = len(organisations)
    frame = pd.DataFrame(
        {
            "region_code": [region] * count,
            "gemeente_code": [gemeente] * count,
            "organisation": organisations,
            "organisation_id": [None] * count,
            "category": [category] * count,
            "subcategory": [subcategory] * count,
            "persons": [persons] * count,
            "fte": [persons * 0.8] * count,
            "deployable_persons": [persons // 2] * count,
            "deployable_within_hours": [24] * count,
            "powers": [""] * count,
            "peildatum": [pd.Timestamp("2025-05-01")] * count,
            "note": [""] * count,
        }
    )
    return frame[RECORD_COLUMNS]


def send(
    engine,
    region: str,
    frame: pd.DataFrame,
    *,
    sha: str | None = None,
    warnings: list[Issue] | None = None,
    accept: bool = False,
    actor: str | User = "tester",
    filename: str = "capaciteit.xlsx",
) -> publishing.Publication:
    """Publish on top of the region's current version, as after a fresh preview."""
    return publish(
        engine,
        region,
        ValidationResult(frame, [], warnings or []),
        actor=actor if isinstance(actor, User) else local_admin(actor),
        filename=filename,
        sha256=sha or sha256_of(repr(frame).encode()),
        accept_warnings=accept,
        based_on=current(engine, region),
    )


def current(engine, region: str) -> storage.VersionStamp | None:
    with engine.connect() as conn:
        return storage.current_stamp(conn, region)


def stored(engine, region: str, version: int) -> pd.DataFrame:
    with engine.connect() as conn:
        submission_id = conn.execute(
            select(Submission.id).where(
                Submission.region_code == region, Submission.version == version
            )
        ).scalar_one()
        return storage.submission_records(conn, submission_id)


def submissions(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Submission)).scalar_one())


def as_utc(moment) -> pd.Timestamp:
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def csv_upload(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    for values in rows:
        writer.writerow([values.get(h, "") for h in HEADERS])
    return buffer.getvalue().encode("utf-8")


# --- publishing one version -------------------------------------------------------------


def test_publishing_records_uploader_time_file_hash_rows_and_accepted_warnings(engine):
    warning = Issue(
        "Gegevens",
        3,
        "peildatum",
        "1 mei 2023",
        "1 regel(s) hebben een peildatum van meer dan een jaar geleden (oudste: 1 mei 2023)",
    )
    frame = records("VR13", ["A", "B", "C"])
    before = datetime.now(UTC)
    done = send(
        engine,
        "VR13",
        frame,
        sha="a" * 64,
        warnings=[warning],
        accept=True,
        actor=local_admin("jan@vr13.nl"),
        filename="capaciteit mei.xlsx",
    )
    after = datetime.now(UTC)
    assert (done.version.region_code, done.version.version, done.version.row_count) == (
        "VR13",
        1,
        3,
    )
    assert done.demo_removed == 0
    with engine.connect() as conn:
        (row,) = storage.history(conn, "VR13").to_dict("records")
    assert row["version"] == 1
    assert row["kind"] == "upload"
    assert row["uploaded_by"] == "jan@vr13.nl"
    assert row["filename"] == "capaciteit mei.xlsx"
    assert row["sha256"] == "a" * 64
    assert row["row_count"] == 3
    assert row["warnings_accepted"] == [
        "Rij 3, peildatum: 1 regel(s) hebben een peildatum van meer dan een jaar geleden "
        "(oudste: 1 mei 2023)"
    ]
    assert row["is_current"]
    assert (
        as_utc(before) - pd.Timedelta(seconds=1)
        <= as_utc(row["uploaded_at"])
        <= as_utc(after) + pd.Timedelta(seconds=1)
    )
    assert list(stored(engine, "VR13", 1)["organisation"]) == ["A", "B", "C"]


def test_each_publication_is_a_new_version_and_earlier_ones_stay(engine):
    send(engine, "VR13", records("VR13", ["A"]))
    send(engine, "VR13", records("VR13", ["B", "C"]))
    send(engine, "VR15", records("VR15", ["D"]))
    with engine.connect() as conn:
        history = storage.history(conn, "VR13")
        assert list(history["version"]) == [2, 1]
        assert list(history["is_current"]) == [True, False]
        assert list(storage.region_records(conn, "VR13")["organisation"]) == ["B", "C"]
    assert list(stored(engine, "VR13", 1)["organisation"]) == ["A"]
    assert list(stored(engine, "VR15", 1)["organisation"]) == ["D"]


def test_a_result_with_errors_cannot_be_published_and_nothing_is_stored(engine):
    errors = [Issue("CSV", 3, "gemeente", "Atlantis", "x"), Issue("CSV", 4, "fte", "-1", "y")]
    result = ValidationResult(records("VR13", ["A"]), errors)
    with pytest.raises(PublishError) as raised:
        publish(
            engine,
            "VR13",
            result,
            actor=local_admin("t"),
            filename="f.csv",
            sha256="c" * 64,
            accept_warnings=True,
            based_on=None,
        )
    assert str(raised.value) == (
        "Niet gepubliceerd: het bestand bevat 2 fout(en). Er is niets opgeslagen."
    )
    assert submissions(engine) == 0


def test_a_result_with_warnings_is_published_only_when_they_are_accepted(engine):
    warning = Issue("CSV", None, "categorie", "boa", "het totaal voor Boa's verandert")
    frame = records("VR13", ["A"])
    with pytest.raises(PublishError) as raised:
        send(engine, "VR13", frame, warnings=[warning], accept=False)
    assert str(raised.value) == (
        "Niet gepubliceerd: bevestig eerst dat u de 1 waarschuwing(en) gezien heeft."
    )
    assert submissions(engine) == 0
    done = send(engine, "VR13", frame, warnings=[warning], accept=True)
    assert done.version.version == 1
    with engine.connect() as conn:
        accepted = storage.history(conn, "VR13")["warnings_accepted"].iloc[0]
    assert accepted == ["categorie: het totaal voor Boa's verandert"]


def test_a_byte_identical_file_is_refused_and_not_stored_twice(engine):
    send(engine, "VR13", records("VR13", ["A"]), sha="d" * 64)
    send(engine, "VR13", records("VR13", ["B"]), sha="e" * 64)
    with pytest.raises(PublishError) as raised:
        send(engine, "VR13", records("VR13", ["A"]), sha="d" * 64)
    assert str(raised.value) == (
        "Dit bestand is byte voor byte gelijk aan versie 1 en is niet opnieuw opgeslagen. "
        "Wilt u die versie terug, gebruik dan 'Herstellen' bij de geschiedenis."
    )
    assert submissions(engine) == 2


def test_the_same_file_for_another_region_is_not_identical(engine):
    send(engine, "VR13", records("VR13", ["A"]), sha="f" * 64)
    assert send(engine, "VR15", records("VR15", ["A"]), sha="f" * 64).version.version == 1


def test_check_upload_reports_an_identical_file_before_publishing(engine, boundaries):
    content = csv_upload(
        [
            {
                "gemeente": "GM0363",
                "organisatie": "Gemeente Amsterdam",
                "categorie": "boa",
                "subcategorie": "domein-1",
                "aantal_personen": "80",
                "fte": "72,5",
                "inzetbaar_personen": "40",
                "inzetbaar_binnen_uur": "24",
                "peildatum": "01-05-2025",
            }
        ]
    )
    args = (engine, boundaries, default_categories(), "VR13", content, "capaciteit.csv")
    first = preview.check_upload(*args, limits=Limits(), today=TODAY)
    assert first.identical_version is None
    assert first.sha256 == sha256_of(content)
    assert first.diff.summary() == "1 regel(s) toegevoegd, 0 verwijderd, 0 gewijzigd"
    publish(
        engine,
        "VR13",
        first.result,
        actor=local_admin("t"),
        filename=first.filename,
        sha256=first.sha256,
        accept_warnings=False,
        based_on=first.based_on,
    )
    again = preview.check_upload(*args, limits=Limits(), today=TODAY)
    assert again.identical_version == 1
    assert again.diff.summary() == "0 regel(s) toegevoegd, 0 verwijderd, 0 gewijzigd"
    with engine.connect() as conn:
        (row,) = storage.region_records(conn, "VR13").to_dict("records")
    assert (row["gemeente_code"], row["persons"], row["fte"]) == ("GM0363", 80, 72.5)


# --- diff -------------------------------------------------------------------------------


def test_the_diff_reports_added_removed_and_changed_rows_and_category_totals():
    current = pd.concat(
        [
            records("VR13", ["Blijft"], persons=10, gemeente="GM0363"),
            records("VR13", ["Verandert"], persons=20, gemeente="GM0363"),
            records("VR13", ["Verdwijnt"], persons=5, category="defensie", subcategory="bijstand"),
        ],
        ignore_index=True,
    )
    new = pd.concat(
        [
            records("VR13", ["Blijft"], persons=10, gemeente="GM0363"),
            records("VR13", ["Verandert"], persons=25, gemeente="GM0363"),
            records("VR13", ["Nieuw"], persons=7, category="inspectiedienst", subcategory="nvwa"),
            records("VR13", ["Blijft"], persons=3, gemeente="GM0362"),
        ],
        ignore_index=True,
    )
    diff = diff_versions(current, new)
    assert sorted(zip(diff.added["organisation"], diff.added["gemeente_code"], strict=True)) == [
        ("Blijft", "GM0362"),
        ("Nieuw", ""),
    ]
    assert list(diff.removed["organisation"]) == ["Verdwijnt"]
    assert list(diff.changed["organisation"]) == ["Verandert"]
    assert list(diff.changed["persons"]) == [25]
    assert diff.summary() == "2 regel(s) toegevoegd, 1 verwijderd, 1 gewijzigd"
    totals = diff.totals.set_index("category")[["before", "after"]]
    assert totals.to_dict("index") == {
        "boa": {"before": 30, "after": 38},
        "defensie": {"before": 5, "after": 0},
        "inspectiedienst": {"before": 0, "after": 7},
    }


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("fte", 9.5),
        ("deployable_persons", 1),
        ("deployable_within_hours", 72),
        ("powers", "Toegangscontrole"),
        ("peildatum", pd.Timestamp("2025-05-02")),
        ("organisation_id", "12345678"),
        ("note", "nieuw"),
    ],
)
def test_a_change_in_any_compared_field_counts_as_changed(column, value):
    current = records("VR13", ["A"])
    new = current.copy()
    new[column] = [value]
    diff = diff_versions(current, new)
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (0, 0, 1)


def test_the_diff_against_nothing_lists_every_row_as_added():
    diff = diff_versions(records("VR13", [])[RECORD_COLUMNS], records("VR13", ["A", "B"]))
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (2, 0, 0)
    assert diff.totals.to_dict("records") == [{"category": "boa", "before": 0, "after": 20}]


def test_identical_versions_have_an_empty_diff_even_with_float_noise():
    current = records("VR13", ["A", "B"])
    new = current.copy()
    new["fte"] = new["fte"] + 1e-9
    diff = diff_versions(current, new)
    assert diff.summary() == "0 regel(s) toegevoegd, 0 verwijderd, 0 gewijzigd"


# --- restore ----------------------------------------------------------------------------


def test_restore_makes_an_earlier_version_current_as_a_new_version(engine):
    send(engine, "VR13", records("VR13", ["Eerste A", "Eerste B"]), filename="mei.xlsx")
    send(engine, "VR13", records("VR13", ["Tweede"]), filename="juni.xlsx")
    restored = restore(engine, "VR13", 1, actor=local_admin("beheerder"),
                       based_on=current(engine, "VR13"))
    assert (restored.version, restored.row_count) == (3, 2)
    with engine.connect() as conn:
        history = storage.history(conn, "VR13")
        records_now = storage.region_records(conn, "VR13")
    assert list(history["version"]) == [3, 2, 1]
    assert list(history["is_current"]) == [True, False, False]
    newest = history.iloc[0]
    assert (newest["kind"], newest["uploaded_by"], newest["filename"]) == (
        "herstel",
        "beheerder",
        "mei.xlsx",
    )
    assert newest["restored_from_id"] == history.iloc[2]["submission_id"]
    assert pd.isna(newest["sha256"])
    assert list(records_now["organisation"]) == ["Eerste A", "Eerste B"]
    assert_frame_equal(stored(engine, "VR13", 3), stored(engine, "VR13", 1))
    assert list(stored(engine, "VR13", 2)["organisation"]) == ["Tweede"]


def test_restoring_a_version_that_does_not_exist_is_refused(engine):
    send(engine, "VR13", records("VR13", ["A"]))
    with pytest.raises(PublishError) as raised:
        restore(engine, "VR13", 7, actor=local_admin("beheerder"),
                       based_on=current(engine, "VR13"))
    assert str(raised.value) == "Versie 7 bestaat niet voor deze regio."
    assert submissions(engine) == 1


def test_after_a_restore_the_original_file_may_be_uploaded_again_only_as_identical(engine):
    send(engine, "VR13", records("VR13", ["A"]), sha="1" * 64)
    send(engine, "VR13", records("VR13", ["B"]), sha="2" * 64)
    restore(engine, "VR13", 1, actor=local_admin("beheerder"),
                       based_on=current(engine, "VR13"))
    with pytest.raises(PublishError):
        send(engine, "VR13", records("VR13", ["A"]), sha="1" * 64)
    assert submissions(engine) == 3


# --- demo data --------------------------------------------------------------------------


def load_demo(engine, boundaries) -> int:
    with engine.begin() as conn:
        demo.load_demo(conn, boundaries.municipality_table(), default_categories(), today=TODAY)
    return submissions(engine)


def test_the_first_real_publication_removes_all_demo_data(engine, boundaries):
    assert load_demo(engine, boundaries) == 25
    done = send(engine, "VR13", records("VR13", ["Echt"]))
    assert done.demo_removed == 25
    assert done.version.version == 1
    with engine.connect() as conn:
        assert not storage.has_demo_data(conn)
        assert list(storage.current_versions(conn)["region_code"]) == ["VR13"]
        assert set(storage.capacity_summary(conn)["region_code"]) == {"VR13"}
        assert conn.execute(select(func.count()).select_from(CapacityRecord)).scalar_one() == 1
    assert send(engine, "VR13", records("VR13", ["Later"])).demo_removed == 0


def test_demo_data_stays_when_the_first_real_publication_fails(engine, boundaries):
    assert load_demo(engine, boundaries) == 25
    broken = records("VR13", ["Goed", "Kapot"])
    broken["organisation"] = ["Goed", None]  # NOT NULL in the database: fails mid-transaction
    with pytest.raises(IntegrityError):
        send(engine, "VR13", broken)
    with engine.connect() as conn:
        assert storage.has_demo_data(conn)
        assert len(storage.current_versions(conn)) == 25
        assert (
            conn.execute(
                select(func.count()).select_from(Submission).where(Submission.is_demo.is_(False))
            ).scalar_one()
            == 0
        )
    assert submissions(engine) == 25


# --- concurrent uploads -----------------------------------------------------------------

UPLOADS = [(region, k) for region in ("VR13", "VR15", "VR02") for k in range(4)]


def organisations(region: str, k: int, rows: int = 40) -> list[str]:
    return [f"{region} upload {k} organisatie {i}" for i in range(rows)]


def check_versions(engine, uploads: list[tuple[str, int]], results: list[tuple[int, str]]):
    """Versions per region are 1..n; each holds exactly what one upload sent."""
    sent = {sha256_of(f"{region}-{k}".encode()): (region, k) for region, k in uploads}
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Submission.id,
                Submission.region_code,
                Submission.version,
                Submission.sha256,
                Submission.row_count,
            )
        ).all()
        current = dict(
            conn.execute(select(CurrentVersion.region_code, CurrentVersion.submission_id)).all()
        )
        for submission_id, region, _version, sha, row_count in rows:
            origin_region, k = sent[sha]
            assert origin_region == region
            names = storage.submission_records(conn, submission_id)["organisation"]
            assert sorted(names) == sorted(organisations(region, k))
            assert row_count == len(names)
            totals = conn.execute(
                select(func.sum(CapacityTotal.persons)).where(
                    CapacityTotal.submission_id == submission_id
                )
            ).scalar_one()
            assert totals == 10 * len(names)
    assert len(rows) == len(uploads)
    assert sorted(sha for *_, sha, _ in rows) == sorted(sent)
    for region in {r for r, _ in uploads}:
        versions = sorted(v for _, r, v, _, _ in rows if r == region)
        assert versions == list(range(1, len([u for u in uploads if u[0] == region]) + 1))
        newest = max((v, i) for i, r, v, _, _ in rows if r == region)[1]
        assert current[region] == newest
    assert sorted(v for v, _ in results) == sorted(v for _, _, v, _, _ in rows)


def upload_once(engine, region: str, k: int) -> tuple[int, str]:
    """Publish on top of the current version; told it is stale, look again and publish anew."""
    while True:
        try:
            done = publish(
                engine,
                region,
                ValidationResult(records(region, organisations(region, k))),
                actor=local_admin(f"{region}-{k}"),
                filename=f"{region}-{k}.csv",
                sha256=sha256_of(f"{region}-{k}".encode()),
                accept_warnings=False,
                based_on=current(engine, region),
            )
        except publishing.StaleVersion:
            continue
        return done.version.version, region


def test_concurrent_uploads_in_threads_each_become_their_own_version(engine):
    start = threading.Barrier(len(UPLOADS))

    def run(upload: tuple[str, int]) -> tuple[int, str]:
        start.wait()
        return upload_once(engine, *upload)

    with ThreadPoolExecutor(max_workers=len(UPLOADS)) as pool:
        results = list(pool.map(run, UPLOADS))
    check_versions(engine, UPLOADS, results)


def upload_in_process(url: str, region: str, k: int) -> tuple[int, str]:
    """Run in a spawned process: its own engine, one publication."""
    engine = make_engine(url)
    try:
        return upload_once(engine, region, k)
    finally:
        engine.dispose()


def test_concurrent_uploads_in_processes_each_become_their_own_version(db_url):
    """Separate processes are separate app instances: on one SQLite file or one PostgreSQL
    server, their publications of one region get consecutive versions, none twice."""
    prepare_database(db_url).dispose()
    uploads = [(region, k) for region in ("VR13", "VR15") for k in range(2)]
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(len(uploads)) as pool:
        results = pool.starmap(upload_in_process, [(db_url, r, k) for r, k in uploads])
    engine = make_engine(db_url)
    try:
        check_versions(engine, uploads, results)
    finally:
        engine.dispose()


# --- a publisher killed halfway ---------------------------------------------------------

CRASH_SCRIPT = textwrap.dedent("""
    import sys
    import pandas as pd
    from sqlalchemy import event
    from capaciteit.uploads import publishing
    from capaciteit.access.permissions import local_admin
    from capaciteit.storage import repository as storage
    from capaciteit.capacity.records import RECORD_COLUMNS
    from capaciteit.storage.engine import make_engine
    from capaciteit.uploads.validation import ValidationResult

    url, rows, hold = sys.argv[1], int(sys.argv[2]), sys.argv[3:] == ["wacht"]
    frame = pd.DataFrame({
        "region_code": "VR13", "gemeente_code": None,
        "organisation": [f"Groot {i}" for i in range(rows)], "organisation_id": None,
        "category": "boa", "subcategory": "domein-1", "persons": 3, "fte": 2.5,
        "deployable_persons": 1, "deployable_within_hours": 24, "powers": "",
        "peildatum": pd.Timestamp("2025-05-01"), "note": ""})[RECORD_COLUMNS]
    engine = make_engine(url)
    writing = []

    @event.listens_for(engine, "before_cursor_execute")
    def announce(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO capacity_record") and not writing:
            writing.append(True)  # inside the transaction: the version row is written
            print("schrijft", flush=True)
            if hold:
                sys.stdin.readline()  # wait inside the transaction until killed

    print("begint", flush=True)
    with engine.connect() as conn:
        based_on = storage.current_stamp(conn, "VR13")
    publishing.publish(engine, "VR13", ValidationResult(frame), actor=local_admin("groot"),
                       filename="groot.csv", sha256="9" * 64, accept_warnings=False,
                       based_on=based_on)
    print("klaar", flush=True)
""")
BIG = 50_000
# None: killed while it waits inside its transaction (certainly before commit); otherwise
# killed that many seconds after the transaction began, wherever the writing then is.
KILL_AFTER = [None, 0.05, 0.2, 0.5, 0.9, 1.4]


def kill_during_publish(script: Path, database: Path, delay: float | None) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        [sys.executable, str(script), f"sqlite:///{database}", str(BIG),
         *(["wacht"] if delay is None else [])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"begint\n"  # the records are built
        assert process.stdout.readline() == b"schrijft\n"  # the transaction has begun
        if delay is not None:
            time.sleep(delay)  # spreads the kills over the writing; any moment must be safe
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)


def state_after_crash(database: Path, first: pd.DataFrame) -> str:
    """Check the database is whole; say whether the kill came before or after commit."""
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            versions = dict(
                conn.execute(
                    select(Submission.version, Submission.id).where(
                        Submission.region_code == "VR13"
                    )
                ).all()
            )
            current = conn.execute(
                select(CurrentVersion.submission_id).where(CurrentVersion.region_code == "VR13")
            ).scalar_one()
            orphans = conn.execute(
                select(func.count())
                .select_from(CapacityRecord)
                .where(CapacityRecord.submission_id.not_in(select(Submission.id)))
            ).scalar_one()
            assert orphans == 0
            if 2 not in versions:
                assert current == versions[1]
                assert_frame_equal(storage.region_records(conn, "VR13"), first)
                total = conn.execute(select(func.count()).select_from(CapacityRecord))
                assert total.scalar_one() == len(first)
                return "voor commit"
            assert current == versions[2]
            count = conn.execute(
                select(func.count())
                .select_from(CapacityRecord)
                .where(CapacityRecord.submission_id == versions[2])
            ).scalar_one()
            row_count = conn.execute(
                select(Submission.row_count).where(Submission.id == versions[2])
            ).scalar_one()
            assert count == row_count == BIG
            return "na commit"
    finally:
        engine.dispose()


def test_a_publisher_killed_halfway_leaves_the_previous_version_intact(tmp_path):
    base = tmp_path / "basis.db"
    engine = prepare_database(f"sqlite:///{base}")
    send(engine, "VR13", records("VR13", ["Eerste A", "Eerste B"]))
    with engine.connect() as conn:
        first = storage.region_records(conn, "VR13")
    engine.dispose()
    script = tmp_path / "publiceer_groot.py"
    script.write_text(CRASH_SCRIPT, "utf-8")
    databases = []
    for i in range(len(KILL_AFTER)):
        copy = tmp_path / f"run{i}" / "capaciteit.db"
        copy.parent.mkdir()
        shutil.copy(base, copy)
        databases.append(copy)
    with ThreadPoolExecutor(max_workers=len(KILL_AFTER)) as pool:
        runs = zip(databases, KILL_AFTER, strict=True)
        list(pool.map(lambda run: kill_during_publish(script, *run), runs))
    outcomes = {
        delay: state_after_crash(db, first) for db, delay in zip(databases, KILL_AFTER, strict=True)
    }
    print(f"SIGKILL na seconden → uitkomst: {outcomes}")
    assert outcomes[None] == "voor commit", outcomes  # the kill inside the transaction
