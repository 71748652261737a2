"""Capacity over time, from the kept versions: per region and nationally, and as a chart.

Every publication or restore is a version that became the region's current one when it
was stored (``uploaded_at``), and stayed current until the next. So a region's trend is a
step function of its versions' totals, and the national figure on a day is the sum of each
region's latest version as of that day. A region without any version yet is not counted
(never as 0): the national series says how many regions it holds.

Pure functions on ``storage.version_totals``; the chart is an Altair specification that the
page hands to ``st.altair_chart``.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from capaciteit import texts
from capaciteit.capacity.records import MEASURES
from capaciteit.formatting import format_number, format_short_date

ZONE = "Europe/Amsterdam"
MIN_SPAN_DAYS = 7  # a trend axis spans at least a week
# Axis labels without month names in English: a day as 12-03-2026, an hour within it as 14:00.
TIME_LABEL = ("hours(datum.value) == 0 && minutes(datum.value) == 0 ? "
              "timeFormat(datum.value, '%d-%m-%Y') : timeFormat(datum.value, '%H:%M')")


def version_series(totals: pd.DataFrame, category: str | None = None,
                   subcategory: str | None = None) -> pd.DataFrame:
    """One row per version: region, version, moment and its sums in the chosen (sub)category.

    A version with nobody in the chosen (sub)category has 0 there: it reported everything it has.
    """
    chosen = totals["category"].notna()
    if category is not None:
        chosen &= totals["category"] == category
    if subcategory is not None:
        chosen &= totals["subcategory"] == subcategory
    keys = ["submission_id", "region_code", "version", "uploaded_at"]
    versions = totals[keys].drop_duplicates("submission_id")
    sums = totals[chosen].groupby("submission_id")[MEASURES].sum()
    frame = versions.merge(sums, left_on="submission_id", right_index=True, how="left")
    frame[MEASURES] = frame[MEASURES].fillna(0.0)
    return frame.sort_values(["uploaded_at", "region_code", "version"]).reset_index(drop=True)


def region_trend(series: pd.DataFrame, region_code: str) -> pd.DataFrame:
    """A region's versions in order: the moment each became current and its sums."""
    rows = series[series["region_code"] == region_code]
    return rows[["uploaded_at", "version", *MEASURES]].reset_index(drop=True)


def national_trend(series: pd.DataFrame) -> pd.DataFrame:
    """Per day with a publication: the sum of each region's latest version as of that day.

    ``regions`` is how many regions had a version by then; the others are left out, never
    counted as 0. A day with several publications shows the state at its end.
    """
    if series.empty:
        return pd.DataFrame(columns=["day", *MEASURES, "regions"])
    day = series["uploaded_at"].dt.tz_convert(ZONE).dt.tz_localize(None).dt.normalize()
    ordered = series.assign(day=day).sort_values(["uploaded_at", "version"])
    result = {}
    for measure in MEASURES:
        wide = ordered.pivot_table(index="day", columns="region_code", values=measure,
                                   aggfunc="last").ffill()
        result[measure] = wide.sum(axis=1, min_count=1)
        result["regions"] = wide.notna().sum(axis=1)
    frame = pd.DataFrame(result).rename_axis("day").reset_index()
    return frame.astype({"regions": "int64"})


def as_of(series: pd.DataFrame, moment: pd.Timestamp) -> pd.DataFrame:
    """Each region's current version at ``moment`` (regions without one yet are absent)."""
    before = series[series["uploaded_at"] <= moment]
    return (before.sort_values(["uploaded_at", "version"]).groupby("region_code").tail(1)
            .sort_values("region_code").reset_index(drop=True))


def trend_chart(frame: pd.DataFrame, x: str, measures: Sequence[str],
                extra_tooltip: dict[str, str] | None = None) -> alt.Chart:
    """A step chart of ``measures`` over ``x`` (a moment or a day): Dutch labels and numbers.

    Each value holds until the next point (a version stays current until the next one).
    ``extra_tooltip`` maps further columns of ``frame`` to their Dutch tooltip label.
    """
    extra = extra_tooltip or {}
    long = frame.melt(id_vars=[x, *extra], value_vars=list(measures), var_name="measure",
                      value_name="value")
    long["measure"] = long["measure"].map(texts.MEASURES)
    long["when"] = long[x].map(format_short_date)
    long["shown"] = [format_number(v, 1 if m == texts.MEASURES["fte"] else 0)
                     for v, m in zip(long["value"], long["measure"], strict=True)]
    when = pd.to_datetime(long[x])
    if when.dt.tz is not None:  # a moment: drawn in Dutch time; a day is a day already
        when = when.dt.tz_convert(ZONE).dt.tz_localize(None)
    long[x] = when
    tooltip = [alt.Tooltip("when:N", title=texts.TREND_DATE),
               alt.Tooltip("measure:N", title=texts.TREND_MEASURE),
               alt.Tooltip("shown:N", title=texts.TREND_VALUE),
               *[alt.Tooltip(f"{column}:N", title=label) for column, label in extra.items()]]
    return alt.Chart(long).mark_line(interpolate="step-after", point=True).encode(
        x=alt.X(f"{x}:T", title=texts.TREND_DATE, scale=alt.Scale(domain=_days_shown(when)),
                axis=alt.Axis(labelExpr=TIME_LABEL)),
        y=alt.Y("value:Q", title=texts.TREND_AXIS,
                axis=alt.Axis(labelExpr="replace(format(datum.value, ',.0f'), ',', '.')")),
        color=alt.Color("measure:N", title=texts.TREND_MEASURE,
                        legend=alt.Legend(orient="bottom")),
        tooltip=tooltip)


def _days_shown(when: pd.Series) -> list[str] | alt.UndefinedType:
    """The axis's span: the data's own, or at least a week up to the day after the last point.

    So versions all sent on one day are shown on an axis of days, not one of hours.
    """
    if when.empty or when.max() - when.min() >= pd.Timedelta(days=MIN_SPAN_DAYS):
        return alt.Undefined
    end = when.max().normalize() + pd.Timedelta(days=1)
    start = min(when.min().normalize(), end - pd.Timedelta(days=MIN_SPAN_DAYS))
    return [start.isoformat(), end.isoformat()]
