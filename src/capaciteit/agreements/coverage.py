"""Which capacity is covered by a currently valid agreement, and where the white spots are.

Rule (one place, used by the white-spot map and the crisis team's answer):
a capacity record is *covered* when at least one agreement that is *geldig*
today (``agreements.effective_status``)

- is for the record's region or is national (``region_code`` None),
- has a scope row for the record's category whose subcategory is None (the
  whole category) or equals the record's subcategory, and
- is with the record's organisation — the same identifier (KvK/OIN) when both
  have one, otherwise the same name (case, spaces and punctuation ignored) —
  or with a sector-wide partner (``SECTOR_WIDE`` partner types), which binds
  every organisation in its scope.

Committed persons are not spread over records: they are shown next to the
registered capacity (and checked against it when an agreement is saved).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from capaciteit.agreements.model import VALID, with_effective_status
from capaciteit.names import name_key

SECTOR_WIDE = frozenset({"sectororganisatie", "inspectiedienst", "politie", "defensie"})
EXPIRY_WINDOW_DAYS = 90


def valid_agreements(agreements: pd.DataFrame, today: date) -> pd.DataFrame:
    """The agreements that are geldig today, with their effective status."""
    with_status = with_effective_status(agreements, today)
    return with_status[with_status["effective_status"] == VALID]


def covered_records(records: pd.DataFrame, agreements: pd.DataFrame, scopes: pd.DataFrame,
                    today: date) -> pd.DataFrame:
    """Add ``covered`` (bool) and ``agreement_ids`` (list) to capacity records.

    ``records`` needs region_code, organisation, organisation_id, category and
    subcategory; ``agreements`` and ``scopes`` are as ``storage.agreements_frame``.
    """
    result = records.copy()
    valid = valid_agreements(agreements, today)
    links = _candidate_links(result, valid, scopes)
    links = links.drop_duplicates().sort_values(["record", "agreement_id"])
    record = links["record"].to_numpy(dtype="int64")
    lists: list[list[int]] = [[] for _ in range(len(result))]
    if len(record):  # one list per record, from the sorted links in one pass
        starts = np.flatnonzero(np.r_[True, record[1:] != record[:-1]])
        groups = np.split(links["agreement_id"].to_numpy(dtype="int64"), starts[1:])
        for position, agreement_ids in zip(record[starts], groups, strict=True):
            lists[int(position)] = agreement_ids.tolist()
    result["agreement_ids"] = lists
    result["covered"] = [bool(ids_) for ids_ in lists]
    return result


def white_spots(covered: pd.DataFrame, regions: pd.DataFrame,
                category_names: dict[str, str]) -> pd.DataFrame:
    """Per region × category: deployable persons, covered, uncovered and the covered share.

    Only cells with registered capacity appear; ``white_spot`` is True where
    deployable persons exist and none of them is covered.
    """
    frame = covered.assign(
        covered_persons=covered["deployable_persons"].where(covered["covered"], 0))
    cells = frame.groupby(["region_code", "category"], as_index=False).agg(
        persons=("persons", "sum"), deployable_persons=("deployable_persons", "sum"),
        covered_persons=("covered_persons", "sum"))
    cells["uncovered_persons"] = cells["deployable_persons"] - cells["covered_persons"]
    cells["covered_share"] = (cells["covered_persons"] / cells["deployable_persons"]
                              .where(cells["deployable_persons"] > 0))
    cells["white_spot"] = (cells["deployable_persons"] > 0) & (cells["covered_persons"] == 0)
    cells = cells.merge(regions[["region_code", "region_name"]], on="region_code", how="left")
    cells["category_name"] = cells["category"].map(lambda c: category_names.get(c, c))
    return cells.sort_values(["region_code", "category"]).reset_index(drop=True)


def region_shares(cells: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Per region: the share of deployable persons covered by agreements (NaN = no data)."""
    sums = cells.groupby("region_code")[["deployable_persons", "covered_persons"]].sum()
    table = regions[["region_code", "region_name"]].merge(sums, left_on="region_code",
                                                         right_index=True, how="left")
    table["covered_share"] = table["covered_persons"] / table["deployable_persons"].where(
        table["deployable_persons"] > 0)
    return table


def uncovered_organisations(covered: pd.DataFrame, region_code: str,
                            category: str) -> pd.DataFrame:
    """The organisations in one cell whose deployable persons no agreement covers."""
    cell = covered[(covered["region_code"] == region_code) & (covered["category"] == category)
                   & ~covered["covered"]]
    return (cell.groupby(["organisation", "subcategory"], as_index=False)
            [["persons", "deployable_persons"]].sum()
            .sort_values("deployable_persons", ascending=False).reset_index(drop=True))


def expiring(agreements: pd.DataFrame, today: date,
             days: int = EXPIRY_WINDOW_DAYS) -> pd.DataFrame:
    """Valid agreements whose end date falls within ``days`` from today."""
    valid = valid_agreements(agreements, today)
    ends = pd.to_datetime(valid["valid_to"])
    soon = ends.notna() & (ends <= pd.Timestamp(today + timedelta(days=days)))
    return valid[soon].sort_values("valid_to")


def _candidate_links(records: pd.DataFrame, valid: pd.DataFrame,
                     scopes: pd.DataFrame) -> pd.DataFrame:
    """(record position, agreement id) pairs where an agreement covers a record."""
    empty = pd.DataFrame({"record": pd.Series(dtype="int64"),
                          "agreement_id": pd.Series(dtype="int64")})
    if valid.empty or records.empty:
        return empty
    scoped = valid.merge(scopes, on="agreement_id")
    left = records[["region_code", "organisation", "organisation_id", "category",
                    "subcategory"]].reset_index(drop=True)
    left["record"] = range(len(left))
    pairs = left.merge(scoped[["agreement_id", "region_code", "partner_name", "partner_id",
                               "partner_type", "category", "subcategory"]],
                       on="category", suffixes=("", "_a"))
    region_ok = pairs["region_code_a"].isna() | (pairs["region_code_a"] == pairs["region_code"])
    sub_ok = pairs["subcategory_a"].isna() | (pairs["subcategory_a"] == pairs["subcategory"])
    both_ids = pairs["partner_id"].notna() & pairs["organisation_id"].notna() & \
        (pairs["partner_id"].astype(str) != "") & (pairs["organisation_id"].astype(str) != "")
    same_id = both_ids & (pairs["partner_id"].astype(str).str.strip()
                          == pairs["organisation_id"].astype(str).str.strip())
    same_name = ~both_ids & (_name_keys(pairs["partner_name"])
                             == _name_keys(pairs["organisation"]))
    partner_ok = pairs["partner_type"].isin(SECTOR_WIDE) | same_id | same_name
    matched = pairs[region_ok & sub_ok & partner_ok]
    return matched[["record", "agreement_id"]] if len(matched) else empty


def expiring_per_region(soon: pd.DataFrame, region_codes: list[str]) -> pd.DataFrame:
    """Per region: how many of the ``expiring`` agreements apply there (its own + national)."""
    national = int(soon["region_code"].isna().sum())
    own = soon["region_code"].dropna().value_counts()
    return pd.DataFrame({"region_code": region_codes,
                         "expiring_count": [int(own.get(c, 0)) + national
                                            for c in region_codes]})


def _name_keys(names: pd.Series) -> pd.Series:
    """``name_key`` of every name, computed once per distinct name."""
    codes, uniques = pd.factorize(names)
    keys = np.array([name_key(u) for u in uniques] + [""], dtype=object)
    return pd.Series(keys[codes], index=names.index)
