"""Benchmark 3: the crisis team's national question (Inzetbaar) over a million records.

The page keeps the per-organisation sums with their coverage warm
(``deployment.warm.WarmCapacity``): each question reads the change tokens, the
agreements and runs ``answer_question`` on the prepared frame. Timed: loading and
preparing everything (a process's first question), every question warm (100 ms goal),
and the first question after one region publishes or one region's agreement changes
(0.5 s goal), when only that region is redone.
The answer includes whom to call (the organisations of every supplying region, with
their agreements and mailboxes) and the cost lines: what the page shows and exports.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, select

from benchmarks.generators import TODAY, bench_questions, generate_agreements
from benchmarks.loading import insert_agreements
from benchmarks.report import print_table, timing_row
from benchmarks.timing import Timing, time_interleaved, time_once, time_runs
from capaciteit.agreements import repository as agreement_repository
from capaciteit.capacity import overview
from capaciteit.deployment import answer as deployment
from capaciteit.deployment.warm import WarmCapacity
from capaciteit.formatting import format_number
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.storage.models import CapacityDeployable, CurrentVersion

RUNS = 7
LOAD_RUNS = 3
CHANGE_RUNS = 3
GOAL_MS = 100.0
AFTER_CHANGE_GOAL_MS = 500.0
CHANGED_REGION = "VR13"  # the region that publishes (also the questions' target)
STALE_AFTER_DAYS = 180


def measure(engine: Engine, submission_ids: dict[str, int], records: pd.DataFrame,
            boundaries: Boundaries) -> dict[str, Any]:
    """Write the per-organisation sums and the agreements; time loading, preparing, answering."""
    write_seconds, _ = time_once(lambda: write_deployable(engine, submission_ids))
    agreements = generate_agreements(sorted(records["organisation"].unique()))
    with engine.begin() as conn:
        insert_agreements(conn, agreements)

    def load() -> tuple[pd.DataFrame, pd.DataFrame]:
        with engine.connect() as conn:
            return storage.deployable_capacity(conn), storage.current_versions(conn)

    def prepare() -> deployment.PreparedCapacity:
        with engine.connect() as conn:
            frames = agreement_repository.agreements_frame(conn)
        return deployment.prepare_capacity(capacity, *frames, TODAY)

    loads = time_interleaved({"floor": lambda: fetch_sums(engine), "load": load}, LOAD_RUNS,
                             warmup=0)
    capacity, versions = load()
    prepare_timing = time_runs(prepare, LOAD_RUNS, warmup=0)
    warm = WarmCapacity()
    first_fill = time_runs(lambda: WarmCapacity().prepared(engine, TODAY), 1, warmup=0)
    prepared = warm.prepared(engine, TODAY)
    hours = prepared.rows["deployable_within_hours"].to_numpy()
    result: dict[str, Any] = {
        "write_s": write_seconds, "rows": len(capacity), "agreements": len(agreements),
        "floor_fetch_sums": loads["floor"].as_dict(), "load": loads["load"].as_dict(),
        "prepare": prepare_timing.as_dict(), "warm_first_fill": first_fill.as_dict(),
        "goal_ms": GOAL_MS, "fixed_stages": fixed_stages(engine, boundaries), "questions": []}
    page = InzetbaarPage(engine, boundaries, warm)
    for item in bench_questions():
        def answer(question: deployment.Question = item.question) -> deployment.Answer:
            return page.answer(question)

        def floor(within: int = item.question.hours) -> int:
            return int(prepared.deployable[hours <= within].sum())

        timings = time_interleaved({"floor": floor, "answer": answer}, RUNS)
        got = answer()
        result["questions"].append({
            "label": item.label, "answer": timings["answer"].as_dict(),
            "floor_horizon_sum": timings["floor"].as_dict(),
            "ratio": timings["answer"].median / timings["floor"].median,
            "goal_ratio": timings["answer"].median * 1000 / GOAL_MS,
            "deployable": got.deployable, "covered": got.covered,
            "organisations": len(got.organisations), "cost_lines": len(got.cost_lines)})
    result["after_change"] = after_change(engine, page, records)
    return result


class InzetbaarPage:
    """The Inzetbaar page's own state across runs: its dashboard data and the warm capacity.

    As ``pages._shared``: the dashboard data is read again (only the changed regions) when
    the capacity change token moves; the warm capacity redoes what changed.
    """

    def __init__(self, engine: Engine, boundaries: Boundaries, warm: WarmCapacity) -> None:
        self.engine, self.boundaries, self.warm = engine, boundaries, warm
        self.data = overview.dashboard_data(engine, boundaries)

    def answer(self, question: deployment.Question) -> deployment.Answer:
        """One run of the page with a question asked."""
        engine = self.engine
        if overview.change_token(engine) != self.data.token:
            self.data = overview.dashboard_data(engine, self.boundaries, self.data)
        prepared = self.warm.prepared(engine, TODAY)  # reads the tokens, redoes what changed
        with engine.connect() as conn:
            agreement_rows, scopes = agreement_repository.agreements_frame(conn)
        return deployment.answer_question(
            question, prepared, self.data.versions, agreement_rows, scopes,
            self.boundaries.regions, self.boundaries.neighbours, today=TODAY,
            stale_after_days=STALE_AFTER_DAYS)


def after_change(engine: Engine, page: InzetbaarPage, records: pd.DataFrame) -> dict[str, Any]:
    """The first question after one region publishes, and after one region's agreement changes.

    Each change is made untimed (a new version of ``CHANGED_REGION``'s records with other
    numbers; a new agreement of that region), then the broadest question is timed once;
    ``CHANGE_RUNS`` times each. Also how many regions the warm capacity redid.
    """
    question = bench_questions()[-1].question
    region = records[records["region_code"] == CHANGED_REGION]
    partner = str(sorted(region["organisation"].unique())[0])
    publish_s: list[float] = []
    agreement_s: list[float] = []
    redone: set[str] = set()
    for run in range(CHANGE_RUNS):
        with engine.begin() as conn:
            storage.publish_version(conn, CHANGED_REGION, region.assign(
                deployable_persons=region["deployable_persons"] + run + 1),
                uploaded_by="benchmark")
        publish_s.append(time_once(lambda: page.answer(question))[0])
        redone |= page.warm.last.loaded | page.warm.last.covered
        with engine.begin() as conn:
            insert_agreements(conn, generate_agreements([partner], n=1).assign(
                region_code=CHANGED_REGION))
        agreement_s.append(time_once(lambda: page.answer(question))[0])
        redone |= page.warm.last.loaded | page.warm.last.covered
    return {"after_publish": Timing.of(publish_s).as_dict(),
            "after_agreement": Timing.of(agreement_s).as_dict(),
            "goal_ms": AFTER_CHANGE_GOAL_MS, "regions_redone": sorted(redone)}


def fixed_stages(engine: Engine, boundaries: Boundaries) -> dict[str, dict[str, float | int]]:
    """Time the two parts of every answer that do not grow with the records.

    Reading the agreements, and working out the search area (rings and centroid distances).
    """

    def read_agreements() -> object:
        with engine.connect() as conn:
            return agreement_repository.agreements_frame(conn)

    question = bench_questions()[-1].question
    timings = time_interleaved({
        "agreements_frame": read_agreements,
        "search_area": lambda: deployment.search_area(question, boundaries.regions,
                                                      boundaries.neighbours),
    }, RUNS)
    return {name: timing.as_dict() for name, timing in timings.items()}


def write_deployable(engine: Engine, submission_ids: dict[str, int]) -> None:
    """What publishing does after inserting records: the per-organisation sums."""
    with engine.begin() as conn:
        for submission_id in submission_ids.values():
            storage.write_deployable(conn, submission_id)


def fetch_sums(engine: Engine) -> int:
    """The floor of loading: fetching the current per-organisation sums, without pandas."""
    d = CapacityDeployable
    query = (select(d.region_code, d.organisation, d.organisation_id, d.category,
                    d.subcategory, d.deployable_within_hours, d.powers, d.persons,
                    d.deployable_persons)
             .join(CurrentVersion, CurrentVersion.submission_id == d.submission_id))
    with engine.connect() as conn:
        return len(conn.execute(query).all())


def show(label: str, records: int, result: dict[str, Any]) -> None:
    """The question's answer time on one database, against its floor and the goal."""
    print(f"\n3. Inzetbaar: landelijke vraag over {format_number(records)} records: {label}")
    print(f"  Sommen per organisatie/(sub)categorie/termijn/bevoegdheden: "
          f"{format_number(result['rows'])} rijen, geschreven in {result['write_s']:.2f} s "
          f"(bij publiceren, eenmalig); {result['agreements']} geldige afspraken")
    rows = [("", "ms (mediaan)", "spreiding ms", "vloer ms", "x vloer"),
            timing_row("sommen laden (1x per gegevensversie, gecachet)", result["load"],
                       result["floor_fetch_sums"]),
            timing_row("dekking voorbereiden (1x per gegevens-/afsprakenversie en dag)",
                       result["prepare"], None)]
    for question in result["questions"]:
        rows.append(timing_row(f"vraag + wie bellen: {question['label']}", question["answer"],
                               question["floor_horizon_sum"]))
    rows += [timing_row(f"  waarvan bij elke vraag: {name}", timing, None)
             for name, timing in result["fixed_stages"].items()]
    change = result["after_change"]
    rows += [timing_row("warm maken (eerste vraag van een proces: alles lezen en dekken)",
                        result["warm_first_fill"], None),
             timing_row(f"eerste vraag na publicatie van {CHANGED_REGION}",
                        change["after_publish"], None),
             timing_row(f"eerste vraag na een nieuwe afspraak van {CHANGED_REGION}",
                        change["after_agreement"], None)]
    print_table(rows)
    print("  vloer sommen laden: de rijen ophalen, zonder pandas; vloer vraag: één masker op de "
          "termijn en een som over de voorbereide rijen")
    print_table([("  t.o.v. doel", f"{GOAL_MS:.0f} ms", "inzetbaar", "gedekt",
                  "organisaties (wie bellen)")] + [
        (f"  {q['label']}", f"{q['goal_ratio']:.2f}x", format_number(q["deployable"]),
         format_number(q["covered"]), format_number(q.get("organisations", 0)))
        for q in result["questions"]])
    goal = change["goal_ms"]
    print(f"  na een wijziging t.o.v. doel {goal:.0f} ms: publicatie "
          f"{change['after_publish']['median_ms'] / goal:.2f}x, afspraak "
          f"{change['after_agreement']['median_ms'] / goal:.2f}x; opnieuw gedaan voor "
          f"{', '.join(change['regions_redone'])}")
