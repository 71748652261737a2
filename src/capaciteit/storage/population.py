"""Population loads: inhabitants per municipality, each load kept with its date.

Re-exported by ``storage.repository``, where callers find every query.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select

from capaciteit.storage.models import Population, PopulationLoad


def save_population(
    conn: Connection, inhabitants: pd.DataFrame, *, reference_date: date, filename: str,
    sha256: str, now: datetime | None = None,
) -> int:
    """Store a new population load (gemeente_code, inhabitants); earlier loads are kept."""
    load_id = conn.execute(
        insert(PopulationLoad).returning(PopulationLoad.id),
        {"reference_date": reference_date, "loaded_at": now or datetime.now(UTC),
         "filename": filename, "sha256": sha256},
    ).scalar_one()
    conn.execute(insert(Population), [
        {"load_id": load_id, "gemeente_code": code, "inhabitants": int(n)}
        for code, n in zip(inhabitants["gemeente_code"], inhabitants["inhabitants"], strict=True)
    ])
    return int(load_id)


def latest_population_sha256(conn: Connection) -> str | None:
    """The content hash of the newest population load, or None when none was loaded."""
    return conn.execute(select(PopulationLoad.sha256).order_by(PopulationLoad.id.desc())
                        .limit(1)).scalar_one_or_none()


def latest_population(conn: Connection) -> tuple[pd.DataFrame, date | None]:
    """Inhabitants per municipality from the newest load, with its reference date."""
    latest = conn.execute(
        select(PopulationLoad.id, PopulationLoad.reference_date)
        .order_by(PopulationLoad.id.desc()).limit(1)
    ).first()
    columns = ["gemeente_code", "inhabitants"]
    if latest is None:
        return pd.DataFrame(columns=columns), None
    rows = conn.execute(
        select(Population.gemeente_code, Population.inhabitants)
        .where(Population.load_id == latest.id)
    ).mappings().all()
    return pd.DataFrame(rows, columns=columns), latest.reference_date
