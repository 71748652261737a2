"""Benchmark: the national map, the national aggregation over 1,000,000 records, the
crisis team's national question (Inzetbaar) over the same records, and reading +
validating a 50,000-row .xlsx upload against the bare calamine read.

Prints a table and writes ``bench-results/bench.json``. It measures; it does
not judge: there are no assertions on time. Run with ``make bench``. Set
``TEST_DATABASE_URL`` to also measure on PostgreSQL (a temporary database is
created on that server and dropped afterwards), and ``CAPACITEIT_TEST_GEBIEDEN``
to read the offline boundaries from somewhere other than ``../shared/regions``.
"""

from __future__ import annotations

import io
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import folium
import numpy as np
import pandas as pd
import xlsxwriter
from sqlalchemy import Connection, Engine, create_engine, insert, text

from capaciteit.agreements import repository as agreement_repository
from capaciteit.capacity import aggregation
from capaciteit.capacity.categories import default_categories, horizons, powers
from capaciteit.capacity.demo import generate_demo_records
from capaciteit.capacity.presentation import map_attributions
from capaciteit.deployment import answer as deployment
from capaciteit.deployment import presets
from capaciteit.formatting import format_number
from capaciteit.geo.boundaries import REGION_CODES, Boundaries, load_boundaries, prepare_boundaries
from capaciteit.geo.maps import build_choropleth
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import Agreement, AgreementScope, CurrentVersion, Submission
from capaciteit.uploads import reader as spreadsheet
from capaciteit.uploads import validation

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results" / "bench.json"
MAP_RUNS = 20
AGGREGATION_RUNS = 5
N_RECORDS = 1_000_000
SEED = 20_240_101
TODAY = date(2025, 6, 1)  # fixed, so every run generates the same data
BOUNDARY_YEAR = 2023
MUNICIPAL_CATEGORIES = {"boa": 0.7, "particuliere-beveiliging": 0.4}
RECORD_TABLE_COLUMNS = [
    "submission_id", "region_code", "gemeente_code", "organisation", "organisation_id",
    "category", "subcategory", "persons", "fte", "deployable_persons",
    "deployable_within_hours", "powers", "peildatum", "note",
]
UPLOAD_ROWS = 50_000
UPLOAD_RUNS = 5
OPENPYXL_RUNS = 3
UPLOAD_REGION = "VR13"
UPLOAD_GOAL = 1.5  # ours / floor
UPLOAD_PEILDATUM = date(2025, 5, 1)
DEPLOYMENT_TARGET = "VR13"
DEPLOYMENT_RUNS = 7
DEPLOYMENT_LOAD_RUNS = 3
DEPLOYMENT_AGREEMENTS = 103
DEPLOYMENT_GOAL_MS = 100.0


@dataclass(frozen=True)
class Timing:
    """Median and spread of repeated runs, in seconds."""

    median: float
    minimum: float
    maximum: float
    runs: int

    def as_dict(self) -> dict[str, float | int]:
        """The timing for the JSON file, in milliseconds."""
        return {"median_ms": self.median * 1000, "min_ms": self.minimum * 1000,
                "max_ms": self.maximum * 1000, "runs": self.runs}


def main() -> None:
    """Run every benchmark, print the report and write the JSON file."""
    results: dict[str, Any] = {"machine": machine_facts()}
    print_header(results["machine"])
    with tempfile.TemporaryDirectory(prefix="capaciteit-bench-") as tmp:
        regions_dir = Path(tmp) / "regions"
        boundaries = bench_boundaries(regions_dir)
        results["map"] = bench_national_map(boundaries, regions_dir, MAP_RUNS)
        print_map(results["map"])
        records = generate_records(boundaries.municipality_table(), N_RECORDS, seed=SEED)
        sqlite_url = f"sqlite:///{(Path(tmp) / 'bench.db').as_posix()}"
        results["aggregation"] = {"records": N_RECORDS,
                                  "sqlite": bench_aggregation(sqlite_url, records, boundaries)}
        print_aggregation("SQLite", results["aggregation"]["sqlite"])
        print_deployment("SQLite", results["aggregation"]["sqlite"]["deployment"])
        results["aggregation"]["postgresql"] = bench_postgresql(records, boundaries)
        del records
        results["upload"] = bench_upload(boundaries, Path(tmp), UPLOAD_ROWS)
        print_upload(results["upload"])
    write_results(results, RESULTS)
    print(f"\nResultaten geschreven naar {RESULTS.relative_to(ROOT)}")


def machine_facts() -> dict[str, Any]:
    """Python version, CPU count, platform and the moment of the run."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def shared_regions_dir() -> Path:
    """The offline copy of the CBS boundaries (../shared/regions, or as set)."""
    configured = os.environ.get("CAPACITEIT_TEST_GEBIEDEN")
    return Path(configured) if configured else ROOT.parent / "shared" / "regions"


def bench_boundaries(directory: Path) -> Boundaries:
    """Build the boundary cache from the offline copy with the real code, and load it."""
    prepare_boundaries(directory, source=str(shared_regions_dir()), year=BOUNDARY_YEAR,
                       wfs_url="unused")
    return load_boundaries(directory)


def time_runs(action: Callable[[], object], runs: int, warmup: int = 1) -> Timing:
    """Run ``action`` ``warmup`` times untimed, then ``runs`` times timed."""
    for _ in range(warmup):
        action()
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return Timing(statistics.median(seconds), min(seconds), max(seconds), runs)


# --- 1. the national map ---------------------------------------------------------------


def bench_national_map(boundaries: Boundaries, regions_dir: Path, runs: int) -> dict[str, Any]:
    """Time building + rendering the national choropleth against a plain json.dumps floor."""
    table = demo_region_table(boundaries)
    attributions = map_attributions(boundaries.manifest, True, None)

    def build_and_render() -> str:
        fmap = national_map(boundaries, table, attributions)
        return str(fmap.get_root().render())

    html = build_and_render()
    geojson = embedded_geojson(national_map(boundaries, table, attributions))
    floor_text = json.dumps(geojson)
    map_timing = time_runs(build_and_render, runs)
    floor_timing = time_runs(lambda: json.dumps(geojson), runs)
    html_bytes, floor_bytes = len(html.encode()), len(floor_text.encode())
    return {
        "build_render": map_timing.as_dict(),
        "floor_json_dumps": floor_timing.as_dict(),
        "time_ratio": map_timing.median / floor_timing.median,
        "html_kb": html_bytes / 1024,
        "floor_kb": floor_bytes / 1024,
        "size_ratio": html_bytes / floor_bytes,
        "features": len(geojson["features"]),
        "raw_regions_geojson_kb": cached_file_kb(regions_dir, boundaries, "regions"),
        "display_regions_geojson_kb": cached_file_kb(regions_dir, boundaries, "regions_display"),
        "source_regions_geojson_kb": (
            shared_regions_dir() / "veiligheidsregio_gegeneraliseerd.geojson").stat().st_size
        / 1024,
    }


def demo_region_table(boundaries: Boundaries) -> pd.DataFrame:
    """The region table of the demo data, as the Kaart page makes it (all categories)."""
    records = generate_demo_records(boundaries.municipality_table(), default_categories(),
                                    today=TODAY)
    return aggregation.region_table(records, boundaries.regions, REGION_CODES)


def national_map(boundaries: Boundaries, table: pd.DataFrame,
                 attributions: list[str]) -> folium.Map:
    """The national choropleth of persons per region, as the Kaart page builds it."""
    return build_choropleth(
        boundaries.regions_display, table, key="region_code", name_column="region_name",
        value_column="persons", legend_title="Aantal personen",
        peildatum=f"Peildatum: {TODAY:%d-%m-%Y}", attributions=attributions)


def embedded_geojson(fmap: folium.Map) -> dict[str, Any]:
    """The GeoJSON the map embeds in its HTML (the folium.GeoJson layer's data)."""
    for child in fmap._children.values():
        if isinstance(child, folium.GeoJson):
            return dict(child.data)
    raise LookupError("the map has no GeoJson layer")


def cached_file_kb(directory: Path, boundaries: Boundaries, key: str) -> float:
    """Size of one file of the boundary cache, in KB."""
    return (directory / boundaries.manifest["bestanden"][key]["bestand"]).stat().st_size / 1024


# --- 2. the national aggregation -------------------------------------------------------


def generate_records(municipalities: pd.DataFrame, n: int, *, seed: int) -> pd.DataFrame:
    """``n`` fictitious capacity records over the 25 regions, made with numpy in one go.

    Regions get records in proportion to their number of municipalities (plus
    one); boa's and private security are often per municipality, the rest
    region-wide. Records are grouped by region, one peildatum per region, as one
    upload per region would be. ``peildatum`` is an ISO date string.
    """
    rng = np.random.default_rng(seed)
    municipalities = municipalities.sort_values(["region_code", "gemeente_code"])
    per_region = municipalities.groupby("region_code").size().reindex(list(REGION_CODES))
    counts = per_region.to_numpy()
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    region = np.sort(rng.choice(len(REGION_CODES), size=n, p=(counts + 1) / (counts + 1).sum()))
    pairs = [(c.code, s.code) for c in default_categories() for s in c.subcategories]
    pair = rng.integers(0, len(pairs), size=n)
    category = np.array([c for c, _ in pairs], dtype=object)[pair]
    share = np.array([MUNICIPAL_CATEGORIES.get(c, 0.0) for c, _ in pairs])[pair]
    place = starts[region] + (rng.random(n) * counts[region]).astype(np.int64)
    codes = municipalities["gemeente_code"].to_numpy(dtype=object)
    gemeente = np.where(rng.random(n) < share, codes[place], None)
    persons = rng.gamma(2.0, 6.0, size=n).astype(np.int64) + 1
    peil_days = rng.integers(14, 240, size=len(REGION_CODES))
    peildata = np.array([(TODAY - timedelta(days=int(d))).isoformat() for d in peil_days],
                        dtype=object)
    organisations = np.array([f"Organisatie {k:03d} (fictief)" for k in range(500)],
                             dtype=object)
    return pd.DataFrame({
        "region_code": np.array(REGION_CODES, dtype=object)[region],
        "gemeente_code": gemeente,
        "organisation": organisations[rng.integers(0, len(organisations), size=n)],
        "organisation_id": None,
        "category": category,
        "subcategory": np.array([s for _, s in pairs], dtype=object)[pair],
        "persons": persons,
        "fte": np.round(persons * rng.uniform(0.4, 1.0, size=n), 1),
        "deployable_persons": (persons * rng.uniform(0.1, 0.8, size=n)).astype(np.int64),
        "deployable_within_hours": rng.choice([h.hours for h in horizons()], size=n),
        "powers": generated_powers(rng, category),
        "peildatum": peildata[region],
        "note": "Benchmarkgegevens (fictief)",
    })


def generated_powers(rng: np.random.Generator, category: np.ndarray) -> np.ndarray:
    """Per record none, one or two of the powers its category typically holds ('; '-joined)."""
    result = np.full(len(category), "", dtype=object)
    draw = rng.random(len(category))
    for code in np.unique(category):
        fitting = sorted(p.name for p in powers() if code in p.categories)
        options = [""] + fitting + [f"{a}; {b}" for i, a in enumerate(fitting)
                                    for b in fitting[i + 1:]]
        rows = category == code
        picks = (draw[rows] * len(options)).astype(np.int64)
        result[rows] = np.array(options, dtype=object)[picks]
    return result


def bench_aggregation(url: str, records: pd.DataFrame,
                      boundaries: Boundaries) -> dict[str, Any]:
    """Load ``records`` into a fresh database at ``url`` and time the national aggregation."""
    engine = prepare_database(url)
    try:
        load_seconds, submission_ids = load_records(engine, records)
        totals_seconds = write_totals(engine, submission_ids)
        direct = time_runs(lambda: group_records_directly(engine), AGGREGATION_RUNS)
        timing = time_runs(lambda: aggregate_nationally(engine, boundaries), AGGREGATION_RUNS)
        table, totals, summary_rows = aggregate_nationally(engine, boundaries)
        deployment = bench_deployment(engine, submission_ids, records, boundaries)
    finally:
        engine.dispose()
    return {
        "deployment": deployment,
        "backend": engine.dialect.name,
        "load_s": load_seconds,
        "write_totals_s": totals_seconds,
        "group_records_directly": direct.as_dict(),
        "aggregate": timing.as_dict(),
        "summary_rows": summary_rows,
        "check": sum_check(table, totals, records),
    }


def aggregate_nationally(engine: Engine,
                         boundaries: Boundaries) -> tuple[pd.DataFrame, pd.Series, int]:
    """What the Kaart page computes: the summary, the region table and the national totals."""
    with engine.connect() as conn:
        summary = storage.capacity_summary(conn)
    table = aggregation.region_table(summary, boundaries.regions, REGION_CODES)
    return table, aggregation.national_totals(summary), len(summary)


def sum_check(table: pd.DataFrame, totals: pd.Series, records: pd.DataFrame) -> dict[str, Any]:
    """Do the regions add up to the national total, and both to the generated records?"""
    check: dict[str, Any] = {}
    for measure in ("persons", "fte", "deployable_persons"):
        regional = float(table[measure].sum())
        national = float(totals[measure])
        generated = float(records[measure].sum())
        check[measure] = {"regions": regional, "national": national, "generated": generated}
    check["ok"] = all(
        math.isclose(v["regions"], v["national"], rel_tol=1e-9)
        and math.isclose(v["national"], v["generated"], rel_tol=1e-9)
        for v in check.values()
    )
    return check


def write_totals(engine: Engine, submission_ids: dict[str, int]) -> float:
    """What publishing does after inserting records: sum them into capacity_total."""
    start = time.perf_counter()
    with engine.begin() as conn:
        for submission_id in submission_ids.values():
            storage.write_totals(conn, submission_id)
    return time.perf_counter() - start


def group_records_directly(engine: Engine) -> int:
    """The same national GROUP BY over the 1M current records, without the totals table."""
    sql = text(
        "SELECT r.region_code, r.gemeente_code, r.category, r.subcategory, "
        "r.deployable_within_hours, SUM(r.persons), SUM(r.fte), SUM(r.deployable_persons), "
        "COUNT(*) FROM capacity_record r JOIN current_version c "
        "ON c.submission_id = r.submission_id GROUP BY r.region_code, r.gemeente_code, "
        "r.category, r.subcategory, r.deployable_within_hours")
    with engine.connect() as conn:
        return len(conn.execute(sql).all())


def load_records(engine: Engine, records: pd.DataFrame) -> tuple[float, dict[str, int]]:
    """Store the records as each region's current version, the fast way; return seconds.

    Submissions and current versions go through SQLAlchemy Core; the million
    records through the driver (sqlite3 ``executemany`` or PostgreSQL ``COPY``).
    """
    start = time.perf_counter()
    with engine.begin() as conn:
        ids = insert_submissions(conn, records.groupby("region_code", sort=True).size())
        frame = records.assign(submission_id=records["region_code"].map(ids))
        driver = conn.connection.driver_connection
        if engine.dialect.name == "postgresql":
            copy_records(driver, frame)
            conn.execute(text("ANALYZE"))
        else:
            executemany_records(driver, frame)
    return time.perf_counter() - start, ids


def insert_submissions(conn: Connection, row_counts: pd.Series) -> dict[str, int]:
    """One upload per region, made current; return the submission id per region."""
    now = datetime.now(UTC)
    ids: dict[str, int] = {}
    for region, count in row_counts.items():
        ids[str(region)] = conn.execute(insert(Submission).returning(Submission.id), {
            "region_code": region, "version": 1, "kind": "upload", "is_demo": False,
            "uploaded_by": "benchmark", "uploaded_at": now, "filename": "bench.xlsx",
            "sha256": None, "row_count": int(count), "warnings_accepted": [],
            "restored_from_id": None,
        }).scalar_one()
        conn.execute(insert(CurrentVersion), {"region_code": region,
                                              "submission_id": ids[str(region)],
                                              "updated_at": now})
    return ids


def executemany_records(driver: Any, frame: pd.DataFrame) -> None:
    """Insert the records with sqlite3's ``executemany`` (dates as ISO strings)."""
    columns = ", ".join(RECORD_TABLE_COLUMNS)
    marks = ", ".join("?" * len(RECORD_TABLE_COLUMNS))
    rows = zip(*(frame[c].tolist() for c in RECORD_TABLE_COLUMNS), strict=True)
    driver.executemany(f"INSERT INTO capacity_record ({columns}) VALUES ({marks})", rows)


def copy_records(driver: Any, frame: pd.DataFrame, chunk: int = 200_000) -> None:
    """Stream the records into PostgreSQL with ``COPY ... FROM STDIN`` (CSV, NULL as \\N)."""
    columns = ", ".join(RECORD_TABLE_COLUMNS)
    sql = f"COPY capacity_record ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')"
    with driver.cursor() as cursor, cursor.copy(sql) as copy:
        for start in range(0, len(frame), chunk):
            buffer = io.StringIO()
            frame.iloc[start:start + chunk][RECORD_TABLE_COLUMNS].to_csv(
                buffer, header=False, index=False, na_rep="\\N")
            copy.write(buffer.getvalue())


def bench_postgresql(records: pd.DataFrame, boundaries: Boundaries) -> dict[str, Any]:
    """The aggregation on a temporary PostgreSQL database, or why it was skipped."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        print("\nPostgreSQL: overgeslagen (TEST_DATABASE_URL niet gezet)")
        return {"skipped": "TEST_DATABASE_URL niet gezet"}
    with temporary_postgres(base) as url:
        result = bench_aggregation(url, records, boundaries)
    print_aggregation("PostgreSQL", result)
    print_deployment("PostgreSQL", result["deployment"])
    return result


@contextmanager
def temporary_postgres(base: str) -> Iterator[str]:
    """A fresh database on the server of ``base``, dropped afterwards (as tests/conftest.py)."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"capaciteit_bench_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- 4. the crisis team's question (Inzetbaar) ---------------------------------------------


@dataclass(frozen=True)
class BenchQuestion:
    """A question of the benchmark: its label and what is asked."""

    label: str
    question: deployment.Question


def preset_question(preset: presets.Preset) -> deployment.Question:
    """A national question for 500 persons with the preset's scopes, powers and horizon."""
    return deployment.Question((DEPLOYMENT_TARGET,), preset.hours, 500, preset.scopes,
                               preset.powers, "land")


def bench_questions() -> list[BenchQuestion]:
    """National questions (search area: the whole country) from narrow to the broadest."""
    masks = presets.find_preset(list(presets.reference_presets()), "mondkapjes-ov")
    horeca = presets.find_preset(list(presets.reference_presets()), "toegangsbewijs-horeca")
    assert masks is not None and horeca is not None
    return [
        BenchQuestion("mondkapjes OV (boa IV + bevoegdheid), 24 uur",
                      preset_question(masks)),
        BenchQuestion("toegangsbewijs horeca (2 scopes + bevoegdheid), 72 uur",
                      preset_question(horeca)),
        BenchQuestion("alles, geen filter, binnen een week (zwaarste)",
                      deployment.Question((DEPLOYMENT_TARGET,), 168, 50_000,
                                          search_area="land")),
    ]


def bench_deployment(engine: Engine, submission_ids: dict[str, int], records: pd.DataFrame,
                     boundaries: Boundaries) -> dict[str, Any]:
    """Write the per-organisation sums, then time loading them and answering questions.

    The page loads the sums and applies the coverage rule once per data
    version, agreements version and day (a resource cache); each question then
    reads the agreements and runs ``deployment.answer_question`` on the
    prepared frame. All three are timed; the goal is for the question.
    """
    start = time.perf_counter()
    with engine.begin() as conn:
        for submission_id in submission_ids.values():
            storage.write_deployable(conn, submission_id)
        insert_agreements(conn, records)
    write_seconds = time.perf_counter() - start

    def load() -> tuple[pd.DataFrame, pd.DataFrame]:
        with engine.connect() as conn:
            return storage.deployable_capacity(conn), storage.current_versions(conn)

    def prepare() -> deployment.PreparedCapacity:
        with engine.connect() as conn:
            agreements, scopes = agreement_repository.agreements_frame(conn)
        return deployment.prepare_capacity(capacity, agreements, scopes, TODAY)

    load_timing = time_runs(load, DEPLOYMENT_LOAD_RUNS, warmup=0)
    capacity, versions = load()
    prepare_timing = time_runs(prepare, DEPLOYMENT_LOAD_RUNS, warmup=0)
    prepared = prepare()
    result: dict[str, Any] = {"write_s": write_seconds, "rows": len(capacity),
                              "agreements": DEPLOYMENT_AGREEMENTS, "load": load_timing.as_dict(),
                              "prepare": prepare_timing.as_dict(), "questions": []}
    for item in bench_questions():
        def answer(question: deployment.Question = item.question) -> deployment.Answer:
            with engine.connect() as conn:  # the page reads the agreements on every run
                agreements, scopes = agreement_repository.agreements_frame(conn)
            return deployment.answer_question(
                question, prepared, versions, agreements, scopes, boundaries.regions,
                boundaries.neighbours, today=TODAY, stale_after_days=180)

        timing = time_runs(answer, DEPLOYMENT_RUNS)
        got = answer()
        expected = expected_deployable(records, item.question)
        result["questions"].append({
            "label": item.label, "answer": timing.as_dict(), "deployable": got.deployable,
            "covered": got.covered, "expected_deployable": expected,
            "check": got.deployable == expected})
    return result


def insert_agreements(conn: Connection, records: pd.DataFrame) -> None:
    """Valid agreements: four per region with its organisations, three national sector-wide."""
    rng = np.random.default_rng(SEED + 6)
    now = datetime.now(UTC)
    organisations = sorted(records["organisation"].unique())
    pairs = [(c.code, None) for c in default_categories()]
    rows, scopes = [], []
    for i in range(DEPLOYMENT_AGREEMENTS):
        national = i >= DEPLOYMENT_AGREEMENTS - 3
        region = None if national else REGION_CODES[i % len(REGION_CODES)]
        category, _ = pairs[i % len(pairs)]
        rows.append({
            "region_code": region, "partner_id": None, "committed_persons": 50,
            "partner_name": "Sectorpartner (fictief)" if national
            else organisations[int(rng.integers(len(organisations)))],
            "partner_type": "sectororganisatie" if national else "gemeente",
            "powers": "", "activation_trigger": "GRIP 2", "lead_time_hours": 12,
            "compensation_arrangement": "Uurtarief", "compensation_eur": 60.0,
            "compensation_unit": "per uur", "payer": "Veiligheidsregio",
            "valid_from": date(2024, 1, 1), "valid_to": None, "status": "getekend",
            "document_reference": "", "contact_mailbox": "", "contact_person": None,
            "created_by": "benchmark", "created_at": now, "updated_by": "benchmark",
            "updated_at": now})
        scopes.append(category)
    ids = [conn.execute(insert(Agreement).returning(Agreement.id), row).scalar_one()
           for row in rows]
    conn.execute(insert(AgreementScope), [
        {"agreement_id": i, "category": c, "subcategory": None}
        for i, c in zip(ids, scopes, strict=True)])


def expected_deployable(records: pd.DataFrame, question: deployment.Question) -> int:
    """The deployable persons the question should find, from the generated records directly."""
    keep = records["deployable_within_hours"] <= question.hours
    if question.scopes:
        keep &= pd.concat([(records["category"] == c)
                           & ((records["subcategory"] == s) if s else True)
                           for c, s in question.scopes], axis=1).any(axis=1)
    held = records["powers"].str.lower().str.split("; ")
    for power in question.powers:
        wanted = power.lower()
        keep &= held.map(lambda names: wanted in names)  # noqa: B023 - used at once
    return int(records.loc[keep, "deployable_persons"].sum())


def print_deployment(label: str, result: dict[str, Any]) -> None:
    """The question's answer time on one backend, against the goal."""
    load = result["load"]
    print(f"\n4. Inzetbaar: landelijke vraag over {format_number(N_RECORDS)} records: {label}")
    print(f"  Sommen per organisatie/(sub)categorie/termijn/bevoegdheden: "
          f"{format_number(result['rows'])} rijen, geschreven in {result['write_s']:.2f} s "
          f"(bij publiceren, eenmalig); {result['agreements']} geldige afspraken")
    rows = [("", "ms (mediaan)", "spreiding ms", "t.o.v. doel 100 ms", "controle"),
            ("sommen laden (1x per gegevensversie, gecachet)", f"{load['median_ms']:.0f}",
             spread_ms(load), "", ""),
            ("dekking voorbereiden (1x per gegevens-/afsprakenversie en dag, gecachet)",
             f"{result['prepare']['median_ms']:.0f}", spread_ms(result["prepare"]), "", "")]
    for question in result["questions"]:
        timing = question["answer"]
        rows.append((f"vraag: {question['label']}", f"{timing['median_ms']:.1f}",
                     spread_ms(timing), f"{timing['median_ms'] / DEPLOYMENT_GOAL_MS:.2f}x",
                     "ja" if question["check"] else "NEE"))
    print_table(rows)
    print("  Controle: inzetbaar in het antwoord = direct uit de gegenereerde records geteld.")


# --- 3. reading + validating an upload ---------------------------------------------------


def write_upload_file(path: Path, municipalities: pd.DataFrame, n: int, *, seed: int) -> None:
    """A valid ``n``-row capacity file for UPLOAD_REGION, as a region fills in the template.

    The data sheet carries the template's headers (``spreadsheet.columns()``).
    Every organisation name is unique, so there are no duplicates; boa's and
    private security often name a municipality of the region (by name, as the
    template's dropdown offers), the rest is region-wide. The peildatum is a
    real Excel date. Written with xlsxwriter in constant-memory mode.
    """
    rng = np.random.default_rng(seed)
    own = municipalities[municipalities["region_code"] == UPLOAD_REGION]
    names = own["gemeente_name"].tolist()
    pairs = [(c.code, s.code) for c in default_categories() for s in c.subcategories]
    hours = [h.hours for h in horizons()]
    power_names = {c.code: [p.name for p in powers() if c.code in p.categories]
                   for c in default_categories()}
    pair = rng.integers(0, len(pairs), size=n)
    local = rng.random(n)
    place = rng.integers(0, len(names), size=n)
    persons = rng.gamma(2.0, 6.0, size=n).astype(np.int64) + 1
    fte = np.round(persons * rng.uniform(0.4, 1.0, size=n), 1)
    deployable = (persons * rng.uniform(0.1, 0.8, size=n)).astype(np.int64)
    within = rng.choice(hours, size=n)
    with_powers = rng.random(n)
    headers = [c.header for c in spreadsheet.columns()]
    peil_col = headers.index("peildatum")
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                           "strings_to_formulas": False})
    sheet = book.add_worksheet(spreadsheet.DATA_SHEET)
    date_format = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, headers)
    peildatum = datetime(UPLOAD_PEILDATUM.year, UPLOAD_PEILDATUM.month, UPLOAD_PEILDATUM.day)
    for i in range(n):
        category, subcategory = pairs[pair[i]]
        options = power_names[category]
        values: dict[str, object] = {
            "regio": UPLOAD_REGION,
            "gemeente": names[place[i]]
            if local[i] < MUNICIPAL_CATEGORIES.get(category, 0.0) else None,
            "organisatie": f"Organisatie {i:05d} (fictief)",
            "organisatie_id": f"KVK{10_000_000 + i}" if i % 4 == 0 else None,
            "categorie": category,
            "subcategorie": subcategory,
            "aantal_personen": int(persons[i]),
            "fte": float(fte[i]),
            "inzetbaar_personen": int(deployable[i]),
            "inzetbaar_binnen_uur": int(within[i]),
            "bevoegdheden": "; ".join(options[:2]) if options and with_powers[i] < 0.5
            else None,
            "opmerking": "Benchmarkgegevens (fictief)" if i % 10 == 0 else None,
        }
        row = [values.get(h) for h in headers]
        sheet.write_row(i + 1, 0, row[:peil_col])
        sheet.write_datetime(i + 1, peil_col, peildatum, date_format)
        sheet.write_row(i + 1, peil_col + 1, row[peil_col + 1:])
    book.close()


def upload_context(municipalities: pd.DataFrame,
                   region_names: dict[str, str]) -> validation.Context:
    """What check_upload judges a VR13 upload against, with no current version."""
    return validation.Context(UPLOAD_REGION, region_names[UPLOAD_REGION], municipalities,
                              default_categories(), TODAY, None, region_names)


def import_upload(path: Path, ctx: validation.Context) -> validation.ValidationResult:
    """Our import path, as preview.check_upload runs it: bytes, read_upload, validate_sheet."""
    sheet = spreadsheet.read_upload(path.read_bytes(), path.name, spreadsheet.Limits())
    return validation.validate_sheet(sheet, ctx)


def bench_upload(boundaries: Boundaries, directory: Path, n: int) -> dict[str, Any]:
    """Time reading + validating an ``n``-row .xlsx against the bare calamine read."""
    path = directory / f"capaciteit-{UPLOAD_REGION}-{n}.xlsx"
    start = time.perf_counter()
    write_upload_file(path, boundaries.municipality_table(), n, seed=SEED)
    build_seconds = time.perf_counter() - start
    ctx = upload_context(boundaries.municipality_table(), boundaries.region_names())
    context_file = directory / "upload-context.json"
    context_file.write_text(json.dumps({
        "municipalities": ctx.municipalities.to_dict(orient="list"),
        "region_names": ctx.region_names}), "utf-8")
    result = import_upload(path, ctx)
    timings = time_interleaved({
        "floor": lambda: pd.read_excel(path, engine="calamine"),
        "ours": lambda: import_upload(path, ctx),
        **upload_stages(path, ctx),
    }, UPLOAD_RUNS)
    floor, ours = timings.pop("floor"), timings.pop("ours")
    openpyxl = time_runs(lambda: pd.read_excel(path, engine="openpyxl"), OPENPYXL_RUNS,
                         warmup=0)
    return {
        "rows": n,
        "region": UPLOAD_REGION,
        "file_kb": path.stat().st_size / 1024,
        "build_s": build_seconds,
        "floor_calamine": floor.as_dict(),
        "ours": ours.as_dict(),
        "openpyxl": openpyxl.as_dict(),
        "time_ratio": ours.median / floor.median,
        "goal_ratio": UPLOAD_GOAL,
        "stages": {name: timing.as_dict() for name, timing in timings.items()},
        "memory": {
            "tracemalloc_peak_mb": tracemalloc_peak(lambda: import_upload(path, ctx)) / 2**20,
            "peak_rss_growth_ours_mb": rss_growth("ours", path, context_file),
            "peak_rss_growth_floor_mb": rss_growth("floor", path, context_file),
        },
        "check": {"errors": len(result.errors), "warnings": len(result.warnings),
                  "records": len(result.records),
                  "persons": int(result.records["persons"].sum()) if len(result.records)
                  else 0,
                  "first_error": result.errors[0].text() if result.errors else None},
    }


def upload_stages(path: Path, ctx: validation.Context) -> dict[str, Callable[[], object]]:
    """Each stage of our path on its own, on the output of the stage before.

    Uses the modules' private steps (``_inspect_zip``, ``_read_xlsx``,
    ``_to_sheet``, ``_run_rules``); if they are renamed, fix this function.
    """
    content = path.read_bytes()
    limits = spreadsheet.Limits()
    sheet = spreadsheet.read_upload(content, path.name, limits)
    _, cells = spreadsheet._read_xlsx(content, limits)
    typed = validation.parse_values(sheet.frame, ctx)
    return {
        "read_upload": lambda: spreadsheet.read_upload(content, path.name, limits),
        "read_upload.inspect_zip": lambda: spreadsheet._inspect_zip(content, limits),
        "read_upload.read_xlsx": lambda: spreadsheet._read_xlsx(content, limits),
        "read_upload.to_sheet": lambda: spreadsheet._to_sheet(cells, sheet.sheet_name, limits),
        "validate_sheet": lambda: validation.validate_sheet(sheet, ctx),
        "validate_sheet.parse_values": lambda: validation.parse_values(sheet.frame, ctx),
        "validate_sheet.rules": lambda: validation._run_rules(typed, sheet, ctx),
    }


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
    return {name: Timing(statistics.median(s), min(s), max(s), runs)
            for name, s in seconds.items()}


def tracemalloc_peak(action: Callable[[], object]) -> int:
    """Peak bytes traced by tracemalloc during one run (Python and numpy allocations only)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def rss_growth(mode: str, path: Path, context_file: Path) -> float | None:
    """Peak RSS growth (MB) of one run in a fresh process, over its high-water mark after setup."""
    completed = subprocess.run(
        [sys.executable, __file__, "--upload-memory", mode, str(path), str(context_file)],
        capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        print(completed.stderr, file=sys.stderr)
        return None
    return float(json.loads(completed.stdout.strip().splitlines()[-1])["growth_mb"])


def upload_memory_child(mode: str, path: Path, context_file: Path) -> None:
    """In a fresh process: print the max RSS growth of one floor read or one import.

    The context comes from a small JSON file, not from the boundaries, so that
    loading geometry does not set the high-water mark before the measurement.
    """
    data = json.loads(context_file.read_text("utf-8"))
    ctx = upload_context(pd.DataFrame(data["municipalities"]), data["region_names"])
    path.read_bytes()  # imports, setup and the page cache are in the baseline
    before = peak_rss_bytes()
    if mode == "floor":
        pd.read_excel(path, engine="calamine")
    else:
        import_upload(path, ctx)
    after = peak_rss_bytes()
    print(json.dumps({"growth_mb": (after - before) / 2**20, "baseline_mb": before / 2**20}))


def peak_rss_bytes() -> int:
    """This process's peak RSS. On Linux VmHWM from /proc: ``getrusage``'s ru_maxrss
    starts a child at its parent's RSS (here the 1M-record benchmark), which hides the
    growth; elsewhere ru_maxrss (KB on Linux, bytes on macOS)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024

# --- report ----------------------------------------------------------------------------


def print_header(machine: dict[str, Any]) -> None:
    """Machine facts and date."""
    print("Benchmark Handhavingscapaciteit in kaart")
    print(f"  datum   {machine['date']}")
    print(f"  python  {machine['python']} ({machine['implementation']})")
    print(f"  cpu's   {machine['cpu_count']}")
    print(f"  systeem {machine['platform']}")
    if machine["load_average_1min"] is not None:
        print(f"  belasting bij de start (load average, 1 min) {machine['load_average_1min']:.2f}")


def print_map(result: dict[str, Any]) -> None:
    """The national map against its floor."""
    build, floor = result["build_render"], result["floor_json_dumps"]
    print(f"\n1. Landelijke kaart ({result['features']} regio's), mediaan van "
          f"{build['runs']} runs na opwarmen")
    rows = [
        ("", "tijd (ms)", "grootte (KB)"),
        ("build_choropleth + render", f"{build['median_ms']:.1f}", f"{result['html_kb']:.1f}"),
        ("vloer: json.dumps(GeoJSON)", f"{floor['median_ms']:.2f}", f"{result['floor_kb']:.1f}"),
        ("verhouding kaart / vloer", f"{result['time_ratio']:.0f}x",
         f"{result['size_ratio']:.2f}x"),
    ]
    print_table(rows)
    print(f"  (spreiding kaart {build['min_ms']:.1f}–{build['max_ms']:.1f} ms)")
    print(f"  Ter vergelijking: regio-GeoJSON onvereenvoudigd (cache) "
          f"{result['raw_regions_geojson_kb']:.1f} KB, vereenvoudigd (cache) "
          f"{result['display_regions_geojson_kb']:.1f} KB, bronbestand "
          f"{result['source_regions_geojson_kb']:.1f} KB")


def print_aggregation(label: str, result: dict[str, Any]) -> None:
    """The national aggregation on one backend, with its sanity line."""
    timing = result["aggregate"]
    direct = result["group_records_directly"]
    print(f"\n2. Landelijke aggregatie over {format_number(N_RECORDS)} records: {label}")
    print_table([
        ("", "seconden"),
        ("laden (hoort niet bij de meting)", f"{result['load_s']:.2f}"),
        ("totalen schrijven bij publiceren (alle 25 versies, eenmalig)",
         f"{result['write_totals_s']:.3f}"),
        (f"summary + region_table + national_totals (mediaan van {timing['runs']})",
         f"{timing['median_ms'] / 1000:.3f}"),
        ("  spreiding", f"{timing['min_ms'] / 1000:.3f}–{timing['max_ms'] / 1000:.3f}"),
        (f"ter vergelijking: GROUP BY over alle records (mediaan van {direct['runs']})",
         f"{direct['median_ms'] / 1000:.3f}"),
        ("verhouding GROUP BY / totalentabel",
         f"{direct['median_ms'] / max(timing['median_ms'], 1e-9):.0f}x"),
    ])
    print(f"  Samenvatting uit de database: {format_number(result['summary_rows'])} groepen")
    print(f"  {sum_check_line(result['check'])}")


def sum_check_line(check: dict[str, Any]) -> str:
    """The sanity line: regions, national total and generated data agree."""
    persons, fte = check["persons"], check["fte"]
    verdict = "ja" if check["ok"] else "NEE"
    return (f"Controle regio's opgeteld = landelijk totaal = gegenereerd: {verdict} "
            f"(personen {format_number(persons['regions'])} / "
            f"{format_number(persons['national'])} / {format_number(persons['generated'])}; "
            f"fte {format_number(fte['regions'], 1)} / {format_number(fte['national'], 1)} / "
            f"{format_number(fte['generated'], 1)})")


def print_upload(result: dict[str, Any]) -> None:
    """Reading + validating the upload against the bare calamine read, with stages and memory."""
    floor, ours, openpyxl = result["floor_calamine"], result["ours"], result["openpyxl"]
    print(f"\n3. Upload inlezen + valideren: {format_number(result['rows'])} regels .xlsx "
          f"({result['region']}), {result['file_kb'] / 1024:.2f} MB, mediaan van "
          f"{ours['runs']} runs na opwarmen")
    ratio = result["time_ratio"]
    verdict = "gehaald" if ratio <= result["goal_ratio"] else "NIET gehaald"
    print_table([
        ("", "seconden", "spreiding"),
        ("vloer: pd.read_excel(engine='calamine')", f"{floor['median_ms'] / 1000:.3f}",
         spread(floor)),
        ("ons pad: read_upload + validate_sheet", f"{ours['median_ms'] / 1000:.3f}",
         spread(ours)),
        (f"ter vergelijking: pd.read_excel(engine='openpyxl') ({openpyxl['runs']} runs)",
         f"{openpyxl['median_ms'] / 1000:.3f}", spread(openpyxl)),
        (f"verhouding ons pad / vloer (doel <= {result['goal_ratio']:.1f}): {verdict}",
         f"{ratio:.2f}x", ""),
    ])
    print("  Waar de tijd zit (elke stap los, om de beurt met vloer en ons pad gemeten; mediaan):")
    stages = result["stages"]
    print_table([("    stap", "ms", "x vloer")] + [
        (f"    {name}", f"{timing['median_ms']:.0f}",
         f"{timing['median_ms'] / floor['median_ms']:.2f}")
        for name, timing in stages.items()
    ])
    memory = result["memory"]
    print(f"  Geheugen: tracemalloc-piek ons pad {memory['tracemalloc_peak_mb']:.1f} MB "
          f"(alleen Python/numpy, niet calamine/Arrow); groei piek-RSS in een vers proces: "
          f"ons pad {optional_mb(memory['peak_rss_growth_ours_mb'])}, vloer "
          f"{optional_mb(memory['peak_rss_growth_floor_mb'])}")
    check = result["check"]
    print(f"  Controle: {format_number(check['records'])} records, {check['errors']} fouten, "
          f"{check['warnings']} waarschuwingen, personen {format_number(check['persons'])}"
          + (f"; eerste fout: {check['first_error']}" if check["first_error"] else ""))
    print(f"  (bestand gemaakt met xlsxwriter in {result['build_s']:.1f} s, hoort niet bij de "
          f"meting)")


def spread_ms(timing: dict[str, float | int]) -> str:
    """'41.2–47.9' in milliseconds."""
    return f"{timing['min_ms']:.1f}–{timing['max_ms']:.1f}"


def spread(timing: dict[str, float | int]) -> str:
    """'0.55–0.61' in seconds."""
    return f"{timing['min_ms'] / 1000:.3f}–{timing['max_ms'] / 1000:.3f}"


def optional_mb(value: float | None) -> str:
    """A size in MB, or why it is missing."""
    return "onbekend" if value is None else f"{value:.0f} MB"


def print_table(rows: Sequence[tuple[str, ...]]) -> None:
    """Left-aligned first column, right-aligned figures."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [row[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                      strict=True))]
        print("  " + "  ".join(cells))


def write_results(results: dict[str, Any], path: Path) -> None:
    """Write the results as JSON (bench-results/ is git-ignored)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--upload-memory"]:
        upload_memory_child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
