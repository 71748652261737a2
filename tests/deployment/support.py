"""The 02:00 mask question on demo data, and two fictitious agreements that make it priced.

"150 persons, mask obligation public transport, Utrecht (VR09), within 24 hours":
the preset ``mondkapjes-ov`` (boa domein IV with the power), VR09 and its
neighbours. The agreements are written through the agreement service as a person
would save them: one with the largest fitting organisation of VR09 at € 65,50 per
uur, one with the largest fitting organisation of a neighbour without an agreed
rate. Expected figures are counted here from the stored records.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from sqlalchemy import Engine

from capaciteit import clock
from capaciteit.access.permissions import local_admin
from capaciteit.agreements.rules import AgreementDraft, Catalogue
from capaciteit.agreements.service import create_agreement
from capaciteit.capacity.categories import default_categories
from capaciteit.geo.boundaries import Boundaries

TARGET = "VR09"
NEEDED = 150
POWER = "Handhaving mondkapjesplicht OV"
PRESET = "mondkapjes-ov"
RATE = 65.50
PRICED_MAILBOX = "crisis-utrecht@voorbeeld.nl"
UNPRICED_MAILBOX = "inzet-buur@voorbeeld.nl"


def fitting(records: pd.DataFrame, regions: set[str], hours: int = 24) -> pd.DataFrame:
    """The stored records the mask question asks for in ``regions``."""
    held = records["powers"].map(lambda t: POWER.lower() in [p.strip().lower()
                                                             for p in str(t).split(";")])
    return records[records["region_code"].isin(regions) & held
                   & (records["deployable_within_hours"] <= hours)
                   & (records["subcategory"] == "domein-4")
                   & (records["deployable_persons"] > 0)]


def search_area(boundaries: Boundaries) -> set[str]:
    """VR09 and its neighbours (the search area 'buren')."""
    n = boundaries.neighbours
    return {TARGET, *n.loc[n["region_code"] == TARGET, "neighbour_code"]}


def largest(records: pd.DataFrame, region: str) -> str:
    """The organisation of ``region`` with the most fitting deployable persons."""
    rows = records[records["region_code"] == region]
    return str(rows.groupby("organisation")["deployable_persons"].sum().idxmax())


def add_mask_agreements(engine: Engine, records: pd.DataFrame,
                        boundaries: Boundaries) -> dict[str, str]:
    """Save the two agreements; return {'priced': organisation, 'unpriced': organisation}."""
    found = fitting(records, search_area(boundaries))
    others = found[found["region_code"] != TARGET]
    neighbour = str(others.groupby("region_code")["deployable_persons"].sum().idxmax())
    chosen = {"priced": largest(found, TARGET), "unpriced": largest(found, neighbour)}
    catalogue = Catalogue(boundaries.region_names(), default_categories())
    actor = local_admin("beheer@voorbeeld.nl")
    for kind, region, mailbox in (("priced", TARGET, PRICED_MAILBOX),
                                  ("unpriced", neighbour, UNPRICED_MAILBOX)):
        draft = AgreementDraft(
            region_code=region, partner_name=chosen[kind], partner_type="gemeente",
            scopes=(("boa", "domein-4"),), committed_persons=10, lead_time_hours=4,
            valid_from=clock.today() - timedelta(days=30), status="getekend",
            compensation_eur=RATE if kind == "priced" else None,
            compensation_unit="per uur" if kind == "priced" else None,
            compensation_arrangement="Uurtarief (fictief)" if kind == "priced" else "",
            payer="veiligheidsregio", contact_mailbox=mailbox)
        create_agreement(engine, draft, actor=actor, catalogue=catalogue, accept_warnings=True)
    return chosen
