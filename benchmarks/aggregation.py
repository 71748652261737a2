"""Benchmark 2: the national aggregation over a million records and the Kaart page's rerun.

Both on SQLite and (when a server is set) PostgreSQL, on the same generated records.

The crisis team's question (benchmark 3, ``deployment``) runs on the same loaded
databases, so it is measured from here and reported under each database.
"""

from __future__ import annotations

import json
import pickle
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, select

from benchmarks import deployment
from benchmarks.generators import generate_records
from benchmarks.loading import load_records, temporary_postgres
from benchmarks.map import embedded_geojson, render
from benchmarks.report import print_table, progress, timing_row
from benchmarks.timing import time_interleaved, time_once, time_runs
from benchmarks.workspace import Workspace
from capaciteit import texts
from capaciteit.capacity import aggregation, overview
from capaciteit.capacity.presentation import (
    describe_map,
    labelled,
    map_attributions,
    peildatum_label,
)
from capaciteit.exports import to_csv_bytes, to_xlsx_bytes
from capaciteit.formatting import format_number
from capaciteit.geo.boundaries import REGION_CODES, Boundaries
from capaciteit.geo.maps import build_choropleth
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import CapacityRecord, CapacityTotal, CurrentVersion

RUNS = 5
RERUN_RUNS = 7


def run(workspace: Workspace) -> dict[str, Any]:
    """Generate the records, then measure on SQLite and (when a server is set) PostgreSQL."""
    progress(f"{format_number(workspace.records)} records maken")
    records = generate_records(workspace.boundaries.municipality_table(), workspace.records)
    sqlite_url = f"sqlite:///{(workspace.directory / 'bench.db').as_posix()}"
    result: dict[str, Any] = {"records": workspace.records,
                              "sqlite": measure(sqlite_url, records, workspace)}
    if workspace.postgres_url:
        with temporary_postgres(workspace.postgres_url) as url:
            result["postgresql"] = measure(url, records, workspace)
    else:
        result["postgresql"] = {"skipped": "TEST_DATABASE_URL niet gezet"}
    return result


def measure(url: str, records: pd.DataFrame, workspace: Workspace) -> dict[str, Any]:
    """Load ``records`` into a fresh database at ``url``; time aggregation, page and question."""
    engine = prepare_database(url)
    boundaries = workspace.boundaries
    try:
        progress(f"{engine.dialect.name}: records laden")
        load_seconds, submission_ids = time_once(lambda: load_records(engine, records))
        totals_seconds, _ = time_once(lambda: write_totals(engine, submission_ids))
        progress(f"{engine.dialect.name}: landelijke aggregatie meten")
        timings = time_interleaved({
            "floor": lambda: fetch_totals(engine),
            "aggregate": lambda: aggregate_nationally(engine, boundaries),
            "direct": lambda: group_records_directly(engine),
        }, RUNS)
        summary = aggregate_nationally(engine, boundaries)
        progress(f"{engine.dialect.name}: Kaart-pagina per rerun meten")
        rerun = national_rerun(engine, boundaries)
        progress(f"{engine.dialect.name}: Inzetbaar meten")
        questions = deployment.measure(engine, submission_ids, records, boundaries)
    finally:
        engine.dispose()
    return {
        "backend": engine.dialect.name,
        "load_s": load_seconds,
        "write_totals_s": totals_seconds,
        "floor_fetch_totals": timings["floor"].as_dict(),
        "aggregate": timings["aggregate"].as_dict(),
        "aggregate_ratio": timings["aggregate"].median / timings["floor"].median,
        "group_records_directly": timings["direct"].as_dict(),
        "summary_rows": summary["rows"],
        "sanity": {"national_persons": summary["persons"],
                   "generated_persons": int(records["persons"].sum())},
        "national_rerun": rerun,
        "deployment": questions,
    }


def write_totals(engine: Engine, submission_ids: dict[str, int]) -> None:
    """What publishing does after inserting records: sum them into capacity_total."""
    with engine.begin() as conn:
        for submission_id in submission_ids.values():
            storage.write_totals(conn, submission_id)


def aggregate_nationally(engine: Engine, boundaries: Boundaries) -> dict[str, int]:
    """What the national picture computes: the summary, the region table, the national totals."""
    with engine.connect() as conn:
        summary = storage.capacity_summary(conn)
    aggregation.region_table(summary, boundaries.regions, REGION_CODES)
    totals = aggregation.national_totals(summary)
    return {"rows": len(summary), "persons": int(totals["persons"])}


def fetch_totals(engine: Engine) -> int:
    """The floor: fetching the current totals rows the summary is made of, nothing more."""
    t = CapacityTotal
    query = (select(t.region_code, t.gemeente_code, t.category, t.subcategory,
                    t.deployable_within_hours, t.persons, t.fte, t.deployable_persons,
                    t.records)
             .join(CurrentVersion, CurrentVersion.submission_id == t.submission_id))
    with engine.connect() as conn:
        return len(conn.execute(query).all())


def group_records_directly(engine: Engine) -> int:
    """For comparison: the same national GROUP BY over every current record, no totals table."""
    r = CapacityRecord
    keys = [r.region_code, r.gemeente_code, r.category, r.subcategory,
            r.deployable_within_hours]
    query = (select(*keys, func.sum(r.persons), func.sum(r.fte), func.sum(r.deployable_persons),
                    func.count())
             .join(CurrentVersion, CurrentVersion.submission_id == r.submission_id)
             .group_by(*keys))
    with engine.connect() as conn:
        return len(conn.execute(query).all())


def national_rerun(engine: Engine, boundaries: Boundaries) -> dict[str, Any]:
    """Time the Kaart page's own work per rerun, stage by stage, against the map's floor.

    As pages/kaart.py with every category and the first measure: the change token
    (one query), the cached data (``st.cache_data`` unpickles its copy), the region
    table and totals, the map built and rendered, the two downloads. Streamlit's
    own work (widgets, st_folium's further serialisation) is not in it.
    """
    first = time_runs(lambda: overview.dashboard_data(engine, boundaries), RUNS, warmup=0)
    data = overview.dashboard_data(engine, boundaries)
    cached = pickle.dumps(data)
    table, notes = page_table(data, boundaries)
    fmap = page_map(data, boundaries, table)
    geojson = embedded_geojson(fmap)
    timings = time_interleaved({
        "floor": lambda: json.dumps(geojson),
        "rerun": lambda: page_rerun(engine, boundaries, cached),
        "change_token": lambda: overview.change_token(engine),
        "cache_read": lambda: pickle.loads(cached),
        "region_table": lambda: page_table(data, boundaries),
        "map_build_render": lambda: render(page_map(data, boundaries, table)),
        "downloads": lambda: page_downloads(table, notes),
    }, RERUN_RUNS)
    floor, rerun = timings.pop("floor"), timings.pop("rerun")
    return {"first_load_dashboard_data": first.as_dict(), "rerun": rerun.as_dict(),
            "floor_json_dumps": floor.as_dict(), "ratio": rerun.median / floor.median,
            "stages": {name: timing.as_dict() for name, timing in timings.items()}}


def page_rerun(engine: Engine, boundaries: Boundaries, cached: bytes) -> int:
    """One rerun of the Kaart page's own work, in its order; the HTML's length."""
    overview.change_token(engine)
    data: overview.DashboardData = pickle.loads(cached)
    table, notes = page_table(data, boundaries)
    html = render(page_map(data, boundaries, table))
    page_downloads(table, notes)
    return len(html)


def page_table(data: overview.DashboardData,
               boundaries: Boundaries) -> tuple[pd.DataFrame, list[str]]:
    """The region table, totals, peildatum and description the page shows; the export notes."""
    measure = aggregation.available_measures(data.population is not None)[0]
    summary = aggregation.filter_category(data.summary, None)
    table = aggregation.region_table(summary, boundaries.regions, data.versions["region_code"],
                                     data.population)
    aggregation.national_totals(summary)
    peildatum = peildatum_label(data.versions)
    describe_map(table, measure, texts.ALL_CATEGORIES)
    notes = [f"{measure.label}, {texts.ALL_CATEGORIES}", peildatum,
             *map_attributions(boundaries.manifest, data.has_demo, data.population_date)]
    return table, notes


def page_map(data: overview.DashboardData, boundaries: Boundaries, table: pd.DataFrame) -> Any:
    """The page's choropleth of the first measure over every category."""
    measure = aggregation.available_measures(data.population is not None)[0]
    return build_choropleth(
        boundaries.regions_display, table, key="region_code", name_column="region_name",
        value_column=measure.column, legend_title=measure.label,
        peildatum=peildatum_label(data.versions),
        attributions=map_attributions(boundaries.manifest, data.has_demo,
                                      data.population_date),
        decimals=measure.decimals)


def page_downloads(table: pd.DataFrame, notes: list[str]) -> int:
    """The CSV and Excel downloads the page prepares on every run; their total size."""
    columns = ["region_code", "region_name", "persons", "fte", "deployable_persons"]
    measure = aggregation.available_measures(False)[0]
    shown = labelled(table, columns, {measure.column: measure.label})
    return len(to_csv_bytes(shown)) + len(to_xlsx_bytes(shown, "Capaciteit", notes))


def show(result: dict[str, Any]) -> None:
    """The aggregation, the page's rerun and the question on every database measured."""
    for key, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        backend = result[key]
        if "skipped" in backend:
            print(f"\n2. {label}: overgeslagen ({backend['skipped']})")
            continue
        show_backend(label, result["records"], backend)
        deployment.show(label, result["records"], backend["deployment"])


def show_backend(label: str, records: int, result: dict[str, Any]) -> None:
    """The national aggregation and the Kaart page's rerun on one database."""
    floor, ours = result["floor_fetch_totals"], result["aggregate"]
    direct = result["group_records_directly"]
    rerun = result["national_rerun"]
    print(f"\n2. Landelijke aggregatie over {format_number(records)} records: {label}")
    print(f"  laden {result['load_s']:.2f} s (hoort niet bij de meting); totalen schrijven "
          f"bij publiceren (alle 25 versies, eenmalig) {result['write_totals_s']:.3f} s")
    print_table([
        ("", "ms (mediaan)", "spreiding ms", "vloer ms", "x vloer"),
        timing_row("summary + region_table + national_totals", ours, floor),
        timing_row("ter vergelijking: GROUP BY over alle records", direct, floor),
        timing_row("Kaart-pagina: eerste keer gegevens lezen (dashboard_data)",
                   rerun["first_load_dashboard_data"], None),
        timing_row("Kaart-pagina: eigen werk per rerun", rerun["rerun"],
                   rerun["floor_json_dumps"]),
        *(timing_row(f"  {name}", timing, None) for name, timing in rerun["stages"].items()),
    ])
    print("  vloer aggregatie: de rijen van de totalentabel ophalen, zonder pandas; vloer "
          "rerun: json.dumps van de GeoJSON van de kaart")
    sanity = result["sanity"]
    print(f"  {format_number(result['summary_rows'])} groepen; personen landelijk "
          f"{format_number(sanity['national_persons'])}, gegenereerd "
          f"{format_number(sanity['generated_persons'])}")
