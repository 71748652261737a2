"""The warm Inzetbaar capacity: refreshed per region, and always what a cold read gives.

Generated records (as the benchmark's, a few thousand) on SQLite and PostgreSQL. After
every change (a publication, an agreement created or edited, a national agreement, a new
day) the warm capacity must give the same answers and the same per-organisation rows as
reading everything again, and must have redone only the regions the change touched.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine

from benchmarks.generators import bench_questions, generate_agreements, generate_records
from benchmarks.loading import insert_agreements, load_records
from capaciteit import clock
from capaciteit.access.permissions import local_admin
from capaciteit.agreements import overview as agreement_overview
from capaciteit.agreements.model import NATIONAL
from capaciteit.agreements.rules import AgreementDraft, Catalogue
from capaciteit.agreements.service import create_agreement, update_agreement
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.overview import change_token
from capaciteit.deployment.answer import PreparedCapacity, answer_question
from capaciteit.deployment.overview import prepared_capacity
from capaciteit.deployment.warm import WarmCapacity
from capaciteit.geo.boundaries import REGION_CODES
from capaciteit.storage import repository as storage

N_RECORDS = 3_000
TODAY = clock.today()
ACTOR = local_admin("crisis@vr05.nl")
ROW_KEYS = ["region_code", "organisation", "organisation_id", "category", "subcategory",
            "deployable_within_hours", "powers"]


@pytest.fixture(scope="module")
def records(boundaries) -> pd.DataFrame:
    return generate_records(boundaries.municipality_table(), N_RECORDS)


@pytest.fixture
def store(engine, records) -> Engine:
    ids = load_records(engine, records)
    with engine.begin() as conn:
        for submission_id in ids.values():
            storage.write_deployable(conn, submission_id)
        insert_agreements(conn, generate_agreements(sorted(records["organisation"].unique())))
    return engine


def catalogue(boundaries) -> Catalogue:
    return Catalogue(boundaries.region_names(), default_categories())


def draft(region: str, partner: str, category: str = "boa") -> AgreementDraft:
    return AgreementDraft(
        region_code=region, partner_name=partner, partner_type="gemeente",
        scopes=((category, None),), committed_persons=1, lead_time_hours=24,
        valid_from=TODAY - timedelta(days=10), valid_to=TODAY + timedelta(days=100),
        status="getekend", powers="", compensation_eur=None, compensation_unit=None,
        payer="", contact_mailbox="", contact_person=None)


def per_organisation(prepared: PreparedCapacity) -> pd.DataFrame:
    """The prepared rows summed per organisation key, with coverage: order-free, comparable."""
    rows = prepared.rows.assign(covered=prepared.covered)
    frame = rows[[*ROW_KEYS, "covered"]].astype(object).where(rows[ROW_KEYS].notna(), None)
    frame = frame.assign(persons=rows["persons"].to_numpy(),
                         deployable_persons=rows["deployable_persons"].to_numpy())
    return (frame.groupby([*ROW_KEYS, "covered"], dropna=False, as_index=False)
            [["persons", "deployable_persons"]].sum()
            .sort_values([*ROW_KEYS, "covered"]).reset_index(drop=True))


def assert_same_as_cold(engine: Engine, warm: PreparedCapacity, boundaries,
                        today: date = TODAY) -> None:
    cold = prepared_capacity(engine, today)
    pd.testing.assert_frame_equal(per_organisation(warm), per_organisation(cold))
    agreements, scopes = agreement_overview.agreement_frames(engine)
    with engine.connect() as conn:
        versions = storage.current_versions(conn)
    for item in bench_questions():
        answers = [answer_question(item.question, p, versions, agreements, scopes,
                                   boundaries.regions, boundaries.neighbours, today=today,
                                   stale_after_days=180) for p in (warm, cold)]
        assert (answers[0].deployable, answers[0].covered) == (
            answers[1].deployable, answers[1].covered), item.label
        pd.testing.assert_frame_equal(answers[0].suppliers, answers[1].suppliers)
        pd.testing.assert_frame_equal(answers[0].agreements, answers[1].agreements)


def test_a_first_read_prepares_every_region_and_matches_a_cold_read(store, boundaries):
    warm = WarmCapacity()
    prepared = warm.prepared(store, TODAY)
    regions = set(change_token(store).submissions())
    assert warm.last.loaded == warm.last.covered == regions
    assert prepared.rows["organisation"].notna().all()  # organisations are kept per row
    assert_same_as_cold(store, prepared, boundaries)


def test_nothing_is_redone_while_nothing_changes(store):
    warm = WarmCapacity()
    first = warm.prepared(store, TODAY)
    again = warm.prepared(store, TODAY)
    assert again is first
    assert warm.last.loaded == warm.last.covered == frozenset()


def test_a_publication_reloads_only_the_published_region(store, records, boundaries):
    warm = WarmCapacity()
    warm.prepared(store, TODAY)
    region = records[records["region_code"] == "VR13"]
    changed = region.assign(deployable_persons=region["deployable_persons"] + 3)
    with store.begin() as conn:
        storage.publish_version(conn, "VR13", changed, uploaded_by="test")
    prepared = warm.prepared(store, TODAY)
    assert warm.last.loaded == warm.last.covered == {"VR13"}
    assert_same_as_cold(store, prepared, boundaries)


def test_an_agreement_of_one_region_recomputes_only_that_regions_coverage(
        store, records, boundaries):
    warm = WarmCapacity()
    warm.prepared(store, TODAY)
    partner = sorted(records.loc[records["region_code"] == "VR05", "organisation"])[0]
    saved = create_agreement(store, draft("VR05", partner), actor=ACTOR,
                             catalogue=catalogue(boundaries), accept_warnings=True)
    prepared = warm.prepared(store, TODAY)
    assert (warm.last.loaded, warm.last.covered) == (frozenset(), {"VR05"})
    assert_same_as_cold(store, prepared, boundaries)

    moved = replace(draft("VR06", partner), scopes=(("particuliere-beveiliging", None),))
    update_agreement(store, saved.agreement_id, moved, actor=ACTOR,
                     catalogue=catalogue(boundaries), accept_warnings=True)
    prepared = warm.prepared(store, TODAY)
    assert (warm.last.loaded, warm.last.covered) == (frozenset(), {"VR05", "VR06"})
    assert_same_as_cold(store, prepared, boundaries)


def test_a_national_agreement_recomputes_every_regions_coverage(store, boundaries):
    warm = WarmCapacity()
    warm.prepared(store, TODAY)
    national = replace(draft(NATIONAL, "Sector (fictief)", "defensie"), partner_type="defensie")
    create_agreement(store, national, actor=ACTOR, catalogue=catalogue(boundaries),
                     accept_warnings=True)
    prepared = warm.prepared(store, TODAY)
    assert warm.last.loaded == frozenset()
    assert warm.last.covered == set(change_token(store).submissions())
    assert_same_as_cold(store, prepared, boundaries)


def test_a_new_day_recomputes_only_regions_whose_valid_agreements_changed(
        store, records, boundaries):
    partner = sorted(records.loc[records["region_code"] == "VR09", "organisation"])[0]
    ending = replace(draft("VR09", partner), valid_to=TODAY)
    create_agreement(store, ending, actor=ACTOR, catalogue=catalogue(boundaries),
                     accept_warnings=True)
    warm = WarmCapacity()
    warm.prepared(store, TODAY)
    tomorrow = TODAY + timedelta(days=1)
    prepared = warm.prepared(store, tomorrow)
    assert (warm.last.loaded, warm.last.covered) == (frozenset(), {"VR09"})
    assert_same_as_cold(store, prepared, boundaries, tomorrow)


def test_an_empty_store_gives_an_empty_capacity_and_a_first_version_is_loaded(
        engine, records, boundaries):
    warm = WarmCapacity()
    assert warm.prepared(engine, TODAY).rows.empty
    with engine.begin() as conn:
        storage.publish_version(conn, "VR01", records[records["region_code"] == "VR01"],
                                uploaded_by="test")
    prepared = warm.prepared(engine, TODAY)
    assert warm.last.loaded == {"VR01"}
    assert set(prepared.rows["region_code"]) == {"VR01"}
    assert_same_as_cold(engine, prepared, boundaries)


def test_regions_that_lose_their_version_leave_the_capacity(engine, records, boundaries):
    with engine.begin() as conn:
        for code in REGION_CODES[:3]:
            storage.publish_version(conn, code, records[records["region_code"] == code],
                                    uploaded_by="demo", is_demo=True)
    warm = WarmCapacity()
    assert set(warm.prepared(engine, TODAY).rows["region_code"]) == set(REGION_CODES[:3])
    with engine.begin() as conn:  # what the first real publication does
        storage.remove_demo_data(conn)
        storage.publish_version(conn, "VR01", records[records["region_code"] == "VR01"],
                                uploaded_by="test")
    prepared = warm.prepared(engine, TODAY)
    assert set(prepared.rows["region_code"]) == {"VR01"}
    assert warm.last.loaded == {"VR01"}  # same id and version number as the demo one: reloaded
    assert_same_as_cold(engine, prepared, boundaries)
