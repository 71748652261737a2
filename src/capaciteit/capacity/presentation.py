"""Pure helpers that turn computed frames into what a page shows: labels, captions, sentences."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from capaciteit import texts
from capaciteit.capacity.aggregation import Measure, national_rate
from capaciteit.formatting import format_date, format_datetime, format_number, plain


def labelled(frame: pd.DataFrame, columns: Sequence[str],
             extra: dict[str, str] | None = None) -> pd.DataFrame:
    """Select ``columns`` and give them their Dutch labels."""
    labels = {**texts.COLUMN_LABELS, **(extra or {})}
    return frame[list(columns)].rename(columns=labels)


def peildatum_label(versions: pd.DataFrame) -> str:
    """'Peildatum …' or 'Peildata … – …' over the current versions."""
    if versions.empty or versions["peildatum_min"].isna().all():
        return f"{texts.PEILDATUM}: {texts.NO_DATA}"
    low, high = versions["peildatum_min"].min(), versions["peildatum_max"].max()
    if low == high:
        return f"{texts.PEILDATUM}: {format_date(low)}"
    return texts.PEILDATA_RANGE.format(van=format_date(low), tot=format_date(high))


def map_attributions(manifest: dict[str, Any], has_demo: bool,
                     population_date: date | None) -> list[str]:
    """Source lines for the map's attribution control."""
    lines = [manifest.get("bronvermelding", texts.BOUNDARIES_ATTRIBUTION)
             + f" ({manifest.get('jaar', '')})"]
    if population_date:
        lines.append(texts.POPULATION_ATTRIBUTION.format(datum=format_date(population_date)))
    if has_demo:
        lines.append(texts.DEMO_ATTRIBUTION)
    return lines


def describe_map(table: pd.DataFrame, measure: Measure, category_label: str) -> str:
    """One sentence describing the choropleth, for screen readers.

    Its national figure is in the measure's unit: the national rate for a rate, the
    national total otherwise.
    """
    values = table[["region_name", measure.column]].dropna()
    national = national_rate(table, measure)
    total = (format_number(national, measure.decimals) if pd.notna(national)
             else texts.NO_DATA)
    if values.empty:
        top = bottom = ""
    else:
        ordered = values.sort_values(measure.column)
        top = _name_value(ordered.iloc[-1], measure)
        bottom = _name_value(ordered.iloc[0], measure)
    missing = int(table[measure.column].isna().sum())
    return texts.map_description(measure.label, category_label, top, bottom, missing, total,
                                 rate=measure.per_capita)


def stale_line(table: pd.DataFrame, stale_after_days: int) -> str:
    """Which regions are stale (dashed on the map), or nothing when none are."""
    stale = table.loc[table["stale"].fillna(False).astype(bool), "region_name"]
    if stale.empty:
        return ""
    return texts.STALE_REGIONS.format(dagen=stale_after_days, namen=", ".join(stale))


def freshness_line(version: pd.Series) -> str:
    """Who sent a region's current figures, when, and their peildatum (Markdown).

    The uploader and the file name are outside text: shown as typed (``plain``).
    """
    low, high = version["peildatum_min"], version["peildatum_max"]
    peil = format_date(low) if low == high else f"{format_date(low)} – {format_date(high)}"
    return texts.REGION_FRESHNESS_LINE.format(
        peildatum=peil, tijd=format_datetime(version["uploaded_at"]),
        door=plain(version["uploaded_by"]), bestand=plain(version["filename"] or "—"))


def _name_value(row: pd.Series, measure: Measure) -> str:
    return f"{row['region_name']} ({format_number(row[measure.column], measure.decimals)})"
