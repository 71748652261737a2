"""Agreement queries on a connection: stored values, frames, change token, organisations.

What the pages read (each read on its own connection) is in ``agreements.overview``.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
from sqlalchemy import Connection, func, select

from capaciteit.agreements.model import AGREEMENT_COLUMNS, NATIONAL, SCOPE_COLUMNS
from capaciteit.agreements.rules import FIELDS, plain_values
from capaciteit.storage.models import (
    Agreement,
    AgreementChange,
    AgreementScope,
    CapacityRecord,
    CurrentVersion,
)


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


class AgreementsToken(NamedTuple):
    """Per region (``NATIONAL`` for national ones): how many agreements, the newest change.

    Every agreement write adds an ``agreement_change`` row, so an edit raises its region's
    newest change, and an agreement moved to another region also lowers the count of the
    one it left. A tuple, so Streamlit's caches can hash it.
    """

    regions: tuple[tuple[str, int, int], ...]

    def changed_regions(self, earlier: AgreementsToken | None) -> frozenset[str]:
        """Regions (or ``NATIONAL``) whose agreements differ from ``earlier`` (all when None)."""
        now = {r[0]: r for r in self.regions}
        before = {} if earlier is None else {r[0]: r for r in earlier.regions}
        return frozenset(code for code in now.keys() | before.keys()
                         if now.get(code) != before.get(code))


def change_token(conn: Connection) -> AgreementsToken:
    """A cheap token that tells which regions' agreements (or the national ones) changed."""
    a, c = Agreement, AgreementChange
    rows = conn.execute(
        select(a.region_code, func.count(func.distinct(a.id)),
               func.coalesce(func.max(c.id), 0))
        .outerjoin(c, c.agreement_id == a.id).group_by(a.region_code)).all()
    return AgreementsToken(tuple(sorted(
        (code or NATIONAL, int(count), int(newest)) for code, count, newest in rows)))


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
