"""The national table: per region the figures the map shows, rounded to their meaning.

One frame serves the page's table and its CSV/XLSX downloads: persons whole, FTE and
rates to one decimal, the peildatum with its age in days and a stale flag. Regions
without figures keep empty cells (never 0, never "None").
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

import pandas as pd
from pandas.io.formats.style import Styler

from capaciteit import texts
from capaciteit.capacity.aggregation import Measure, region_table
from capaciteit.capacity.freshness import region_freshness, with_freshness
from capaciteit.capacity.records import MEASURES

REGION_PAGE = "regio"
DECIMALS = {"persons": 0, "deployable_persons": 0, "fte": 1, "inhabitants": 0, "age_days": 0}


def national_table(table: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """The region table (with freshness columns) in the columns and units it is shown in.

    ``table`` is ``aggregation.region_table`` joined with ``freshness.with_freshness``.
    Adds ``region_link`` (the region page's address) and ``stale_text`` (ja/nee).
    """
    columns = ["region_code", "region_name", *MEASURES]
    if "inhabitants" in table.columns:
        columns.append("inhabitants")
        if measure.per_capita:
            columns.append(measure.column)
    shown = table[columns].copy()
    for column in columns[2:]:
        shown[column] = rounded(shown[column], decimals_of(column))
    shown["peildatum"] = pd.to_datetime(table["peildatum"])
    shown["age_days"] = table["age_days"].astype("Int64")
    shown["stale_text"] = table["stale"].map(  # a region without figures says so, here
        lambda s: texts.NO_DATA if pd.isna(s) else texts.YES if s else texts.NO).astype("string")
    shown.insert(1, "region_link", [region_link(c, n) for c, n in
                                    zip(table["region_code"], table["region_name"], strict=True)])
    return shown.reset_index(drop=True)


def decimals_of(column: str) -> int:
    """Decimals a column is shown with: persons whole, FTE and rates one."""
    return 1 if column.endswith("_per_10000") else DECIMALS.get(column, 0)


def rounded(values: pd.Series, decimals: int) -> pd.Series:
    """Rounded to ``decimals``; whole numbers as nullable integers (no ``1057,0``)."""
    as_float = pd.to_numeric(values, errors="coerce").astype(float).round(decimals)
    return as_float.astype("Int64") if decimals == 0 else as_float


LINK_TEXT = r"#(.+)$"  # LinkColumn(display_text=…): the name, decoded, from the fragment


def region_link(region_code: str, name: str) -> str:
    """The region page's address, relative to the app, with the name as its fragment.

    ``regio?regio=VR13#Amsterdam-Amstelland``: the table shows (and a screen reader reads)
    the name through ``LINK_TEXT``; the page reads only ``?regio=``.
    """
    return f"{REGION_PAGE}?{urlencode({'regio': region_code})}#{quote(name)}"


def freshness_text(peildatum: pd.Timestamp | None, age_days: int | None) -> str:
    """'12-03-2026, 40 dagen oud' for a tooltip; empty when the region has no figures."""
    if peildatum is None or pd.isna(peildatum):
        return ""
    return texts.FRESHNESS_TEXT.format(datum=pd.Timestamp(peildatum).strftime("%d-%m-%Y"),
                                       dagen=int(age_days) if age_days is not None else "")


def labels(measure: Measure) -> dict[str, str]:
    """Dutch column labels of the national table."""
    return {**texts.COLUMN_LABELS, **texts.NATIONAL_COLUMN_LABELS, measure.column: measure.label}


def export_frame(shown: pd.DataFrame, measure: Measure) -> tuple[pd.DataFrame, dict[str, int]]:
    """The table as downloaded (Dutch labels, dates as dates, no link) and its decimals."""
    frame = shown.drop(columns=["region_link"])
    frame["peildatum"] = [None if pd.isna(v) else v.date() for v in frame["peildatum"]]
    names = labels(measure)
    decimals = {names[c]: decimals_of(c) for c in frame.columns
                if c in DECIMALS or c.endswith("_per_10000")}
    return frame.rename(columns=names), decimals


def map_table(summary: pd.DataFrame, regions: pd.DataFrame, versions: pd.DataFrame,
              population: pd.DataFrame | None, today: date,
              stale_after_days: int) -> pd.DataFrame:
    """Per region the summed measures, rates, peildatum, age, stale flag and tooltip text."""
    table = region_table(summary, regions, versions["region_code"], population)
    table = with_freshness(table, region_freshness(versions, today, stale_after_days))
    table["freshness_text"] = [
        freshness_text(p, a) + (texts.STALE_MARK if pd.notna(s) and bool(s) else "")
        for p, a, s in zip(table["peildatum"], table["age_days"], table["stale"], strict=True)]
    return table


def styled(shown: pd.DataFrame, measure: Measure) -> Styler:
    """The table for the screen: Dutch numbers and dates (links show names via LINK_TEXT).

    Numbers stay numbers (the table sorts them); a region without figures reads
    "geen gegevens" in the measure columns and is empty elsewhere, never "None".
    """
    frame = shown.drop(columns=["region_name"]).rename(columns=labels(measure))
    styler = frame.style
    for column in shown.columns:
        if column in DECIMALS or column.endswith("_per_10000"):
            label = labels(measure)[column]
            styler = styler.format(precision=decimals_of(column), thousands=".", decimal=",",
                                   na_rep=texts.NO_DATA if column in MEASURES else "",
                                   subset=[label])
    peil = texts.COLUMN_LABELS["peildatum"]
    styler = styler.format(lambda d: "" if pd.isna(d) else d.strftime("%d-%m-%Y"), subset=[peil])
    return styler.format(na_rep="", subset=[texts.NATIONAL_COLUMN_LABELS["stale_text"]])
