"""Shared steps of the bijstand tests: capacity in three regions, three users, a request."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Engine

from capaciteit import clock
from capaciteit.access import roles
from capaciteit.access.permissions import User, local_admin
from capaciteit.access.roles import load_user
from capaciteit.assistance.model import OfferDraft, RequestDraft
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.deployment.cost import Duration
from capaciteit.storage import repository as storage

TODAY = clock.today()
INSTALLER = local_admin("installatie")
CRISIS_VR09, EDITOR_VR14, EDITOR_VR08 = "crisis@vr09.nl", "invoer@vr14.nl", "invoer@vr08.nl"
# region → (organisation, subcategory, deployable persons within 24 h)
CAPACITY = {
    "VR09": ("Gemeente Utrecht", "domein-1", 30),
    "VR14": ("Gemeente Hilversum", "domein-1", 20),
    "VR08": ("Gemeente Nijmegen", "domein-1", 15),
}


def records(region: str, organisation: str, subcategory: str, deployable: int) -> pd.DataFrame:
    return pd.DataFrame([{
        "region_code": region, "gemeente_code": None, "organisation": organisation,
        "organisation_id": None, "category": "boa", "subcategory": subcategory,
        "persons": deployable * 2, "fte": float(deployable), "deployable_persons": deployable,
        "deployable_within_hours": 24, "powers": "", "note": "",
        "peildatum": pd.Timestamp(TODAY - timedelta(days=10))}])[RECORD_COLUMNS]


def stock(engine: Engine) -> None:
    """Capacity in VR09, VR14 and VR08 and the three users of the issue's flow."""
    with engine.begin() as conn:
        for region, (organisation, subcategory, deployable) in CAPACITY.items():
            storage.publish_version(conn, region, records(region, organisation, subcategory,
                                                          deployable), uploaded_by="test")
    roles.grant(engine, INSTALLER, CRISIS_VR09, "crisisteam:VR09")
    roles.grant(engine, INSTALLER, EDITOR_VR14, "regio-invoerder:VR14")
    roles.grant(engine, INSTALLER, EDITOR_VR08, "regio-invoerder:VR08")


def agreement(engine: Engine, region: str = "VR14", rate: float = 45.5,
              unit: str = "per uur") -> int:
    """A signed agreement with the region's organisation, covering its boa's, at ``rate``."""
    from capaciteit.agreements.rules import AgreementDraft, Catalogue
    from capaciteit.agreements.service import create_agreement
    from capaciteit.capacity.categories import default_categories

    organisation, subcategory, persons = CAPACITY[region]
    draft = AgreementDraft(region_code=region, partner_name=organisation,
                           partner_type="gemeente", scopes=(("boa", None),),
                           committed_persons=persons, lead_time_hours=24,
                           valid_from=TODAY - timedelta(days=30), status="getekend",
                           compensation_eur=rate, compensation_unit=unit)
    catalogue = Catalogue({f"VR{i:02d}": f"Regio {i}" for i in range(1, 26)},
                          default_categories())
    return create_agreement(engine, draft, actor=INSTALLER, catalogue=catalogue,
                            accept_warnings=True).agreement_id


def user(engine: Engine, email: str) -> User:
    with engine.connect() as conn:
        return load_user(conn, email)


def draft(persons: int = 25, start: date = TODAY, days: int = 3) -> RequestDraft:
    return RequestDraft(region_code="VR09", targets=("VR09",), persons_needed=persons,
                        hours=24, start_date=start, duration=Duration(days, "dagen"),
                        report_location="Kazerne Utrecht", scopes=(("boa", None),),
                        question="25 boa's voor Utrecht binnen 24 uur")


def offer(request_id: int, region: str, persons: int) -> OfferDraft:
    organisation, subcategory, _ = CAPACITY[region]
    return OfferDraft(request_id=request_id, region_code=region, organisation=organisation,
                      organisation_id=None, category="boa", subcategory=subcategory,
                      persons=persons)
