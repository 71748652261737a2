"""The coverage rule on small hand-made cases; expected figures are worked out by hand here."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from capaciteit.agreements.coverage import (
    covered_records,
    expiring,
    expiring_per_region,
    region_shares,
    uncovered_organisations,
    white_spots,
)
from capaciteit.agreements.model import AGREEMENT_COLUMNS, SCOPE_COLUMNS

TODAY = date(2026, 6, 15)
REGIONS = pd.DataFrame({"region_code": ["VR01", "VR02", "VR03"],
                        "region_name": ["Een", "Twee", "Drie"]})
CATEGORY_NAMES = {"boa": "Boa's", "defensie": "Defensie", "particuliere-beveiliging": "Beveiliging"}


def records(*rows: tuple) -> pd.DataFrame:
    """(region, organisation, organisation_id, category, subcategory, persons, deployable)."""
    return pd.DataFrame(rows, columns=["region_code", "organisation", "organisation_id",
                                       "category", "subcategory", "persons",
                                       "deployable_persons"])


def agreements(*rows: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agreements from dicts with a 'scopes' list; unspecified fields get plain defaults."""
    base = {"region_code": None, "partner_id": None, "partner_type": "gemeente",
            "committed_persons": 1, "status": "getekend", "valid_from": date(2026, 1, 1),
            "valid_to": None}
    frame, scopes = [], []
    for number, row in enumerate(rows, start=1):
        values = {**base, **row, "agreement_id": number}
        scopes += [(number, c, s) for c, s in values.pop("scopes")]
        frame.append({c: values.get(c) for c in AGREEMENT_COLUMNS})
    return (pd.DataFrame(frame, columns=AGREEMENT_COLUMNS),
            pd.DataFrame(scopes, columns=SCOPE_COLUMNS))


def covered_ids(recs: pd.DataFrame, *rows: dict) -> list[list[int]]:
    frame, scopes = agreements(*rows)
    return covered_records(recs, frame, scopes, TODAY)["agreement_ids"].tolist()


AMSTERDAM = records(
    ("VR01", "Gemeente Aa", None, "boa", "domein-1", 10, 8),
    ("VR01", "Gemeente Aa", None, "boa", "domein-4", 6, 4),
    ("VR01", "Stichting Bee", None, "boa", "domein-1", 5, 5),
    ("VR02", "Gemeente Aa", None, "boa", "domein-1", 3, 3),
)


def test_a_regional_agreement_covers_its_own_organisation_in_its_own_region_only():
    ids = covered_ids(AMSTERDAM, {"region_code": "VR01", "partner_name": "Gemeente Aa",
                                  "scopes": [("boa", None)]})
    assert ids == [[1], [1], [], []]


def test_names_match_without_case_spaces_accents_or_punctuation():
    ids = covered_ids(AMSTERDAM, {"region_code": "VR01", "partner_name": "GEMEENTE  aá.",
                                  "scopes": [("boa", None)]})
    assert ids == [[1], [1], [], []]


def test_a_subcategory_scope_covers_only_that_subcategory():
    ids = covered_ids(AMSTERDAM, {"region_code": "VR01", "partner_name": "Gemeente Aa",
                                  "scopes": [("boa", "domein-4")]})
    assert ids == [[], [1], [], []]


def test_a_national_agreement_covers_the_organisation_in_every_region():
    ids = covered_ids(AMSTERDAM, {"partner_name": "Gemeente Aa", "scopes": [("boa", None)]})
    assert ids == [[1], [1], [], [1]]


def test_a_national_sector_wide_agreement_covers_every_organisation_in_its_scope():
    recs = records(("VR01", "Kazerne Noord", None, "defensie", "bijstand", 30, 20),
                   ("VR02", "Kazerne Zuid", None, "defensie", "bijstand", 12, 12),
                   ("VR03", "Gemeente Cee", None, "boa", "domein-1", 9, 9))
    ids = covered_ids(recs, {"partner_name": "Ministerie van Defensie",
                             "partner_type": "defensie", "scopes": [("defensie", None)]})
    assert ids == [[1], [1], []]


def test_overlapping_agreements_are_all_listed_and_the_persons_counted_once():
    frame, scopes = agreements(
        {"region_code": "VR01", "partner_name": "Gemeente Aa", "scopes": [("boa", None)]},
        {"partner_name": "Gemeente Aa", "scopes": [("boa", "domein-1")]},
        {"region_code": "VR01", "partner_name": "Gemeente Aa",
         "scopes": [("boa", None), ("boa", "domein-1")]})
    covered = covered_records(AMSTERDAM, frame, scopes, TODAY)
    assert covered["agreement_ids"].tolist() == [[1, 2, 3], [1, 3], [], [2]]
    cells = white_spots(covered, REGIONS, CATEGORY_NAMES).set_index("region_code")
    assert cells.loc["VR01", "covered_persons"] == 8 + 4  # not 8 * 3 + 4 * 2
    assert cells.loc["VR01", "deployable_persons"] == 8 + 4 + 5


@pytest.mark.parametrize("status, start, end", [
    ("getekend", date(2025, 1, 1), date(2026, 6, 14)),  # verlopen yesterday
    ("getekend", date(2026, 6, 16), None),  # nog niet ingegaan
    ("opgezegd", date(2026, 1, 1), None),
    ("concept", date(2026, 1, 1), None),
    ("in onderhandeling", date(2026, 1, 1), None),
])
def test_only_a_signed_agreement_valid_today_covers_anything(status, start, end):
    ids = covered_ids(AMSTERDAM, {"region_code": "VR01", "partner_name": "Gemeente Aa",
                                  "status": status, "valid_from": start, "valid_to": end,
                                  "scopes": [("boa", None)]})
    assert ids == [[], [], [], []]


def test_an_agreement_on_its_last_day_still_covers():
    ids = covered_ids(AMSTERDAM, {"region_code": "VR01", "partner_name": "Gemeente Aa",
                                  "valid_to": TODAY, "scopes": [("boa", None)]})
    assert ids == [[1], [1], [], []]


@pytest.mark.parametrize("partner_id, organisation_id, partner_name, covered", [
    ("12345678", "12345678", "Totaal andere naam", True),  # same identifier: names ignored
    ("12345678", "87654321", "Gemeente Aa", False),  # both identified, different: no match
    ("12345678", None, "Gemeente Aa", True),  # only one side identified: the name decides
    (None, "12345678", "Gemeente Aa", True),
    ("", "12345678", "Gemeente Aa", True),  # an empty identifier is no identifier
    ("12345678", None, "Gemeente Bee", False),
])
def test_identifiers_decide_when_both_sides_have_one_else_the_name(
        partner_id, organisation_id, partner_name, covered):
    recs = records(("VR01", "Gemeente Aa", organisation_id, "boa", "domein-1", 4, 4))
    ids = covered_ids(recs, {"region_code": "VR01", "partner_name": partner_name,
                             "partner_id": partner_id, "scopes": [("boa", None)]})
    assert ids == [[1] if covered else []]


def test_white_spots_and_shares_on_a_small_country():
    recs = records(
        ("VR01", "Gemeente Aa", None, "boa", "domein-1", 10, 8),
        ("VR01", "Stichting Bee", None, "boa", "domein-1", 5, 2),
        ("VR01", "Kazerne", None, "defensie", "bijstand", 7, 6),
        ("VR02", "Gemeente Dee", None, "boa", "domein-1", 4, 0),  # capacity, none deployable
        ("VR02", "Beveiliging Eff", None, "particuliere-beveiliging", "musea", 9, 3),
    )
    frame, scopes = agreements(
        {"region_code": "VR01", "partner_name": "Gemeente Aa", "scopes": [("boa", None)]},
        {"region_code": "VR02", "partner_name": "Beveiliging Eff",
         "scopes": [("particuliere-beveiliging", None)]})
    covered = covered_records(recs, frame, scopes, TODAY)
    cells = white_spots(covered, REGIONS, CATEGORY_NAMES)

    expected = pd.DataFrame({
        "region_code": ["VR01", "VR01", "VR02", "VR02"],
        "category": ["boa", "defensie", "boa", "particuliere-beveiliging"],
        "persons": [15, 7, 4, 9], "deployable_persons": [10, 6, 0, 3],
        "covered_persons": [8, 0, 0, 3], "uncovered_persons": [2, 6, 0, 0],
        "covered_share": [0.8, 0.0, np.nan, 1.0],
        "white_spot": [False, True, False, False],  # nothing deployable is no white spot
        "region_name": ["Een", "Een", "Twee", "Twee"],
        "category_name": ["Boa's", "Defensie", "Boa's", "Beveiliging"],
    })
    pd.testing.assert_frame_equal(cells, expected, check_dtype=False)

    shares = region_shares(cells, REGIONS).set_index("region_code")
    assert shares.loc["VR01", "covered_share"] == pytest.approx(8 / 16)
    assert shares.loc["VR02", "covered_share"] == pytest.approx(3 / 3)
    assert np.isnan(shares.loc["VR03", "covered_share"])  # no data, not 0

    uncovered = uncovered_organisations(covered, "VR01", "boa")
    assert uncovered.to_dict("records") == [
        {"organisation": "Stichting Bee", "subcategory": "domein-1", "persons": 5,
         "deployable_persons": 2}]


def test_the_regional_shares_add_up_to_the_national_share():
    recs = records(*[(r, f"Org {i}", None, "boa", "domein-1", 10 + i, 5 + i)
                     for i, r in enumerate(["VR01", "VR01", "VR02", "VR03", "VR03"])])
    frame, scopes = agreements({"partner_name": "Org 1", "scopes": [("boa", None)]},
                               {"partner_name": "Org 3", "scopes": [("boa", None)]})
    covered = covered_records(recs, frame, scopes, TODAY)
    shares = region_shares(white_spots(covered, REGIONS, CATEGORY_NAMES), REGIONS)
    assert shares["covered_persons"].sum() == (5 + 1) + (5 + 3)
    assert shares["deployable_persons"].sum() == recs["deployable_persons"].sum()


def test_expiring_lists_valid_agreements_ending_within_ninety_days_soonest_first():
    frame, _ = agreements(
        {"partner_name": "A", "valid_to": date(2026, 9, 13), "scopes": []},  # day 90
        {"partner_name": "B", "valid_to": date(2026, 9, 14), "scopes": []},  # day 91
        {"partner_name": "C", "valid_to": date(2026, 6, 14), "scopes": []},  # already over
        {"partner_name": "D", "valid_to": None, "scopes": []},  # open-ended
        {"partner_name": "E", "valid_to": date(2026, 7, 1), "status": "opgezegd",
         "scopes": []},
        {"partner_name": "F", "valid_to": date(2026, 6, 15), "scopes": []},  # today
    )
    assert expiring(frame, TODAY)["partner_name"].tolist() == ["F", "A"]


def test_a_lapsing_national_agreement_counts_in_every_region():
    frame, _ = agreements(
        {"partner_name": "A", "region_code": "VR02", "valid_to": date(2026, 7, 1), "scopes": []},
        {"partner_name": "B", "valid_to": date(2026, 8, 1), "scopes": []})
    counts = expiring_per_region(expiring(frame, TODAY), ["VR01", "VR02", "VR03"])
    assert counts["expiring_count"].tolist() == [1, 2, 1]
