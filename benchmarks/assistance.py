"""Benchmark 5: bijstand at scale: the status board and the Inzetbaar answer with 1,000
persons' deployments under way, over a million records (issue 14's speed goal: 100 ms warm).

The records are loaded as in benchmark 2; 1,000 requests, each with one offer and one
accepted offer of an organisation's persons, are inserted as the app's own rows (through
SQLAlchemy's ``insert``, not the services, which would audit and check each). The pages
read every request and step once per bijstand step (a cache keyed by the change token),
so "warm" is a run after that: the token query and the board's first view (the map view,
built only when chosen, is timed apart), and
the broadest Inzetbaar question on capacity with the deployed persons taken out plus the
answer's bijstand block (against one mask and sum as floor). "Cold" is the read after a
step: every request and step, state, board, flows (against fetching the rows). Preparing
the capacity (sums, coverage, subtraction) is cached per data, agreements and bijstand
version and is timed once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, insert, select

from benchmarks.deployment import write_deployable
from benchmarks.generators import TODAY, bench_questions, generate_records
from benchmarks.loading import load_records, temporary_postgres
from benchmarks.report import print_table, progress, timing_row
from benchmarks.timing import time_interleaved, time_once
from benchmarks.workspace import Workspace
from capaciteit import texts
from capaciteit.agreements.repository import agreements_frame
from capaciteit.assistance import overview
from capaciteit.assistance.board import REQUEST_BOARD
from capaciteit.assistance.board_map import build_flow_map
from capaciteit.deployment import answer as deployment
from capaciteit.deployment.overview import prepared_capacity
from capaciteit.formatting import format_date, format_number
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database
from capaciteit.storage.models import AssistanceEvent, AssistanceRequest

DEPLOYMENTS = 1_000
RUNS = 7
GOAL_MS = 100.0
SEED = 14


def run(workspace: Workspace) -> dict[str, Any]:
    """Generate the records, then measure on SQLite and (when a server is set) PostgreSQL."""
    progress(f"bijstand: {format_number(workspace.records)} records maken")
    records = generate_records(workspace.boundaries.municipality_table(), workspace.records)
    url = f"sqlite:///{(workspace.directory / 'bijstand.db').as_posix()}"
    result: dict[str, Any] = {"records": workspace.records, "sqlite": measure(url, records,
                                                                               workspace)}
    if workspace.postgres_url:
        with temporary_postgres(workspace.postgres_url) as pg_url:
            result["postgresql"] = measure(pg_url, records, workspace)
    return result


def measure(url: str, records: pd.DataFrame, workspace: Workspace) -> dict[str, Any]:
    """Load, deploy 1,000 times, then time the board and the answer warm."""
    engine = prepare_database(url)
    boundaries = workspace.boundaries
    try:
        progress(f"bijstand {engine.dialect.name}: records laden")
        write_deployable(engine, load_records(engine, records))
        inserted = insert_deployments(engine)
        prepare_s, prepared = time_once(lambda: prepared_capacity(engine, TODAY))
        with engine.connect() as conn:
            versions = storage.current_versions(conn)
        question = bench_questions()[-1].question  # the broadest: every category, a week
        hours = prepared.rows["deployable_within_hours"].to_numpy()

        data = overview.load(engine, TODAY)  # what the page caches per bijstand step

        def answer() -> deployment.Answer:
            overview.change_token(engine)  # the page's cache check
            with engine.connect() as conn:
                agreements, scopes = agreements_frame(conn)
            found = deployment.answer_question(
                question, prepared, versions, agreements, scopes, boundaries.regions,
                boundaries.neighbours, today=TODAY, stale_after_days=180)
            overview.deployed_lines(overview.deployed_from(
                data, found.suppliers["region_code"], TODAY))  # the page's bijstand block
            return found

        def board() -> object:
            overview.change_token(engine)  # the page's cache check, then its first view
            return (data.board.assign(start_date=data.board["start_date"].map(format_date),
                                      end_date=data.board["end_date"].map(format_date))
                    [REQUEST_BOARD].rename(columns=texts.ASSIST_BOARD_COLUMNS))

        def board_map() -> object:
            overview.change_token(engine)  # the view "Kaart": the flow map, rendered
            return build_flow_map(boundaries.regions_display, data.flows, date_label="",
                                  attributions=[]).get_root().render()

        def answer_alone() -> deployment.Answer:
            with engine.connect() as conn:
                agreements, scopes = agreements_frame(conn)
            return deployment.answer_question(
                question, prepared, versions, agreements, scopes, boundaries.regions,
                boundaries.neighbours, today=TODAY, stale_after_days=180)

        progress(f"bijstand {engine.dialect.name}: statusbord en antwoord meten")
        timings = time_interleaved({
            "board": board,
            "board_map": board_map,
            "board_cold": lambda: overview.load(engine, TODAY),
            "floor_board": lambda: fetch_rows(engine),
            "answer": answer,
            "answer_alone": answer_alone,
            "floor_answer": lambda: int(prepared.deployable[hours <= question.hours].sum()),
        }, RUNS)
    finally:
        engine.dispose()
    return {
        "backend": engine.dialect.name, "deployments": inserted,
        "deployed_now": int(data.board["deployed_persons"].sum()),
        "prepare_s": prepare_s, "goal_ms": GOAL_MS,
        **{name: timing.as_dict() for name, timing in timings.items()},
        "board_goal_ratio": timings["board"].median * 1000 / GOAL_MS,
        "answer_goal_ratio": timings["answer"].median * 1000 / GOAL_MS,
    }


def insert_deployments(engine: Engine, n: int = DEPLOYMENTS) -> int:
    """``n`` requests, each with one offer of an organisation's persons, accepted (under way)."""
    with engine.connect() as conn:
        capacity = storage.deployable_capacity(conn)
    usable = capacity[capacity["deployable_persons"] >= 1].reset_index(drop=True)
    rng = np.random.default_rng(SEED)
    picks = usable.iloc[rng.choice(len(usable), size=n, replace=False)].astype(object)
    now = datetime.now(UTC)
    requests = [{
        "reference": f"BV-{TODAY.year}-{i + 1:04d}", "year": TODAY.year, "number": i + 1,
        "region_code": row.region_code, "targets": [row.region_code], "scopes": [],
        "powers": [], "persons_needed": 1, "hours": 168, "search_area": "buren",
        "start_date": TODAY, "duration_amount": 2, "duration_unit": "weken",
        "end_date": TODAY + timedelta(days=13), "report_location": "Bench",
        "question": "", "created_by": "bench", "created_at": now}
        for i, row in enumerate(picks.itertuples())]
    with engine.begin() as conn:
        conn.execute(insert(AssistanceRequest), requests)
        ids = [r for (r,) in conn.execute(select(AssistanceRequest.id)
                                          .order_by(AssistanceRequest.id))]
        step = {"reason": "", "actor": "bench", "agreement_id": None, "compensation_eur": None,
                "compensation_unit": None}
        offers = [{**step, "request_id": rid, "kind": "aanbod", "offer_id": None,
                   "region_code": row.region_code, "organisation": row.organisation,
                   "organisation_id": row.organisation_id, "category": row.category,
                   "subcategory": row.subcategory, "persons": 1, "at": now}
                  for rid, row in zip(ids, picks.itertuples(), strict=True)]
        conn.execute(insert(AssistanceEvent), offers)
        offer_ids = [r for (r,) in conn.execute(select(AssistanceEvent.id)
                                                .order_by(AssistanceEvent.id))]
        conn.execute(insert(AssistanceEvent), [
            {**step, "request_id": rid, "kind": "aanvaarding", "offer_id": oid,
             "region_code": row.region_code, "organisation": None, "organisation_id": None,
             "category": None, "subcategory": None, "persons": 1,
             "at": now + timedelta(minutes=5)}
            for rid, oid, row in zip(ids, offer_ids, picks.itertuples(), strict=True)])
    return n


def fetch_rows(engine: Engine) -> int:
    """The board's floor: fetching every request and step, without pandas."""
    with engine.connect() as conn:
        return (len(conn.execute(select(AssistanceRequest)).all())
                + len(conn.execute(select(AssistanceEvent)).all()))


def show(result: dict[str, Any]) -> None:
    """The board and the answer per database, against their floors and the goal."""
    for key in ("sqlite", "postgresql"):
        if key not in result:
            continue
        r = result[key]
        print(f"\n5. Bijstand: {format_number(r['deployments'])} lopende inzetten over "
              f"{format_number(result['records'])} records: {r['backend']} "
              f"(capaciteit voorbereiden, eenmalig per versie: {r['prepare_s']:.1f} s)")
        print_table([
            ("", "ms (mediaan)", "spreiding ms", "vloer ms", "x vloer"),
            timing_row("statusbord warm (per verzoek, uit de cache)", r["board"], None),
            timing_row("statusbord warm, weergave Kaart (stroomkaart)", r["board_map"], None),
            timing_row("statusbord koud (na elke stap: alles lezen en afleiden)",
                       r["board_cold"], r["floor_board"]),
            timing_row("Inzetbaar: breedste vraag + blok 'al ingezet'", r["answer"],
                       r["floor_answer"]),
            timing_row("  waarvan de vraag zelf (zonder bijstandsblok)", r["answer_alone"],
                       None)])
        print(f"  t.o.v. doel {GOAL_MS:.0f} ms: statusbord {r['board_goal_ratio']:.2f}x, "
              f"antwoord {r['answer_goal_ratio']:.2f}x; nu ingezet: "
              f"{format_number(r['deployed_now'])} personen")
