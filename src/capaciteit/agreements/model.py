"""Agreements (afspraken): reference lists and the derived effective status."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

import pandas as pd

VALID = "geldig"
NOT_YET = "nog niet ingegaan"
EXPIRED = "verlopen"
SIGNED = "getekend"
NATIONAL = "landelijk"  # in forms, sheets and the log: an agreement for every region

AGREEMENT_COLUMNS = [
    "agreement_id", "region_code", "partner_name", "partner_id", "partner_type",
    "committed_persons", "powers", "activation_trigger", "lead_time_hours",
    "compensation_arrangement", "compensation_eur", "compensation_unit", "payer",
    "valid_from", "valid_to", "status", "document_reference", "contact_mailbox",
    "contact_person",
]
SCOPE_COLUMNS = ["agreement_id", "category", "subcategory"]


@dataclass(frozen=True)
class AgreementReference:
    """Partner types, statuses and effective statuses from reference data."""

    partner_types: tuple[str, ...]
    statuses: tuple[str, ...]
    effective: dict[str, str]
    compensation_units: tuple[str, ...]


@cache
def reference() -> AgreementReference:
    """The agreement reference lists."""
    text = resources.files("capaciteit.reference").joinpath("afspraken.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return AgreementReference(tuple(data["partnertypes"]), tuple(data["statussen"]),
                              dict(data["effectief"]), tuple(data["vergoeding"]["eenheden"]))


def effective_status(status: str, valid_from: date, valid_to: date | None, today: date) -> str:
    """The status that counts today.

    A signed agreement is *geldig* between its dates (both inclusive), *nog
    niet ingegaan* before and *verlopen* after; other statuses stand as they are.

    Examples
    --------
    >>> effective_status("getekend", date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 1))
    'verlopen'
    >>> effective_status("getekend", date(2026, 12, 1), None, date(2026, 11, 25))
    'nog niet ingegaan'
    """
    if status != SIGNED:
        return status
    if today < valid_from:
        return NOT_YET
    if valid_to is not None and today > valid_to:
        return EXPIRED
    return VALID


def with_effective_status(agreements: pd.DataFrame, today: date) -> pd.DataFrame:
    """Add ``effective_status`` to an agreements frame."""
    result = agreements.copy()
    result["effective_status"] = [
        effective_status(s, _date(f) or date.min, _date(t), today)
        for s, f, t in zip(result["status"], result["valid_from"], result["valid_to"],
                           strict=True)
    ]
    return result


def _date(value: object) -> date | None:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return pd.Timestamp(value).date()  # type: ignore[arg-type]
