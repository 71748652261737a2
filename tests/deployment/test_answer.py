"""The crisis team's answer (deployment.answer_question) on small hand-made maps.

Two layouts, in RD New metres: a chain of four 10 km squares (VR01–VR02–VR03–VR04)
and a ring of six regions (VR01…VR06, each touching the next, VR06 touching VR01)
whose squares are placed so that within a ring the nearer region is not the one
with the lower code. Expected figures are written out by hand.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from capaciteit.agreements.coverage import covered_records
from capaciteit.agreements.model import AGREEMENT_COLUMNS, SCOPE_COLUMNS
from capaciteit.deployment.answer import (
    Question,
    answer_question,
    centroid_distances_km,
    has_powers,
    rings,
)
from capaciteit.geo.boundaries import derive_neighbours
from capaciteit.storage import repository as storage

TODAY = date(2026, 11, 25)
KM = 1000


def regions_frame(boxes: dict[str, tuple[float, float]]) -> gpd.GeoDataFrame:
    """10 km squares with their lower-left corner at (x km, y km), in EPSG:28992."""
    return gpd.GeoDataFrame(
        {"region_code": list(boxes), "region_name": [f"Regio {c[2:]}" for c in boxes]},
        geometry=[box(x * KM, y * KM, (x + 10) * KM, (y + 10) * KM) for x, y in boxes.values()],
        crs="EPSG:28992")


def neighbour_table(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    both = pairs + [(b, a) for a, b in pairs]
    return pd.DataFrame(both, columns=["region_code", "neighbour_code"])


CHAIN = regions_frame({"VR01": (0, 0), "VR02": (10, 0), "VR03": (20, 0), "VR04": (30, 0)})
CHAIN_NEIGHBOURS = neighbour_table([("VR01", "VR02"), ("VR02", "VR03"), ("VR03", "VR04")])
# A ring: the neighbour table says who borders whom; the squares only give distances.
# From VR01: VR06 (15 km away) is nearer than VR02 (40 km); VR05 nearer than VR03.
RING = regions_frame({"VR01": (0, 0), "VR02": (40, 0), "VR03": (60, 10), "VR04": (50, 40),
                      "VR05": (20, 40), "VR06": (0, 15)})
RING_NEIGHBOURS = neighbour_table([("VR01", "VR02"), ("VR02", "VR03"), ("VR03", "VR04"),
                                   ("VR04", "VR05"), ("VR05", "VR06"), ("VR06", "VR01")])


def record(region: str, deployable: int, hours: int = 24, *, category: str = "boa",
           subcategory: str = "domein-4", powers: str = "", organisation: str | None = None,
           organisation_id: str | None = None) -> dict[str, object]:
    return {"region_code": region, "organisation": organisation or f"Handhaving {region}",
            "organisation_id": organisation_id, "category": category,
            "subcategory": subcategory, "persons": deployable + 5,
            "deployable_persons": deployable, "deployable_within_hours": hours,
            "powers": powers}


def records_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    columns = ["region_code", "organisation", "organisation_id", "category", "subcategory",
               "persons", "deployable_persons", "deployable_within_hours", "powers"]
    return pd.DataFrame(rows, columns=columns)


def versions_for(codes: list[str], peildatum: str = "2026-11-01") -> pd.DataFrame:
    return pd.DataFrame({
        "region_code": codes,
        "uploaded_at": pd.Timestamp("2026-11-20 10:00", tz="UTC"),
        "peildatum_min": pd.Timestamp(peildatum), "peildatum_max": pd.Timestamp(peildatum)})


def agreement(agreement_id: int, region: str | None, partner: str, *, valid_to: str | None,
              lead_time: int = 12, partner_type: str = "gemeente",
              eur: float | None = 55.0) -> dict[str, object]:
    return {"agreement_id": agreement_id, "region_code": region, "partner_name": partner,
            "partner_id": None, "partner_type": partner_type, "committed_persons": 10,
            "powers": "", "activation_trigger": "GRIP 3", "lead_time_hours": lead_time,
            "compensation_arrangement": "Uurtarief volgens LOVS", "compensation_eur": eur,
            "compensation_unit": "per uur", "payer": "Veiligheidsregio",
            "valid_from": date(2025, 1, 1),
            "valid_to": date.fromisoformat(valid_to) if valid_to else None,
            "status": "getekend", "document_reference": "", "contact_mailbox": "",
            "contact_person": None}


NO_AGREEMENTS = pd.DataFrame(columns=AGREEMENT_COLUMNS)
NO_SCOPES = pd.DataFrame(columns=SCOPE_COLUMNS)


def ask(question: Question, records: pd.DataFrame, *, regions: gpd.GeoDataFrame = CHAIN,
        neighbours: pd.DataFrame = CHAIN_NEIGHBOURS, versions: pd.DataFrame | None = None,
        agreements: pd.DataFrame = NO_AGREEMENTS, scopes: pd.DataFrame = NO_SCOPES,
        stale_after_days: int = 180):
    versions = versions if versions is not None else versions_for(
        list(regions["region_code"]))
    return answer_question(question, records, versions, agreements, scopes, regions,
                           neighbours, today=TODAY, stale_after_days=stale_after_days)


def supplied(answer) -> dict[str, float]:
    return dict(zip(answer.suppliers["region_code"], answer.suppliers["deployable_persons"],
                    strict=True))


# ---------------------------------------------------------------- rings and distances


def test_the_hand_made_chain_has_the_neighbours_its_squares_share_borders_with():
    derived = derive_neighbours(CHAIN.to_crs("EPSG:4326"))
    pairs = set(zip(derived["region_code"], derived["neighbour_code"], strict=True))
    assert pairs == set(zip(CHAIN_NEIGHBOURS["region_code"],
                            CHAIN_NEIGHBOURS["neighbour_code"], strict=True))


@pytest.mark.parametrize("neighbours, targets, expected", [
    (CHAIN_NEIGHBOURS, ["VR01"], {"VR01": 0, "VR02": 1, "VR03": 2, "VR04": 3}),
    (CHAIN_NEIGHBOURS, ["VR02"], {"VR02": 0, "VR01": 1, "VR03": 1, "VR04": 2}),
    (CHAIN_NEIGHBOURS, ["VR01", "VR04"], {"VR01": 0, "VR04": 0, "VR02": 1, "VR03": 1}),
    (RING_NEIGHBOURS, ["VR01"], {"VR01": 0, "VR02": 1, "VR06": 1, "VR03": 2, "VR05": 2,
                                 "VR04": 3}),
])
def test_rings_count_shared_borders_from_the_nearest_target(neighbours, targets, expected):
    assert rings(neighbours, targets) == expected


def test_distances_are_between_centroids_in_kilometres_to_the_nearest_target():
    distances = centroid_distances_km(CHAIN, ["VR01", "VR04"])
    assert distances.to_dict() == pytest.approx(
        {"VR01": 0.0, "VR02": 10.0, "VR03": 10.0, "VR04": 0.0})


# ---------------------------------------------------------------- the need against supply


def test_a_need_met_within_the_own_region_has_no_shortfall():
    records = records_frame([record("VR01", 30), record("VR02", 50)])
    answer = ask(Question(("VR01",), 24, 20, search_area="eigen"), records)
    assert (answer.deployable, answer.shortfall) == (30, 0)
    assert supplied(answer) == {"VR01": 30}


@pytest.mark.parametrize("area, deployable, shortfall", [
    ("eigen", 10, 30),
    ("buren", 20, 20),
    ("tweede-ring", 50, 0),
    ("land", 57, 0),
])
def test_a_need_met_only_with_the_second_ring(area, deployable, shortfall):
    records = records_frame([record("VR01", 10), record("VR02", 10), record("VR03", 30),
                             record("VR04", 7)])
    answer = ask(Question(("VR01",), 24, 40, search_area=area), records)
    assert (answer.deployable, answer.shortfall) == (deployable, shortfall)


def test_when_nothing_is_deployable_the_whole_need_is_the_shortfall():
    records = records_frame([
        record("VR01", 0),                                     # nobody deployable
        record("VR02", 25, category="defensie", subcategory="bijstand"),  # other category
        record("VR02", 12, hours=168),                         # too late
    ])
    answer = ask(Question(("VR01",), 24, 60, scopes=(("boa", None),)), records)
    assert (answer.deployable, answer.covered, answer.shortfall) == (0, 0, 60)
    assert supplied(answer) == {"VR01": 0.0, "VR02": 0.0}  # reported, nobody fits: 0
    assert answer.agreements.empty


@pytest.mark.parametrize("hours, expected", [(24, 5), (72, 5 + 7), (168, 5 + 7 + 11)])
def test_a_record_counts_for_its_own_horizon_and_every_longer_one(hours, expected):
    records = records_frame([record("VR01", 5, 24), record("VR01", 7, 72),
                             record("VR01", 11, 168)])
    answer = ask(Question(("VR01",), hours, 100, search_area="eigen"), records)
    assert answer.deployable == expected


def test_regions_without_data_are_missing_not_zero():
    records = records_frame([record("VR01", 4)])
    answer = ask(Question(("VR01",), 24, 10), records, versions=versions_for(["VR01"]))
    row = answer.suppliers.set_index("region_code").loc["VR02"]
    assert not row["has_data"] and pd.isna(row["deployable_persons"])
    assert answer.deployable == 4


# ---------------------------------------------------------------- nobody counted twice


def test_two_neighbouring_target_regions_count_each_record_once():
    records = records_frame([record("VR01", 10), record("VR02", 20), record("VR03", 40),
                             record("VR04", 80)])
    answer = ask(Question(("VR01", "VR02"), 24, 100, search_area="buren"), records)
    assert answer.deployable == 10 + 20 + 40
    assert answer.suppliers["region_code"].tolist() == ["VR01", "VR02", "VR03"]
    assert answer.suppliers["ring"].tolist() == [0, 0, 1]


def test_a_record_that_fits_several_asked_scopes_and_powers_is_counted_once():
    records = records_frame([
        record("VR01", 9, powers="Handhaving mondkapjesplicht OV; Toegangscontrole"),
        record("VR01", 4, subcategory="domein-1", powers="Toegangscontrole"),
    ])
    question = Question(("VR01",), 24, 100, search_area="eigen",
                        scopes=(("boa", None), ("boa", "domein-4"), ("boa", "domein-1")),
                        powers=("Toegangscontrole",))
    assert ask(question, records).deployable == 9 + 4


def test_a_person_under_two_valid_agreements_is_covered_once_in_the_totals():
    records = records_frame([record("VR01", 12, organisation="Stadstoezicht")])
    agreements = pd.DataFrame([agreement(1, "VR01", "Stadstoezicht", valid_to=None),
                               agreement(2, None, "Stadstoezicht", valid_to="2027-12-31")])
    scopes = pd.DataFrame([(1, "boa", None), (2, "boa", "domein-4")], columns=SCOPE_COLUMNS)
    answer = ask(Question(("VR01",), 24, 20, search_area="eigen"), records,
                 agreements=agreements, scopes=scopes)
    assert (answer.deployable, answer.covered) == (12, 12)
    assert answer.agreements["covered_persons"].tolist() == [12, 12]


# ---------------------------------------------------------------- powers


@pytest.mark.parametrize("stored, required, fits", [
    ("Handhaving mondkapjesplicht OV", ["Handhaving mondkapjesplicht OV"], True),
    ("handhaving MONDKAPJESPLICHT ov ;Toegangscontrole", ["Handhaving mondkapjesplicht OV"],
     True),
    ("Toegangscontrole", ["Handhaving mondkapjesplicht OV"], False),
    ("Toegangscontrole; Crowdmanagement", ["Toegangscontrole", "Crowdmanagement"], True),
    ("Toegangscontrole", ["Toegangscontrole", "Crowdmanagement"], False),
    ("Handhaving mondkapjesplicht OV extra", ["Handhaving mondkapjesplicht OV"], False),
    ("", ["Toegangscontrole"], False),
    (None, ["Toegangscontrole"], False),
    (None, [], True),
])
def test_every_required_power_must_be_held_case_insensitively(stored, required, fits):
    assert has_powers(pd.Series([stored], dtype=object), required).tolist() == [fits]


def test_powers_filter_the_answer():
    records = records_frame([record("VR01", 6, powers="Handhaving mondkapjesplicht OV"),
                             record("VR01", 50, powers="Toegangscontrole")])
    question = Question(("VR01",), 24, 10, search_area="eigen",
                        powers=("handhaving mondkapjesplicht ov",))
    assert ask(question, records).deployable == 6


# ---------------------------------------------------------------- ordering


def test_suppliers_are_ordered_by_ring_then_by_distance():
    records = records_frame([record(c, 1) for c in ["VR01", "VR02", "VR03", "VR04", "VR05",
                                                     "VR06"]])
    answer = ask(Question(("VR01",), 24, 10, search_area="land"), records, regions=RING,
                 neighbours=RING_NEIGHBOURS)
    assert answer.suppliers["region_code"].tolist() == [
        "VR01", "VR06", "VR02", "VR05", "VR03", "VR04"]
    assert answer.suppliers["ring"].tolist() == [0, 1, 1, 2, 2, 3]
    assert answer.suppliers["distance_km"].round(1).tolist() == [
        0.0, 15.0, 40.0, pytest.approx(44.7, abs=0.1), pytest.approx(60.8, abs=0.1),
        pytest.approx(64.0, abs=0.1)]


@pytest.mark.parametrize("area, expected", [
    ("eigen", ["VR01"]), ("buren", ["VR01", "VR06", "VR02"]),
    ("tweede-ring", ["VR01", "VR06", "VR02", "VR05", "VR03"]),
])
def test_the_search_area_stops_at_its_ring(area, expected):
    records = records_frame([record("VR04", 100)])
    answer = ask(Question(("VR01",), 24, 10, search_area=area), records, regions=RING,
                 neighbours=RING_NEIGHBOURS)
    assert answer.suppliers["region_code"].tolist() == expected
    assert answer.deployable == 0


# ---------------------------------------------------------------- coverage and agreements


def test_a_valid_agreement_covers_and_an_expired_one_does_not():
    records = records_frame([
        record("VR01", 15, organisation="Stadstoezicht Noord"),
        record("VR02", 8, organisation="Beveiliging Zuid BV", category="particuliere-beveiliging",
               subcategory="evenementen"),
        record("VR02", 6, organisation="Stadstoezicht Zuid"),
    ])
    agreements = pd.DataFrame([
        agreement(1, "VR01", "Stadstoezicht Noord", valid_to="2027-06-30", lead_time=6),
        agreement(2, "VR02", "Beveiliging Zuid B.V.", valid_to="2026-10-31"),  # expired
        agreement(3, "VR02", "Stadstoezicht Zuid", valid_to=None, lead_time=48, eur=None),
    ])
    scopes = pd.DataFrame([(1, "boa", None), (2, "particuliere-beveiliging", None),
                           (3, "boa", "domein-4")], columns=SCOPE_COLUMNS)
    answer = ask(Question(("VR01",), 24, 40), records, agreements=agreements, scopes=scopes)
    by_region = answer.suppliers.set_index("region_code")
    assert by_region.loc["VR01", ["covered_persons", "uncovered_persons"]].tolist() == [15, 0]
    assert by_region.loc["VR02", ["covered_persons", "uncovered_persons"]].tolist() == [6, 8]
    assert (answer.deployable, answer.covered, answer.shortfall) == (29, 21, 11)
    assert answer.shortfall_covered_only == 19
    table = answer.agreements
    assert table["agreement_id"].tolist() == [1, 3]  # nearest supplier first; 2 expired
    assert table["lead_time_hours"].tolist() == [6, 48]
    assert table["exceeds_horizon"].tolist() == [False, True]
    assert table["compensation_arrangement"].tolist() == ["Uurtarief volgens LOVS"] * 2
    assert table["covered_persons"].tolist() == [15, 6]
    assert table["supplier_regions"].tolist() == ["VR01", "VR02"]


def test_coverage_is_the_coverage_rule_applied_to_every_record():
    rows = [record(r, d, organisation=o, subcategory=s)
            for r, d, o, s in [("VR01", 3, "A", "domein-4"), ("VR01", 4, "A", "domein-1"),
                               ("VR01", 5, "B", "domein-4"), ("VR02", 6, "A", "domein-4"),
                               ("VR02", 7, "C", "domein-1"), ("VR03", 8, "a ", "domein-4")]]
    records = records_frame(rows)
    agreements = pd.DataFrame([agreement(1, None, "A", valid_to=None),
                               agreement(2, "VR02", "C", valid_to=None)])
    scopes = pd.DataFrame([(1, "boa", "domein-4"), (2, "boa", None)], columns=SCOPE_COLUMNS)
    answer = ask(Question(("VR02",), 24, 10, search_area="land"), records,
                 agreements=agreements, scopes=scopes)
    per_record = covered_records(records, agreements, scopes, TODAY)
    expected = per_record[per_record["covered"]].groupby("region_code")[
        "deployable_persons"].sum()
    got = answer.suppliers.set_index("region_code")["covered_persons"]
    assert got.to_dict() == {"VR01": expected["VR01"], "VR02": expected["VR02"],
                             "VR03": expected["VR03"], "VR04": 0}
    assert answer.covered == 3 + 6 + 7 + 8


# ---------------------------------------------------------------- freshness


def test_stale_data_is_flagged_per_supplying_region():
    records = records_frame([record("VR01", 5), record("VR02", 5)])
    versions = pd.concat([versions_for(["VR01"], "2026-11-01"),
                          versions_for(["VR02"], "2026-03-01")], ignore_index=True)
    answer = ask(Question(("VR01",), 24, 5), records, versions=versions, stale_after_days=180)
    fresh = answer.suppliers.set_index("region_code")
    assert fresh["stale"].to_dict() == {"VR01": False, "VR02": True}
    assert fresh.loc["VR02", "peildatum_min"] == pd.Timestamp("2026-03-01")
    assert fresh.loc["VR02", "uploaded_at"] == pd.Timestamp("2026-11-20 10:00", tz="UTC")


def test_a_question_without_a_target_is_refused():
    with pytest.raises(ValueError):
        ask(Question((), 24, 5), records_frame([]))


@pytest.mark.parametrize("needed", [0, -1, 1_000_001, 2**63])
def test_a_question_for_no_one_or_more_than_a_million_persons_is_refused_in_dutch(needed):
    with pytest.raises(ValueError, match="^Vul een aantal personen in van 1 tot en met "
                                         "1.000.000.$"):
        ask(Question(("VR01",), 24, needed), records_frame([]))


@pytest.mark.parametrize("needed", [1, 1_000_000])
def test_a_question_at_its_bounds_is_answered(needed):
    answer = ask(Question(("VR01",), 24, needed, search_area="eigen"), records_frame([]))
    assert answer.shortfall == needed


# ---------------------------------------------------------------- the stored sums


def stored_records(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = records_frame(rows)
    return frame.assign(gemeente_code=None, fte=frame["persons"] * 0.5,
                        peildatum=pd.Timestamp("2026-11-01"), note="")


def test_the_sums_written_at_publication_give_the_same_answer_as_the_records(engine):
    rows = [
        record("VR01", 5, powers="Toegangscontrole", organisation="Org A"),
        record("VR01", 7, powers="Toegangscontrole", organisation="Org A"),  # same key: summed
        record("VR01", 3, 72, powers="", organisation="Org A"),
        record("VR02", 11, powers="toegangscontrole; Crowdmanagement", organisation="Org B"),
        record("VR02", 13, category="defensie", subcategory="bijstand", organisation="Org C"),
    ]
    by_region = {}
    for row in rows:
        by_region.setdefault(row["region_code"], []).append(row)
    with engine.begin() as conn:
        for region, region_rows in by_region.items():
            storage.publish_version(conn, region, stored_records(region_rows),
                                    uploaded_by="test")
        capacity = storage.deployable_capacity(conn)
        versions = storage.current_versions(conn)
    assert len(capacity) == 4  # the two identical keys are one row
    assert capacity["deployable_persons"].sum() == 5 + 7 + 3 + 11 + 13
    agreements = pd.DataFrame([agreement(1, "VR02", "Org B", valid_to=None)])
    scopes = pd.DataFrame([(1, "boa", None)], columns=SCOPE_COLUMNS)
    question = Question(("VR01",), 24, 50, powers=("Toegangscontrole",))
    from_sums = ask(question, capacity, versions=versions, agreements=agreements,
                    scopes=scopes)
    from_records = ask(question, records_frame(rows), versions=versions,
                       agreements=agreements, scopes=scopes)
    assert (from_sums.deployable, from_sums.covered) == (5 + 7 + 11, 11)
    pd.testing.assert_frame_equal(from_sums.suppliers, from_records.suppliers)
    pd.testing.assert_frame_equal(from_sums.agreements, from_records.agreements)


def test_removing_the_demo_data_removes_its_sums_too(engine):
    with engine.begin() as conn:
        storage.publish_version(conn, "VR01", stored_records([record("VR01", 4)]),
                                uploaded_by="demo", is_demo=True)
        before = storage.deployable_capacity(conn)
        storage.remove_demo_data(conn)
        after = storage.deployable_capacity(conn)
    assert before[["region_code", "deployable_persons"]].values.tolist() == [["VR01", 4]]
    assert after.empty
