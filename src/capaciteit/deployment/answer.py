"""Inzetbaar: who can come within a horizon, from where, under which agreement.

The crisis team's question ("150 people with power X in region Y within 24
hours") is answered by one pure function, :func:`answer_question`, from frames
(capacity, current versions, agreements and scopes, regions and neighbours).
Nothing is read or written here.

Counting rules:

- A record counts for a question when it is deployable within the question's
  horizon or sooner (a 24 h record counts for 24, 72 and 168 h questions; a
  72 h record not for a 24 h question), is in one of the asked (sub)categories
  (none asked: every category) and has every required power.
- Each record is counted once, in its own region; a region belongs to one
  ring (its shortest neighbour distance to any target region), however many
  targets, scopes or powers it matches.
- Covered: by a currently valid agreement (``coverage.covered_records``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd

from capaciteit import texts
from capaciteit.agreements.coverage import covered_records
from capaciteit.capacity.aggregation import is_stale
from capaciteit.deployment.callers import (
    CALLER_COLUMNS,
    cost_lines,
    organisation_codes,
    whom_to_call,
)
from capaciteit.deployment.cost import CostLine
from capaciteit.deployment.measures import (
    NOTHING_FREED,
    Freed,
    Measure,
    freed_capacity,
    measures_in_force,
)
from capaciteit.formatting import format_number
from capaciteit.geo.boundaries import WORK_CRS

SEARCH_AREAS: dict[str, int | None] = {
    "eigen": 0, "buren": 1, "tweede-ring": 2, "land": None,
}
COVERAGE_KEYS = ["region_code", "organisation", "organisation_id", "category", "subcategory"]
MAX_PERSONS_NEEDED = 1_000_000  # a question asks for at least one person and at most this
SUPPLIER_COLUMNS = [
    "region_code", "region_name", "ring", "distance_km", "has_data", "deployable_persons",
    "covered_persons", "uncovered_persons", "peildatum_min", "peildatum_max",
    "uploaded_at", "stale",
]
AGREEMENT_ANSWER_COLUMNS = [
    "agreement_id", "partner_name", "partner_type", "region_code", "lead_time_hours",
    "exceeds_horizon", "compensation_arrangement", "compensation_eur", "compensation_unit",
    "payer", "committed_persons", "valid_to", "covered_persons", "supplier_regions",
]


@dataclass(frozen=True)
class Question:
    """What a crisis team asks.

    ``scopes`` are (category, subcategory or None for the whole category)
    pairs, any of which qualifies; empty means every category. ``powers`` must
    all be held. ``search_area`` is a key of ``SEARCH_AREAS``. ``measures`` are the codes
    of the closure measures in force (``deployment.measures``).
    """

    targets: tuple[str, ...]
    hours: int
    persons_needed: int
    scopes: tuple[tuple[str, str | None], ...] = ()
    powers: tuple[str, ...] = ()
    search_area: str = "buren"
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The answer: per supplying region, the covering agreements, and the totals."""

    question: Question
    suppliers: pd.DataFrame  # SUPPLIER_COLUMNS, ordered by ring, then distance
    agreements: pd.DataFrame  # AGREEMENT_ANSWER_COLUMNS
    deployable: int
    covered: int
    shortfall: int
    today: date
    freed: Freed = NOTHING_FREED  # closure measures: freed capacity, on its own line
    # whom to call: callers.CALLER_COLUMNS, per supplying region (nearest first)
    organisations: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=CALLER_COLUMNS))
    # the persons to price for the question (cost.estimate_cost)
    cost_lines: tuple[CostLine, ...] = ()

    @property
    def uncovered(self) -> int:
        """Deployable persons no valid agreement covers."""
        return self.deployable - self.covered

    @property
    def shortfall_covered_only(self) -> int:
        """The shortfall when only persons under a valid agreement come."""
        return max(self.question.persons_needed - self.covered, 0)


@dataclass(frozen=True)
class PreparedCapacity:
    """Capacity with its coverage worked out once, so each question is a few array sums.

    ``rows`` is the capacity with ``key`` (its coverage key: region, organisation,
    (sub)category) and ``covered``; ``links`` pairs each covered key with the
    valid agreements covering it, the key's region and its organisation's index.
    ``organisations`` holds region, name and identifier per organisation index.
    """

    rows: pd.DataFrame
    links: pd.DataFrame
    regions: np.ndarray  # region code per region index
    region_index: np.ndarray  # per row: its region's index in ``regions``
    deployable: np.ndarray  # per row: deployable persons (int64)
    covered: np.ndarray  # per row: bool
    key: np.ndarray  # per row: coverage key (int64)
    organisation_index: np.ndarray  # per row: its organisation's index in ``organisations``
    organisations: pd.DataFrame  # callers.ORGANISATION_KEYS, one row per organisation


def prepare_capacity(capacity: pd.DataFrame, agreements: pd.DataFrame, scopes: pd.DataFrame,
                     today: date) -> PreparedCapacity:
    """Apply the coverage rule once per distinct coverage key of ``capacity``.

    ``coverage.covered_records`` decides, on one row per (region, organisation,
    identifier, category, subcategory): the rule looks at nothing else.
    """
    key = capacity.groupby(COVERAGE_KEYS, observed=True, dropna=False, sort=False).ngroup()
    key_values = key.to_numpy(dtype="int64")
    firsts = pd.Series(np.arange(len(capacity))).groupby(key_values).first()
    distinct = _as_objects(capacity.iloc[firsts.to_numpy()][COVERAGE_KEYS])
    covered = covered_records(distinct, agreements, scopes, today)
    covered["key"] = firsts.index.to_numpy(dtype="int64")
    flags = np.zeros(len(firsts), dtype=bool)
    flags[covered["key"].to_numpy()] = covered["covered"].to_numpy(dtype=bool)
    row_flags = flags[key_values] if len(flags) else np.zeros(0, dtype=bool)
    rows = capacity.assign(key=key_values, covered=row_flags)
    links = (covered.loc[covered["covered"], ["key", "region_code", "agreement_ids"]]
             .explode("agreement_ids").rename(columns={"agreement_ids": "agreement_id"}))
    organisation_index, organisations = organisation_codes(capacity)
    key_organisation = np.zeros(len(firsts), dtype="int64")
    key_organisation[firsts.index.to_numpy(dtype="int64")] = organisation_index[firsts.to_numpy()]
    links = links.astype({"key": "int64", "agreement_id": "int64", "region_code": object})
    links["organisation_index"] = key_organisation[links["key"].to_numpy()]
    region = pd.Categorical(capacity["region_code"])
    codes = pd.Index(np.asarray(region.categories, dtype=object))
    links["region_index"] = codes.get_indexer(links["region_code"])  # once, not per question
    organisations["region_index"] = codes.get_indexer(organisations["region_code"])
    return PreparedCapacity(
        rows=rows, links=links.reset_index(drop=True),
        regions=np.asarray(region.categories, dtype=object),
        region_index=np.asarray(region.codes, dtype="int64"),
        deployable=capacity["deployable_persons"].to_numpy(dtype="int64"),
        covered=row_flags, key=key_values, organisation_index=organisation_index,
        organisations=organisations)


def answer_question(
    question: Question,
    capacity: pd.DataFrame | PreparedCapacity,
    versions: pd.DataFrame,
    agreements: pd.DataFrame,
    scopes: pd.DataFrame,
    regions: gpd.GeoDataFrame,
    neighbours: pd.DataFrame,
    *,
    today: date,
    stale_after_days: int,
    measures: Sequence[Measure] = (),
) -> Answer:
    """Answer a crisis team's question from stored data.

    Parameters
    ----------
    question
        Target regions, (sub)categories, powers, horizon, persons needed, search area.
    capacity
        Current capacity rows with ``COVERAGE_KEYS``, ``deployable_within_hours``,
        ``powers`` ('; '-separated names) and ``deployable_persons``; or the same
        prepared by :func:`prepare_capacity` with these agreements and ``today``
        (what the page caches, so a question does not redo the coverage rule).
    versions
        ``storage.current_versions``: region_code, uploaded_at, peildatum_min/max.
        Regions missing here have no data ("geen gegevens", never 0).
    agreements, scopes
        As ``storage.agreements_frame``.
    regions
        region_code, region_name and geometry of every region.
    neighbours
        region_code, neighbour_code (both directions), as ``boundaries.derive_neighbours``.
    today
        The day agreements must be valid and freshness is judged.
    stale_after_days
        A peildatum older than this is flagged stale.
    measures
        The closure measures known (``question.measures`` names those in force); what
        they free is ``Answer.freed``, apart from the deployable totals.
    """
    if not question.targets:
        raise ValueError("a question needs at least one target region")
    if not 1 <= question.persons_needed <= MAX_PERSONS_NEEDED:
        raise ValueError(texts.DEPLOY_PERSONS_OUT_OF_RANGE.format(
            max=format_number(MAX_PERSONS_NEEDED)))
    prepared = (capacity if isinstance(capacity, PreparedCapacity)
                else prepare_capacity(capacity, agreements, scopes, today))
    area = search_area(question, regions, neighbours)
    p = prepared
    mask = matching_mask(p.rows, question, area["region_code"]) & (p.deployable > 0)
    deployable, covered = p.deployable[mask], p.covered[mask]
    n_regions = len(p.regions)
    per_region = pd.DataFrame({
        "deployable_persons": np.bincount(p.region_index[mask], weights=deployable,
                                          minlength=n_regions),
        "covered_persons": np.bincount(p.region_index[mask][covered],
                                       weights=deployable[covered], minlength=n_regions),
    }, index=pd.Index(p.regions, name="region_code"))
    covered_keys = p.key[mask][covered]
    per_key = pd.Series(np.bincount(covered_keys, weights=deployable[covered]))
    per_key = per_key[per_key > 0]
    suppliers = _suppliers(area, per_region, versions, today, stale_after_days)
    total, total_covered = int(deployable.sum()), int(deployable[covered].sum())
    used = p.links[p.links["key"].isin(per_key.index)]
    order = _supplier_order(p.regions, suppliers)
    return Answer(
        question=question, suppliers=suppliers,
        agreements=_covering_agreements(per_key, used, agreements, suppliers, question.hours),
        deployable=total, covered=total_covered,
        shortfall=max(question.persons_needed - total, 0), today=today,
        organisations=whom_to_call(p.organisations, p.organisation_index[mask], deployable,
                                   covered, used, agreements, suppliers, order,
                                   question.persons_needed),
        cost_lines=cost_lines(per_key, used, agreements, order, question.persons_needed,
                              total - total_covered),
        freed=_freed(question, p, area, measures))


def _freed(question: Question, prepared: PreparedCapacity, area: pd.DataFrame,
           measures: Sequence[Measure]) -> Freed:
    """What the closure measures in force free in the search area (any (sub)category)."""
    if not question.measures:
        return NOTHING_FREED
    in_force = measures_in_force(question.measures, measures)
    mask = matching_mask(prepared.rows, replace(question, scopes=()), area["region_code"])
    return freed_capacity(prepared.rows, mask, in_force)


def rings(neighbours: pd.DataFrame, targets: Iterable[str]) -> dict[str, int]:
    """Ring per region reachable over shared borders: 0 the targets, 1 their neighbours, …

    Examples
    --------
    >>> chain = pd.DataFrame({"region_code": ["A", "B", "B", "C"],
    ...                       "neighbour_code": ["B", "A", "C", "B"]})
    >>> rings(chain, ["A"])
    {'A': 0, 'B': 1, 'C': 2}
    """
    adjacency = neighbours.groupby("region_code")["neighbour_code"].agg(list).to_dict()
    ring = dict.fromkeys(targets, 0)
    frontier = sorted(ring)
    while frontier:
        following = []
        for code in frontier:
            for neighbour in adjacency.get(code, []):
                if neighbour not in ring:
                    ring[neighbour] = ring[code] + 1
                    following.append(neighbour)
        frontier = sorted(following)
    return ring


def centroid_distances_km(regions: gpd.GeoDataFrame, targets: Iterable[str]) -> pd.Series:
    """Per region, the distance in km from its centroid to the nearest target's (EPSG:28992)."""
    centroids = regions.set_index("region_code").geometry.to_crs(WORK_CRS).centroid
    target_points = centroids.loc[list(targets)]
    distances = np.column_stack([centroids.distance(p).to_numpy() for p in target_points])
    return pd.Series(distances.min(axis=1) / 1000, index=centroids.index, name="distance_km")


def search_area(question: Question, regions: gpd.GeoDataFrame,
                neighbours: pd.DataFrame) -> pd.DataFrame:
    """The regions searched: code, name, ring and distance, ordered by ring then distance."""
    if question.search_area not in SEARCH_AREAS:
        raise ValueError(f"unknown search area {question.search_area!r}")
    max_ring = SEARCH_AREAS[question.search_area]
    ring = rings(neighbours, question.targets)
    table = pd.DataFrame(regions[["region_code", "region_name"]])
    table["ring"] = table["region_code"].map(ring).astype("Int64")
    distance = centroid_distances_km(regions, question.targets)
    table["distance_km"] = table["region_code"].map(distance).astype(float)
    if max_ring is not None:
        table = table[table["ring"].notna() & (table["ring"] <= max_ring)]
    return table.sort_values(["ring", "distance_km", "region_code"],
                             na_position="last").reset_index(drop=True)


def matching_mask(capacity: pd.DataFrame, question: Question,
                  regions: Iterable[str]) -> np.ndarray:
    """Per capacity row: is it in ``regions`` and does it fit the horizon, scopes and powers?"""
    mask = np.array(capacity["region_code"].isin(list(regions)).to_numpy(), dtype=bool)
    mask &= (capacity["deployable_within_hours"] <= question.hours).to_numpy()
    if question.scopes:
        in_scope = np.zeros(len(capacity), dtype=bool)
        for category, subcategory in question.scopes:
            hit = (capacity["category"] == category).to_numpy()
            if subcategory is not None:
                hit = hit & (capacity["subcategory"] == subcategory).to_numpy()
            in_scope |= hit
        mask &= in_scope
    if question.powers:
        mask &= has_powers(capacity["powers"], question.powers)
    return mask


def power_names(text: object) -> frozenset[str]:
    """The powers in a '; '-separated text, case-folded and stripped."""
    if not isinstance(text, str):
        return frozenset()
    return frozenset(p.strip().casefold() for p in text.split(";") if p.strip())


def has_powers(powers: pd.Series, required: Iterable[str]) -> np.ndarray:
    """Per row: does its powers text hold every required power (case-insensitive)?

    Each distinct text is parsed once, so a million rows with a few hundred
    distinct texts cost a few hundred parses.
    """
    needed = frozenset(p.strip().casefold() for p in required if p.strip())
    codes, uniques = pd.factorize(powers)
    fits = np.array([needed <= power_names(u) for u in uniques] + [not needed], dtype=bool)
    return fits[codes]  # code -1 (missing) takes the last entry


def _as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns as plain objects (missing as None), for the coverage rule."""
    result = frame.reset_index(drop=True).copy()
    for column in COVERAGE_KEYS:
        values = result[column].astype(object)
        result[column] = values.where(values.notna(), None)
    return result


def _supplier_order(regions: np.ndarray, suppliers: pd.DataFrame) -> np.ndarray:
    """Per region index: its place among the suppliers (nearest first); past them: unsearched."""
    order = pd.Index(suppliers["region_code"]).get_indexer(regions)
    return np.where(order < 0, len(suppliers), order)


def _suppliers(area: pd.DataFrame, per_region: pd.DataFrame, versions: pd.DataFrame,
               today: date, stale_after_days: int) -> pd.DataFrame:
    """One row per searched region: deployable, covered, uncovered and freshness."""
    fresh = versions[["region_code", "peildatum_min", "peildatum_max", "uploaded_at"]]
    table = area.merge(fresh, on="region_code", how="left").merge(
        per_region, left_on="region_code", right_index=True, how="left")
    table["has_data"] = table["region_code"].isin(set(versions["region_code"]))
    for column in ("deployable_persons", "covered_persons"):
        table[column] = table[column].astype(float).fillna(0.0).where(table["has_data"])
    table["uncovered_persons"] = table["deployable_persons"] - table["covered_persons"]
    stamp = pd.Timestamp(today)
    table["stale"] = [bool(has) and is_stale(p, stamp, stale_after_days)
                      for has, p in zip(table["has_data"], table["peildatum_min"], strict=True)]
    return table[SUPPLIER_COLUMNS]


def _covering_agreements(per_key: pd.Series, used: pd.DataFrame, agreements: pd.DataFrame,
                         suppliers: pd.DataFrame, hours: int) -> pd.DataFrame:
    """The valid agreements that cover persons in the answer, nearest supplier first.

    ``covered_persons`` is what each agreement covers; a person covered by two
    agreements appears under both here, but once in the totals.
    """
    if used.empty:
        return pd.DataFrame(columns=AGREEMENT_ANSWER_COLUMNS)
    used = (used.assign(persons=per_key.reindex(used["key"]).to_numpy())
            .groupby(["agreement_id", "region_code"], as_index=False)["persons"].sum())
    order = dict(zip(suppliers["region_code"], range(len(suppliers)), strict=True))
    per = used.groupby("agreement_id").agg(
        covered_persons=("persons", "sum"),
        supplier_regions=("region_code",
                          lambda s: ", ".join(sorted(set(s), key=order.__getitem__))),
        nearest=("region_code", lambda s: min(order[c] for c in s)))
    table = agreements.merge(per, left_on="agreement_id", right_index=True)
    table["covered_persons"] = table["covered_persons"].astype("int64")
    table["exceeds_horizon"] = table["lead_time_hours"] > hours
    table = table.sort_values(["nearest", "lead_time_hours", "agreement_id"])
    return table[AGREEMENT_ANSWER_COLUMNS].reset_index(drop=True)
