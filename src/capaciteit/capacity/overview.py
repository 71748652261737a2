"""The national overview: current capacity summary, versions and population, read in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from capaciteit.capacity.aggregation import region_population
from capaciteit.capacity.history import versions_as_of
from capaciteit.geo.boundaries import Boundaries
from capaciteit.storage import repository as storage
from capaciteit.storage.models import CurrentVersion, PopulationLoad


@dataclass(frozen=True)
class DashboardData:
    """Everything the map and region pages read, fetched in one go."""

    summary: pd.DataFrame
    versions: pd.DataFrame
    population: pd.DataFrame | None
    population_date: date | None
    has_demo: bool
    token: ChangeToken | None = None  # what it was read from (see dashboard_data's earlier)


class ChangeToken(NamedTuple):
    """What the stored capacity is now: each region's current version, and the population load.

    ``versions`` holds (region, submission id, moment it became current) per region with
    data, so two tokens tell *which* regions changed (:meth:`changed_regions`), not only
    that something did. The moment is part of it because SQLite hands a deleted demo
    submission's id out again. A tuple, so Streamlit's caches can hash it.
    """

    versions: tuple[tuple[str, int, str], ...]
    population: int

    def changed_regions(self, earlier: ChangeToken | None) -> frozenset[str]:
        """Regions whose current version differs from ``earlier`` (all when None)."""
        now = {v[0]: v for v in self.versions}
        if earlier is None:
            return frozenset(now)
        before = {v[0]: v for v in earlier.versions}
        return frozenset(code for code in now.keys() | before.keys()
                         if now.get(code) != before.get(code))

    def submissions(self) -> dict[str, int]:
        """The current submission id per region with data."""
        return {code: submission_id for code, submission_id, _ in self.versions}


def change_token(engine: Engine) -> ChangeToken:
    """A cheap token (25 rows and one id) that changes whenever capacity or population does."""
    with engine.connect() as conn:
        return change_token_on(conn)


def change_token_on(conn: Connection) -> ChangeToken:
    """:func:`change_token` on an open connection."""
    c = CurrentVersion
    rows = conn.execute(select(c.region_code, c.submission_id, c.updated_at)
                        .order_by(c.region_code)).all()
    loads = conn.execute(select(func.coalesce(func.max(PopulationLoad.id), 0))).scalar_one()
    return ChangeToken(tuple((code, int(sid), str(at)) for code, sid, at in rows), int(loads))


def dashboard_data(engine: Engine, boundaries: Boundaries,
                   earlier: DashboardData | None = None) -> DashboardData:
    """Read the current capacity summary, versions and population.

    With ``earlier`` (and its token), only the regions whose current version changed
    since are read again; the others' totals and peildata are taken from it (a
    version never changes).
    """
    with engine.connect() as conn:
        token = change_token_on(conn)  # first: what is read after is never older
        changed = token.changed_regions(earlier.token if earlier is not None else None)
        if earlier is None or earlier.token is None:
            summary = storage.capacity_summary(conn)
            versions = storage.current_versions(conn)
        else:
            current = token.submissions()
            ids = [current[code] for code in sorted(changed) if code in current]
            kept = earlier.summary[~earlier.summary["region_code"].isin(changed)]
            read = storage.capacity_summary(conn, ids)
            summary = pd.concat([kept, read], ignore_index=True) if len(read) else \
                kept.reset_index(drop=True)
            versions = storage.current_versions(conn, known_peildata=earlier.versions)
        inhabitants, population_date = storage.latest_population(conn)
        has_demo = storage.has_demo_data(conn)
    population = (region_population(inhabitants, boundaries.municipality_table())
                  if population_date else None)
    return DashboardData(summary, versions, population, population_date, has_demo, token)


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
