"""Stored closure measures: read the current ones, seed them, save a new version.

The reference list ``reference/maatregelen.toml`` seeds ``closure_measure_version`` on
first use; after that a beheerder edits the measures in the app (:func:`save_measure`,
the one write: role-checked inside its transaction, audited). Every save appends a
version (the table is append-only, migration 0007); the newest version per code is
the measure. Measures are never deleted, only made inactive.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, RowMapping, func, insert, select
from sqlalchemy.exc import IntegrityError

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.authorization import authorized_write
from capaciteit.access.permissions import MANAGE_PRESETS, User
from capaciteit.bounds import MAX_POSITION, column_text_problem
from capaciteit.capacity.categories import Category
from capaciteit.deployment.measures import Measure, Release, measure_problems, reference_measures
from capaciteit.storage.engine import write_transaction
from capaciteit.storage.models import StoredMeasure

SEED_ACTOR = texts.MEASURE_SEED_ACTOR
HISTORY_COLUMNS = ["saved_at", "saved_by", "name", "assumption", "releases", "active"]


class MeasureError(Exception):
    """A measure was refused; nothing was stored. The message is Dutch."""


def read_measures(conn: Connection, *, include_inactive: bool = False) -> list[Measure]:
    """The current version of each stored measure, in position order."""
    m = StoredMeasure
    newest = select(func.max(m.id)).group_by(m.code).scalar_subquery()
    query = select(*m.__table__.columns).where(m.id.in_(newest)).order_by(m.position, m.code)
    if not include_inactive:
        query = query.where(m.active.is_(True))
    return [_from_row(row) for row in conn.execute(query).mappings()]


def measure_history(conn: Connection, code: str) -> pd.DataFrame:
    """Every version of one measure, newest first: when, by whom, what it said."""
    m = StoredMeasure
    query = (select(m.saved_at, m.saved_by, m.name, m.assumption, m.releases, m.active)
             .where(m.code == code).order_by(m.id.desc()))
    return pd.DataFrame(conn.execute(query).all(), columns=HISTORY_COLUMNS)


def load_measure_history(engine: Engine, code: str) -> pd.DataFrame:
    """Every version of one measure, newest first (what the editor shows)."""
    with engine.connect() as conn:
        return measure_history(conn, code)


def seed_measures(conn: Connection, measures: tuple[Measure, ...], *,
                  now: datetime | None = None) -> int:
    """Store ``measures`` when the table is empty (first use); return how many were stored."""
    if conn.execute(select(func.count()).select_from(StoredMeasure)).scalar_one():
        return 0
    now = now or datetime.now(UTC)
    conn.execute(insert(StoredMeasure), [_to_row(m, SEED_ACTOR, now) for m in measures])
    return len(measures)


def load_measures(engine: Engine, *, include_inactive: bool = False) -> list[Measure]:
    """The measures, seeding them from the reference list on first use."""
    with engine.connect() as conn:
        measures = read_measures(conn, include_inactive=True)
    if not measures:
        try:
            with write_transaction(engine) as conn:
                seed_measures(conn, reference_measures())
        except IntegrityError:  # another session seeded at the same moment
            pass
        with engine.connect() as conn:
            measures = read_measures(conn, include_inactive=True)
    return [m for m in measures if include_inactive or m.active]


def save_measure(engine: Engine, measure: Measure, *, actor: User,
                 categories: tuple[Category, ...], now: datetime | None = None) -> Measure:
    """Store a new version of a measure (by code); raise MeasureError when invalid.

    Only a beheerder may (permission ``veelgestelde_vragen_beheren``), by the role table
    as it stands inside the write's transaction (AccessDenied otherwise, audited).
    """
    cleaned = replace(measure, name=measure.name.strip(),
                      assumption=measure.assumption.strip())
    load_measures(engine)  # seed first, so a new measure never blocks the reference list
    with authorized_write(engine, actor, MANAGE_PRESETS) as conn:
        problems = measure_problems(cleaned, categories) + _value_problems(cleaned)
        if problems:
            raise MeasureError(texts.MEASURE_REFUSED.format(fouten="; ".join(problems)))
        known = {m.code for m in read_measures(conn, include_inactive=True)}
        conn.execute(insert(StoredMeasure), _to_row(cleaned, actor.label,
                                                    now or datetime.now(UTC)))
        audit.record(conn, actor, "maatregel_opgeslagen", object_type="maatregel",
                     object_id=cleaned.code,
                     details={"nieuw": cleaned.code not in known,
                              "vrij": _releases(cleaned), "actief": cleaned.active})
    return cleaned


def _value_problems(measure: Measure) -> list[str]:
    found = [(name, column_text_problem(StoredMeasure, name, getattr(measure, name)))
             for name in ("name", "assumption")]
    problems = [texts.PRESET_BAD_TEXT.format(veld=texts.MEASURE_FIELDS[name], reden=problem)
                for name, problem in found if problem]
    if not 0 <= measure.position <= MAX_POSITION:
        problems.append(texts.PRESET_BAD_POSITION.format(waarde=measure.position,
                                                         max=MAX_POSITION))
    return problems


def _releases(measure: Measure) -> list[dict[str, object]]:
    return [{"category": r.category, "subcategory": r.subcategory, "fraction": r.fraction}
            for r in measure.releases]


def _to_row(measure: Measure, actor: str, now: datetime) -> dict[str, object]:
    return {"code": measure.code, "name": measure.name, "assumption": measure.assumption,
            "releases": _releases(measure), "position": measure.position,
            "active": measure.active, "saved_by": actor, "saved_at": now}


def _from_row(r: RowMapping) -> Measure:
    return Measure(code=r["code"], name=r["name"], assumption=r["assumption"],
                   releases=tuple(Release(str(x["category"]), x.get("subcategory"),
                                          float(x["fraction"])) for x in r["releases"]),
                   position=int(r["position"]), active=bool(r["active"]))
