"""Agreement reads: list, change log, change token, coverage, per-organisation capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from capaciteit.agreements.coverage import (
    covered_records,
    expiring,
    expiring_per_region,
    region_shares,
    white_spots,
)
from capaciteit.agreements.model import (
    AGREEMENT_COLUMNS,
    NATIONAL,
    SCOPE_COLUMNS,
    with_effective_status,
)
from capaciteit.storage.models import (
    Agreement,
    AgreementChange,
    AgreementScope,
    CapacityRecord,
    CurrentVersion,
)

if TYPE_CHECKING:  # agreement_sheet builds on this module's draft and rules
    pass
from capaciteit.agreements.rules import FIELDS, plain_values


def stored_values(conn: Connection, agreement_id: int,
                   lock: bool = False) -> dict[str, object] | None:
    """An agreement's stored values with its scopes; None if it does not exist."""
    query = select(Agreement).where(Agreement.id == agreement_id)
    row = conn.execute(query.with_for_update() if lock else query).mappings().first()
    if row is None:
        return None
    scopes = conn.execute(select(AgreementScope.category, AgreementScope.subcategory)
                          .where(AgreementScope.agreement_id == agreement_id)).all()
    values = {name: row[name] for name in FIELDS}
    values["region_code"] = row["region_code"] or NATIONAL
    return plain_values({**values, "scopes": tuple((c, s) for c, s in scopes)})


def list_agreements(engine: Engine, today: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All agreements with ``effective_status`` and ``last_change_id``, and their scopes."""
    with engine.connect() as conn:
        agreements, scopes = agreements_frame(conn)
        last = conn.execute(select(AgreementChange.agreement_id, func.max(AgreementChange.id))
                            .group_by(AgreementChange.agreement_id)).all()
    result = with_effective_status(agreements, today)
    latest = dict((int(a), int(c)) for a, c in last)
    result["last_change_id"] = [latest.get(int(i)) for i in result["agreement_id"]]
    return result, scopes


def change_log(engine: Engine, agreement_id: int) -> pd.DataFrame:
    """Every change to one agreement, newest first: who, when, action, old → new per field."""
    c = AgreementChange
    with engine.connect() as conn:
        rows = conn.execute(select(c.id, c.changed_by, c.changed_at, c.action, c.changes)
                            .where(c.agreement_id == agreement_id)
                            .order_by(c.id.desc())).mappings().all()
    return pd.DataFrame(rows, columns=["id", "changed_by", "changed_at", "action", "changes"])


def change_token(conn: Connection) -> int:
    """A cheap token that changes whenever an agreement or its scopes change.

    Every agreement write (create, edit, import) adds an ``agreement_change`` row.
    """
    return int(conn.execute(select(func.coalesce(func.max(AgreementChange.id), 0))).scalar_one())


@dataclass(frozen=True)
class Coverage:
    """The white-spot picture of one day: records with coverage, cells, shares, expiring."""

    covered: pd.DataFrame  # per region × organisation × (sub)category, with covered
    cells: pd.DataFrame  # coverage.white_spots
    shares: pd.DataFrame  # coverage.region_shares + expiring_count
    expiring: pd.DataFrame  # valid agreements ending within 90 days
    agreements: pd.DataFrame  # with effective_status
    scopes: pd.DataFrame


def coverage(engine: Engine, regions: pd.DataFrame, category_names: dict[str, str],
             today: date) -> Coverage:
    """Read current capacity per organisation and the agreements; apply the coverage rule."""
    with engine.connect() as conn:
        records = organisation_capacity(conn)
        agreements, scopes = agreements_frame(conn)
    covered = covered_records(records, agreements, scopes, today)
    cells = white_spots(covered, regions, category_names)
    soon = expiring(agreements, today)
    shares = region_shares(cells, regions).merge(
        expiring_per_region(soon, regions["region_code"].tolist()), on="region_code")
    return Coverage(covered, cells, shares, soon, with_effective_status(agreements, today),
                    scopes)


def organisation_capacity(conn: Connection) -> pd.DataFrame:
    """Current persons and deployable persons per region, organisation and (sub)category."""
    r = CapacityRecord
    keys = [r.region_code, r.organisation, r.organisation_id, r.category, r.subcategory]
    query = (select(*keys, func.sum(r.persons), func.sum(r.deployable_persons))
             .join(CurrentVersion, CurrentVersion.submission_id == r.submission_id)
             .group_by(*keys).order_by(*keys))
    columns = ["region_code", "organisation", "organisation_id", "category", "subcategory",
               "persons", "deployable_persons"]
    frame = pd.DataFrame(conn.execute(query).all(), columns=columns)
    return frame.astype({"persons": "int64", "deployable_persons": "int64"})


def agreements_frame(conn: Connection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All agreements (``agreements.AGREEMENT_COLUMNS``) and their scopes (category rows)."""
    a, s = Agreement, AgreementScope
    columns = [c for c in AGREEMENT_COLUMNS if c != "agreement_id"]
    rows = conn.execute(select(a.id.label("agreement_id"), *[getattr(a, c) for c in columns])
                        .order_by(a.id)).mappings().all()
    scopes = conn.execute(select(s.agreement_id, s.category, s.subcategory)
                          .order_by(s.agreement_id, s.id)).mappings().all()
    return (pd.DataFrame(rows, columns=AGREEMENT_COLUMNS),
            pd.DataFrame(scopes, columns=SCOPE_COLUMNS))
