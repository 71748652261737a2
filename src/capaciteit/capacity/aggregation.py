"""Pure aggregation of capacity: per region, per category, per municipality, per capita.

Every function takes DataFrames and returns DataFrames; no I/O. Regions that
never reported are missing (NaN), never 0; a region that reported but has
nobody in a category has 0 there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from capaciteit.capacity.records import MEASURES
from capaciteit.texts import MEASURES as MEASURE_LABELS
from capaciteit.texts import PER_CAPITA_SUFFIX

PER_CAPITA = 10_000


@dataclass(frozen=True)
class Measure:
    """A mapped measure: a capacity column, optionally per 10,000 inhabitants."""

    base: str
    per_capita: bool = False

    @property
    def column(self) -> str:
        """Column name in the region table."""
        return f"{self.base}_per_10000" if self.per_capita else self.base

    @property
    def label(self) -> str:
        """Dutch label."""
        label = MEASURE_LABELS[self.base]
        return f"{label} {PER_CAPITA_SUFFIX}" if self.per_capita else label

    @property
    def decimals(self) -> int:
        """Decimals to show."""
        return 1 if self.per_capita or self.base == "fte" else 0


def available_measures(population_loaded: bool) -> list[Measure]:
    """The measures a user can choose; per-capita ones only with population loaded."""
    measures = [Measure(m) for m in MEASURES]
    if population_loaded:
        measures += [Measure(m, per_capita=True) for m in MEASURES]
    return measures


def default_measure(measures: list[Measure]) -> Measure:
    """The measure the map opens with: persons per 10,000 inhabitants when offered.

    A rate, because a count colours large regions strong only for being large.
    """
    rate = Measure("persons", per_capita=True)
    return rate if rate in measures else measures[0]


def filter_category(summary: pd.DataFrame, category: str | None) -> pd.DataFrame:
    """Rows of one category (``boa``) or subcategory (``boa/domein-4``); all when None."""
    if category is None:
        return summary
    code, _, sub = category.partition("/")
    rows = summary["category"] == code
    if sub:
        rows &= summary["subcategory"] == sub
    return summary[rows]


def region_table(
    summary: pd.DataFrame,
    regions: pd.DataFrame,
    reporting: Iterable[str],
    population: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per region with the summed measures (and per-10,000 rates).

    Parameters
    ----------
    summary
        Capacity summary (``storage.capacity_summary``), already filtered.
    regions
        ``region_code`` and ``region_name`` of all regions.
    reporting
        Codes of regions that have a current version; the others get NaN.
    population
        ``region_code`` and ``inhabitants``; adds ``<measure>_per_10000``.

    Examples
    --------
    >>> s = pd.DataFrame({"region_code": ["VR01"], "persons": [5], "fte": [4.0],
    ...                   "deployable_persons": [2]})
    >>> r = pd.DataFrame({"region_code": ["VR01", "VR02"], "region_name": ["A", "B"]})
    >>> region_table(s, r, ["VR01"])["persons"].tolist()
    [5.0, nan]
    """
    sums = summary.groupby("region_code")[MEASURES].sum()
    table = regions[["region_code", "region_name"]].merge(
        sums, left_on="region_code", right_index=True, how="left")
    reported = table["region_code"].isin(set(reporting))
    for measure in MEASURES:
        table[measure] = table[measure].astype(float).fillna(0.0).where(reported, np.nan)
    if population is not None and not population.empty:
        table = table.merge(population[["region_code", "inhabitants"]], on="region_code",
                            how="left")
        for measure in MEASURES:
            table[f"{measure}_per_10000"] = table[measure] / table["inhabitants"] * PER_CAPITA
    return table.reset_index(drop=True)


def national_rate(table: pd.DataFrame, measure: Measure) -> float:
    """The national figure in the measure's unit: a rate over the regions with data, or a sum.

    For a per-10,000 measure: the summed measure over the summed inhabitants of the
    regions that reported (a region without figures is not counted as 0), NaN when
    none did. Otherwise the national total (NaN when no region reported).
    """
    if table[measure.base].isna().all():
        return float("nan")
    if not measure.per_capita:
        return float(table[measure.base].sum())
    reported = table[table[measure.base].notna() & table["inhabitants"].notna()]
    inhabitants = float(reported["inhabitants"].sum())
    if not inhabitants:
        return float("nan")
    return float(reported[measure.base].sum()) / inhabitants * PER_CAPITA


def national_totals(summary: pd.DataFrame) -> pd.Series:
    """National sums of the measures."""
    return summary[MEASURES].sum().astype(float)


def region_population(inhabitants: pd.DataFrame, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Sum municipal inhabitants to regions (``region_code``, ``inhabitants``)."""
    joined = inhabitants.merge(municipalities[["gemeente_code", "region_code"]],
                               on="gemeente_code", how="inner")
    return (joined.groupby("region_code", as_index=False)["inhabitants"].sum()
            .astype({"inhabitants": "int64"}))


def by_category(summary: pd.DataFrame, categories: pd.DataFrame) -> pd.DataFrame:
    """Measures per category and subcategory, every reference subcategory listed."""
    sums = summary.groupby(["category", "subcategory"])[MEASURES].sum()
    table = categories.merge(sums, left_on=["category", "subcategory"], right_index=True,
                             how="left")
    table[MEASURES] = table[MEASURES].fillna(0)
    extra = sums.index.difference(pd.MultiIndex.from_frame(categories[["category",
                                                                       "subcategory"]]))
    if len(extra):  # stored codes no longer in the reference list: show, do not hide
        rest = sums.loc[extra].reset_index()
        rest["category_name"], rest["subcategory_name"] = rest["category"], rest["subcategory"]
        table = pd.concat([table, rest], ignore_index=True)
    return table.astype({"persons": "int64", "deployable_persons": "int64"})


def by_municipality(
    summary: pd.DataFrame, municipalities: pd.DataFrame, regionwide_label: str
) -> pd.DataFrame:
    """Measures per municipality of a region; region-wide records in their own row."""
    sums = (summary.assign(gemeente_code=summary["gemeente_code"].fillna(""))
            .groupby("gemeente_code")[MEASURES].sum())
    table = municipalities[["gemeente_code", "gemeente_name"]].merge(
        sums, left_on="gemeente_code", right_index=True, how="left")
    table[MEASURES] = table[MEASURES].fillna(0)
    if "" in sums.index:
        regionwide = sums.loc[[""]].reset_index()
        regionwide["gemeente_name"] = regionwide_label
        table = pd.concat([table, regionwide], ignore_index=True)
    return table.astype({"persons": "int64", "deployable_persons": "int64"})


def neighbours_of(neighbours: pd.DataFrame, region_code: str,
                  names: dict[str, str]) -> pd.DataFrame:
    """The neighbours of one region with their names and shared border length."""
    rows = neighbours[neighbours["region_code"] == region_code]
    return pd.DataFrame({
        "region_code": rows["neighbour_code"].to_numpy(),
        "region_name": [names.get(c, c) for c in rows["neighbour_code"]],
        "border_km": rows["border_km"].to_numpy(),
    })


def is_stale(peildatum: pd.Timestamp | None, today: pd.Timestamp, max_age_days: int) -> bool:
    """True when the peildatum is older than ``max_age_days`` (or missing)."""
    if peildatum is None or pd.isna(peildatum):
        return True
    return bool((today - peildatum).days > max_age_days)
