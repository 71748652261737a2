"""The benchmark's national questions, checked on a few thousand generated records.

The same records, agreements and questions as ``python -m benchmarks`` (a million
records there), loaded the same way, on SQLite and PostgreSQL: the answer from the
stored per-organisation sums finds exactly the deployable and covered persons
counted straight from the generated records.
"""

from __future__ import annotations

import pandas as pd
import pytest

from benchmarks.generators import (
    TODAY,
    bench_questions,
    generate_agreements,
    generate_records,
)
from benchmarks.loading import insert_agreements, load_records
from capaciteit.agreements import repository as agreement_repository
from capaciteit.deployment.answer import Question, answer_question, prepare_capacity
from capaciteit.storage import repository as storage

N_RECORDS = 4_000


@pytest.fixture(scope="module")
def records(boundaries) -> pd.DataFrame:
    return generate_records(boundaries.municipality_table(), N_RECORDS)


@pytest.fixture(scope="module")
def agreements(records) -> pd.DataFrame:
    return generate_agreements(sorted(records["organisation"].unique()))


def matching(records: pd.DataFrame, question: Question) -> pd.Series:
    """Which generated records the question asks for: horizon, any scope, every power."""
    keep = records["deployable_within_hours"] <= question.hours
    if question.scopes:
        keep &= pd.concat([(records["category"] == c)
                           & ((records["subcategory"] == s) if s else True)
                           for c, s in question.scopes], axis=1).any(axis=1)
    wanted = {power.lower() for power in question.powers}
    held = records["powers"].str.lower().str.split("; ")
    return keep & held.map(lambda names: wanted <= set(names))


def covered(records: pd.DataFrame, agreements: pd.DataFrame) -> pd.Series:
    """Records under a generated agreement, in their category: regional with their organisation,
    or national and sector-wide."""
    regional = agreements[agreements["region_code"].notna()]
    own = pd.MultiIndex.from_frame(regional[["region_code", "partner_name", "scope_category"]])
    national = set(agreements.loc[agreements["region_code"].isna(), "scope_category"])
    keys = pd.MultiIndex.from_frame(records[["region_code", "organisation", "category"]])
    return pd.Series(keys.isin(own), index=records.index) | records["category"].isin(national)


def test_the_bench_questions_find_the_persons_counted_from_the_generated_records(
        engine, records, agreements, boundaries):
    ids = load_records(engine, records)
    with engine.begin() as conn:
        for submission_id in ids.values():
            storage.write_deployable(conn, submission_id)
        insert_agreements(conn, agreements)
    with engine.connect() as conn:
        capacity, versions = storage.deployable_capacity(conn), storage.current_versions(conn)
        agreement_rows, scopes = agreement_repository.agreements_frame(conn)
    prepared = prepare_capacity(capacity, agreement_rows, scopes, TODAY)
    under_agreement = covered(records, agreements)
    got, expected = {}, {}
    for item in bench_questions():
        answer = answer_question(item.question, prepared, versions, agreement_rows, scopes,
                                 boundaries.regions, boundaries.neighbours, today=TODAY,
                                 stale_after_days=180)
        keep = matching(records, item.question)
        got[item.label] = (answer.deployable, answer.covered)
        expected[item.label] = (int(records.loc[keep, "deployable_persons"].sum()),
                                int(records.loc[keep & under_agreement,
                                                "deployable_persons"].sum()))
    assert all(n > 0 for pair in expected.values() for n in pair)  # something to find
    assert got == expected
