"""Pure helpers for the Beheer page: role and audit tables in Dutch."""

from __future__ import annotations

import json

import pandas as pd

from capaciteit.formatting import format_datetime


def grants_view(grants: pd.DataFrame) -> pd.DataFrame:
    """Current role grants with Dutch headers."""
    return pd.DataFrame({
        "E-mail": grants["email"], "Rol": grants["role"],
        "Regio": grants["region_code"].fillna("alle"),
        "Toegekend door": grants["granted_by"],
        "Op": grants["granted_at"].map(format_datetime),
    })


def grant_label(row: pd.Series) -> str:
    """'invoer@vr13.nl – regio-invoerder VR13' for a revoke choice."""
    region = f" {row['region_code']}" if isinstance(row["region_code"], str) else ""
    return f"{row['email']} – {row['role']}{region}"


def audit_view(events: pd.DataFrame) -> pd.DataFrame:
    """Audit events with Dutch headers; details as readable JSON."""
    return pd.DataFrame({
        "Nr": events["id"], "Tijdstip": events["at"].map(format_datetime),
        "Wie": events["actor"], "Wat": events["action"], "Regio": events["region_code"],
        "Object": events["object_type"] + " " + events["object_id"].fillna(""),
        "Inzending": events["submission_id"],
        "Details": events["details"].map(lambda d: json.dumps(d, ensure_ascii=False)),
    })
