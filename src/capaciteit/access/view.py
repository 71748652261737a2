"""Pure helpers for the Beheer page: role and audit tables in Dutch."""

from __future__ import annotations

import json

import pandas as pd

from capaciteit import texts
from capaciteit.formatting import format_datetime


def grants_view(grants: pd.DataFrame) -> pd.DataFrame:
    """Current role grants with Dutch headers."""
    return pd.DataFrame({
        "email": grants["email"], "role": grants["role"],
        "region_code": grants["region_code"].fillna(texts.ALL_REGIONS),
        "granted_by": grants["granted_by"],
        "granted_at": grants["granted_at"].map(format_datetime),
    }).rename(columns=texts.GRANT_COLUMNS)


def grant_label(row: pd.Series) -> str:
    """'invoer@vr13.nl – regio-invoerder VR13' for a revoke choice."""
    region = f" {row['region_code']}" if isinstance(row["region_code"], str) else ""
    return f"{row['email']} – {row['role']}{region}"


def audit_view(events: pd.DataFrame) -> pd.DataFrame:
    """Audit events with Dutch headers; details as readable JSON."""
    return pd.DataFrame({
        "id": events["id"], "at": events["at"].map(format_datetime),
        "actor": events["actor"], "action": events["action"],
        "region_code": events["region_code"],
        "object": events["object_type"] + " " + events["object_id"].fillna(""),
        "submission_id": events["submission_id"],
        "details": events["details"].map(lambda d: json.dumps(d, ensure_ascii=False)),
    }).rename(columns=texts.AUDIT_COLUMNS)
