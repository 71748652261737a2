"""Closure measures (deployment.measures): what closing sectors frees, every person counted once.

Hand-made frames with figures written out, then properties over generated capacity and
measures (Hypothesis): nobody is freed twice, nobody deployable is freed again, more
measures never free fewer people.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import box

from capaciteit import texts
from capaciteit.agreements.model import AGREEMENT_COLUMNS, SCOPE_COLUMNS
from capaciteit.capacity.categories import default_categories
from capaciteit.deployment.answer import Question, answer_question
from capaciteit.deployment.measures import (
    Measure,
    Release,
    freed_capacity,
    freed_sentences,
    measure_problems,
    reference_measures,
)

TODAY = date(2026, 11, 25)
MUSEA = Measure("musea-gesloten", "Musea gesloten", "80% vrij",
                (Release("particuliere-beveiliging", "musea", 0.8),))
EVENTS = Measure("evenementen-verboden", "Evenementen verboden", "90% vrij",
                 (Release("particuliere-beveiliging", "evenementen", 0.9),))
HORECA = Measure("horeca-gesloten", "Horeca gesloten", "deels vrij",
                 (Release("particuliere-beveiliging", "beveiliging-overig", 0.3),
                  Release("particuliere-beveiliging", "evenementen", 0.5)))
SECURITY = Measure("alles-dicht", "Alles dicht", "half vrij",
                   (Release("particuliere-beveiliging", None, 0.5),))
SCHOOLS = Measure("scholen-gesloten", "Scholen gesloten", "80% vrij",
                  (Release("boa", "domein-3", 0.8),))
SCOPES = [("particuliere-beveiliging", "musea"), ("particuliere-beveiliging", "evenementen"),
          ("particuliere-beveiliging", "beveiliging-overig"), ("boa", "domein-3"),
          ("boa", "domein-4")]


def rows(*entries: tuple[str, str, int, int]) -> pd.DataFrame:
    """(category, subcategory, persons, deployable persons) per row."""
    return pd.DataFrame(entries, columns=["category", "subcategory", "persons",
                                          "deployable_persons"])


def everywhere(frame: pd.DataFrame) -> np.ndarray:
    return np.ones(len(frame), dtype=bool)


def test_the_reference_measures_name_existing_categories_and_state_their_assumption():
    measures = reference_measures()
    assert {m.code for m in measures} >= {"musea-gesloten", "bibliotheken-gesloten",
                                          "evenementen-verboden", "horeca-gesloten",
                                          "scholen-gesloten"}
    for measure in measures:
        assert measure_problems(measure, default_categories()) == [], measure.code
        assert measure.assumption.strip()
    schools = next(m for m in measures if m.code == "scholen-gesloten")
    assert schools.releases == (Release("boa", "domein-3", 0.8),)


@pytest.mark.parametrize(("measures", "expected"), [
    ([MUSEA], {("particuliere-beveiliging", "musea"): 64}),           # 0.8 × (100 − 20)
    ([EVENTS], {("particuliere-beveiliging", "evenementen"): 36}),    # 0.9 × (50 − 10)
    ([EVENTS, HORECA], {("particuliere-beveiliging", "evenementen"): 36,  # 0.9, not 0.9 + 0.5
                        ("particuliere-beveiliging", "beveiliging-overig"): 9}),  # 0.3 × 30
    ([HORECA, HORECA], {("particuliere-beveiliging", "evenementen"): 20,
                        ("particuliere-beveiliging", "beveiliging-overig"): 9}),
    ([SECURITY, MUSEA], {("particuliere-beveiliging", "musea"): 64,  # 0.8 beats the 0.5
                         ("particuliere-beveiliging", "evenementen"): 20,
                         ("particuliere-beveiliging", "beveiliging-overig"): 15}),
    ([SCHOOLS], {("boa", "domein-3"): 3}),                            # 0.8 × 4 = 3.2 → 3
    ([], {}),
])
def test_each_freed_subcategory_takes_the_highest_share_of_its_not_deployable_persons(
        measures, expected):
    capacity = rows(("particuliere-beveiliging", "musea", 100, 20),
                    ("particuliere-beveiliging", "evenementen", 30, 10),
                    ("particuliere-beveiliging", "evenementen", 20, 0),
                    ("particuliere-beveiliging", "beveiliging-overig", 30, 0),
                    ("boa", "domein-3", 6, 2), ("boa", "domein-4", 40, 0))
    freed = freed_capacity(capacity, everywhere(capacity), measures)
    found = dict(zip(zip(freed.per_scope["category"], freed.per_scope["subcategory"],
                         strict=True), freed.per_scope["persons"], strict=True))
    assert found == expected
    assert freed.persons == sum(expected.values())


def test_rows_outside_the_mask_and_rows_with_nobody_spare_free_nobody_shown_as_0():
    capacity = rows(("particuliere-beveiliging", "musea", 100, 20),
                    ("particuliere-beveiliging", "musea", 10, 10),
                    ("particuliere-beveiliging", "musea", 5, 9))  # more deployable than persons
    freed = freed_capacity(capacity, np.array([False, True, True]), [MUSEA])
    assert freed.persons == 0
    assert freed.per_scope[["subcategory", "persons"]].values.tolist() == [["musea", 0]]
    assert freed_capacity(capacity, np.zeros(3, dtype=bool), [MUSEA]).per_scope.empty


def test_a_measure_needs_a_known_scope_a_share_within_0_and_100_percent_and_an_assumption():
    categories = default_categories()
    bad = Measure("Fout!", " ", "", (Release("museum", None, 0.5),
                                     Release("boa", "domein-3", 1.5),
                                     Release("boa", "domein-3", float("nan"))))
    problems = measure_problems(bad, categories)
    assert texts.MEASURE_BAD_CODE.format(code="Fout!") in problems
    assert texts.MEASURE_NO_NAME in problems
    assert texts.MEASURE_NO_ASSUMPTION in problems
    assert texts.MEASURE_UNKNOWN_SCOPE.format(scope="museum") in problems
    assert problems.count(texts.MEASURE_BAD_FRACTION.format(scope="boa/domein-3")) == 2
    assert texts.MEASURE_TWICE.format(scope="boa/domein-3") in problems
    assert measure_problems(Measure("leeg", "Leeg", "geen", ()), categories) == [
        texts.MEASURE_NO_RELEASE]


def test_the_freed_line_states_the_number_the_total_with_it_and_what_remains():
    capacity = rows(("particuliere-beveiliging", "musea", 100, 20))
    freed = freed_capacity(capacity, everywhere(capacity), [MUSEA])
    lines = freed_sentences(freed, deployable=30, persons_needed=150,
                            categories=default_categories())
    assert lines[0].startswith("**Vrijgekomen door sluiting: 64 personen** (Musea gesloten)")
    assert "samen 94: nog een tekort van 56." in lines[0]
    assert lines[1] == "Particuliere beveiliging – Musea: 64 vrij (80% door Musea gesloten)"
    assert freed_sentences(freed_capacity(capacity, everywhere(capacity), []), 30, 150,
                           default_categories()) == []


# ------------------------------------------------------------------ properties (Hypothesis)
capacity_rows = st.lists(
    st.tuples(st.sampled_from(SCOPES), st.integers(0, 500), st.integers(0, 500)),
    min_size=1, max_size=30,
).map(lambda entries: rows(*[(c, s, p, min(d, p)) for (c, s), p, d in entries]))
releases = st.tuples(st.sampled_from([*SCOPES, ("particuliere-beveiliging", None),
                                      ("boa", None)]),
                     st.floats(0.01, 1.0, allow_nan=False))
measure_lists = st.lists(
    st.lists(releases, min_size=1, max_size=3, unique_by=lambda r: r[0]).map(
        lambda rs: Measure("m", "M", "aanname", tuple(Release(c, s, f) for (c, s), f in rs))),
    max_size=4)


@given(capacity_rows, measure_lists)
def test_nobody_is_freed_twice_and_nobody_deployable_is_freed_again(capacity, measures):
    freed = freed_capacity(capacity, everywhere(capacity), measures)
    spare = capacity["persons"] - capacity["deployable_persons"]
    assert 0 <= freed.persons <= int(spare.sum())
    assert capacity["deployable_persons"].sum() + freed.persons <= capacity["persons"].sum()
    per_scope = capacity.assign(spare=spare).groupby(["category", "subcategory"])["spare"].sum()
    for row in freed.per_scope.itertuples():
        assert row.persons <= per_scope[(row.category, row.subcategory)]
    doubled = freed_capacity(capacity, everywhere(capacity), [*measures, *measures])
    assert doubled.persons == freed.persons


@given(capacity_rows, measure_lists, measure_lists)
def test_more_measures_never_free_fewer_and_together_never_more_than_apart(capacity, a, b):
    mask = everywhere(capacity)
    alone_a = freed_capacity(capacity, mask, a).persons
    alone_b = freed_capacity(capacity, mask, b).persons
    together = freed_capacity(capacity, mask, [*a, *b]).persons
    assert max(alone_a, alone_b) <= together <= alone_a + alone_b


# ------------------------------------------------------------------ in the answer
def test_the_answer_counts_freed_persons_apart_in_the_area_with_the_powers_asked():
    regions = gpd.GeoDataFrame(
        {"region_code": ["VR01", "VR02", "VR03"], "region_name": ["Een", "Twee", "Drie"]},
        geometry=[box(0, 0, 10_000, 10_000), box(10_000, 0, 20_000, 10_000),
                  box(40_000, 0, 50_000, 10_000)], crs="EPSG:28992")
    neighbours = pd.DataFrame({"region_code": ["VR01", "VR02"],
                               "neighbour_code": ["VR02", "VR01"]})
    columns = ["region_code", "organisation", "organisation_id", "category", "subcategory",
               "persons", "deployable_persons", "deployable_within_hours", "powers"]
    capacity = pd.DataFrame([
        ("VR01", "Museum", None, "particuliere-beveiliging", "musea", 50, 10, 24, "Noodbevel"),
        ("VR02", "Museum 2", None, "particuliere-beveiliging", "musea", 20, 0, 24, ""),
        ("VR02", "Gemeente", None, "boa", "domein-3", 10, 5, 24, "Noodbevel"),
        ("VR03", "Ver weg", None, "boa", "domein-3", 100, 0, 24, "Noodbevel"),  # not searched
        ("VR01", "Traag", None, "boa", "domein-3", 100, 0, 168, "Noodbevel"),  # too late
    ], columns=columns)
    versions = pd.DataFrame({"region_code": ["VR01", "VR02", "VR03"],
                             "uploaded_at": pd.Timestamp("2026-11-20", tz="UTC"),
                             "peildatum_min": pd.Timestamp("2026-11-01"),
                             "peildatum_max": pd.Timestamp("2026-11-01")})
    empty_agreements = pd.DataFrame(columns=AGREEMENT_COLUMNS)
    empty_scopes = pd.DataFrame(columns=SCOPE_COLUMNS)

    def ask(**fields: object):
        question = Question(("VR01",), 24, 100, **fields)  # type: ignore[arg-type]
        return answer_question(question, capacity, versions, empty_agreements, empty_scopes,
                               regions, neighbours, today=TODAY, stale_after_days=180,
                               measures=(MUSEA, SCHOOLS))

    plain = ask(scopes=(("particuliere-beveiliging", "musea"),))
    assert plain.deployable == 10 and plain.freed.persons == 0
    closed = ask(scopes=(("particuliere-beveiliging", "musea"),),
                 measures=("musea-gesloten", "scholen-gesloten"))
    assert closed.deployable == 10  # the deployable total is not changed by the measures
    assert closed.freed.persons == 32 + 16 + 4  # 0.8×40, 0.8×20, 0.8×5
    powered = ask(powers=("Noodbevel",), measures=("musea-gesloten", "scholen-gesloten"))
    assert powered.freed.persons == 32 + 4
    with pytest.raises(ValueError, match="unknown closure measures"):
        ask(measures=("bestaat-niet",))
