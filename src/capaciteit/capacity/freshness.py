"""How fresh each region's figures are: peildatum, its age in days and a stale flag."""

from __future__ import annotations

from datetime import date

import pandas as pd

FRESHNESS_COLUMNS = ["region_code", "peildatum", "age_days", "stale"]


def region_freshness(versions: pd.DataFrame, today: date, stale_after_days: int) -> pd.DataFrame:
    """Per reporting region its oldest peildatum, the age in days and whether it is stale.

    ``versions`` is ``storage.current_versions`` (``region_code``, ``peildatum_min``).
    A region's figures are as old as their oldest peildatum; they are stale when that
    is more than ``stale_after_days`` before ``today``. Regions without a version are
    absent (the caller's left join leaves them empty, never 0 days).

    Examples
    --------
    >>> v = pd.DataFrame({"region_code": ["VR01"],
    ...                   "peildatum_min": [pd.Timestamp("2026-01-01")]})
    >>> region_freshness(v, date(2026, 4, 11), 90)[["age_days", "stale"]].values.tolist()
    [[100, True]]
    """
    peil = pd.to_datetime(versions["peildatum_min"]).dt.normalize()
    age = (pd.Timestamp(today) - peil).dt.days
    return pd.DataFrame({
        "region_code": versions["region_code"].to_numpy(),
        "peildatum": peil.to_numpy(),
        "age_days": age.astype("Int64").to_numpy(),
        "stale": (age > stale_after_days).to_numpy(dtype=bool),
    }, columns=FRESHNESS_COLUMNS)


def with_freshness(table: pd.DataFrame, freshness: pd.DataFrame) -> pd.DataFrame:
    """``table`` (one row per region) with the freshness columns joined on ``region_code``."""
    joined = table.merge(freshness, on="region_code", how="left")
    joined["stale"] = joined["stale"].astype("boolean")
    return joined
