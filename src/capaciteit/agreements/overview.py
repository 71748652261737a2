"""What the pages read about agreements: the list, a change log, the white-spot picture.

Each read opens its own connection (queries on a connection are in ``agreements.repository``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, func, select

from capaciteit.agreements.coverage import (
    covered_records,
    expiring,
    expiring_per_region,
    region_shares,
    white_spots,
)
from capaciteit.agreements.model import with_effective_status
from capaciteit.agreements.repository import (
    AgreementsToken,
    agreements_frame,
    organisation_capacity,
)
from capaciteit.agreements.repository import change_token as change_token_on
from capaciteit.assistance.deployed import subtract_deployed
from capaciteit.assistance.repository import deployed_on
from capaciteit.storage.models import AgreementChange


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
    """Read current capacity per organisation and the agreements; apply the coverage rule.

    Persons ingezet on a bijstandsverzoek today are not counted as deployable here.
    """
    with engine.connect() as conn:
        records = subtract_deployed(organisation_capacity(conn), deployed_on(conn, today))
        agreements, scopes = agreements_frame(conn)
    covered = covered_records(records, agreements, scopes, today)
    cells = white_spots(covered, regions, category_names)
    soon = expiring(agreements, today)
    shares = region_shares(cells, regions).merge(
        expiring_per_region(soon, regions["region_code"].tolist()), on="region_code")
    return Coverage(covered, cells, shares, soon, with_effective_status(agreements, today),
                    scopes)


def change_token(engine: Engine) -> AgreementsToken:
    """A token that tells which regions' agreements changed (for caches)."""
    with engine.connect() as conn:
        return change_token_on(conn)


def agreement_frames(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All agreements and their scopes, as the crisis team's answer reads them."""
    with engine.connect() as conn:
        return agreements_frame(conn)
