"""The national overview: current capacity summary, versions and population, read in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, func, select

from capaciteit.capacity.aggregation import region_population
from capaciteit.capacity.history import versions_as_of
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.storage.models import PopulationLoad, Submission


@dataclass(frozen=True)
class DashboardData:
    """Everything the map and region pages read, fetched in one go."""

    summary: pd.DataFrame
    versions: pd.DataFrame
    population: pd.DataFrame | None
    population_date: date | None
    has_demo: bool


def change_token(engine: Engine) -> tuple[int, int]:
    """A cheap token that changes whenever capacity or population changes (max ids)."""
    with engine.connect() as conn:
        submissions = conn.execute(select(func.coalesce(func.max(Submission.id), 0))).scalar_one()
        loads = conn.execute(select(func.coalesce(func.max(PopulationLoad.id), 0))).scalar_one()
    return int(submissions), int(loads)


def dashboard_data(engine: Engine, boundaries: Boundaries) -> DashboardData:
    """Read the current capacity summary, versions and population."""
    with engine.connect() as conn:
        summary = storage.capacity_summary(conn)
        versions = storage.current_versions(conn)
        inhabitants, population_date = storage.latest_population(conn)
        has_demo = storage.has_demo_data(conn)
    population = (region_population(inhabitants, boundaries.municipality_table())
                  if population_date else None)
    return DashboardData(summary, versions, population, population_date, has_demo)


def region_history(engine: Engine, region_code: str
                   ) -> tuple[storage.VersionStamp | None, pd.DataFrame]:
    """A region's current version as a stamp, and its versions, newest first.

    The stamp is read first, so a publication in between can only make it older than
    the history shown: a restore chosen from this view is then refused as stale.
    """
    with engine.connect() as conn:
        stamp = storage.current_stamp(conn, region_code)
        return stamp, storage.history(conn, region_code)


def version_history(engine: Engine) -> pd.DataFrame:
    """Every stored version with its sums per (sub)category, for the trends over time."""
    with engine.connect() as conn:
        return storage.version_totals(conn)


def dashboard_data_as_of(engine: Engine, boundaries: Boundaries, day: date) -> DashboardData:
    """The map's data as it stood at the end of ``day``: the versions current then.

    Population is the newest load (inhabitants are reference data, not history).
    """
    with engine.connect() as conn:
        ids = versions_as_of(storage.submissions(conn), day)
        summary = storage.capacity_summary(conn, ids)
        versions = storage.current_versions(conn, ids)
        inhabitants, population_date = storage.latest_population(conn)
    population = (region_population(inhabitants, boundaries.municipality_table())
                  if population_date else None)
    return DashboardData(summary, versions, population, population_date,
                         bool(versions["is_demo"].any()))
