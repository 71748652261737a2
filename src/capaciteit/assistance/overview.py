"""What the Bijstand page (and the Inzetbaar answer's bijstand block) reads.

Each read opens its own connection; the state is derived from the events (``state``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import geopandas as gpd
import pandas as pd
from sqlalchemy import Engine

from capaciteit import texts
from capaciteit.agreements.coverage import covered_records
from capaciteit.agreements.repository import agreements_frame
from capaciteit.assistance import repository as repo
from capaciteit.assistance.board import flows, region_board, request_board
from capaciteit.assistance.costing import format_eur
from capaciteit.assistance.state import (
    active_on,
    deployments,
    overlapping,
    pending_between,
)
from capaciteit.assistance.supply import offer_options
from capaciteit.deployment.answer import Question, search_area
from capaciteit.formatting import format_date, format_number


@dataclass(frozen=True)
class AssistanceData:
    """Every request and step, with the derived state and the status board."""

    requests: pd.DataFrame
    events: pd.DataFrame
    status: pd.Series  # per request id
    board: pd.DataFrame  # board.request_board
    regions: pd.DataFrame  # board.region_board
    flows: pd.DataFrame  # board.flows
    deployed: pd.DataFrame  # state.deployments (all, with returned_at)


def load(engine: Engine, today: date) -> AssistanceData:
    """Read all requests and their events; derive state, board and flows for ``today``."""
    with engine.connect() as conn:
        requests, events = repo.requests_frame(conn), repo.events_frame(conn)
    deployed = deployments(requests, events)
    board = request_board(requests, events, today, deployed)
    status = board.set_index("id")["status"] if len(board) else pd.Series(dtype=object)
    return AssistanceData(requests, events, status, board,
                          region_board(board, events, deployed, today),
                          flows(requests, events, deployed, today), deployed)


def change_token(engine: Engine) -> tuple[int, int]:
    """A token that changes with every request or step (for caches)."""
    with engine.connect() as conn:
        return repo.change_token(conn)


def deployed_from(data: AssistanceData, regions: Iterable[str], today: date) -> pd.DataFrame:
    """The persons of ``regions`` ingezet today (``state.DEPLOYMENT_COLUMNS``)."""
    today_out = active_on(data.deployed, today)
    return today_out[today_out["region_code"].isin(set(regions))].reset_index(drop=True)


def deployed_lines(deployed: pd.DataFrame, limit: int = 10) -> list[str]:
    """'12 personen van Gemeente X (VR14, boa) ingezet voor VR09 (verzoek BV-2026-0001) …'.

    At most ``limit`` lines, largest first; then one line with how many more and persons.
    """
    shown = deployed.sort_values(["persons", "acceptance_id"], ascending=[False, True])
    lines = [texts.ASSIST_DEPLOYED_LINE.format(
        aantal=format_number(row.persons), organisatie=row.organisation,
        regio=row.region_code, categorie=row.subcategory, voor=row.for_region,
        verzoek=row.reference, tot=format_date(pd.Timestamp(row.end_date).date()))
        for row in shown.head(limit).itertuples()]
    rest = shown.iloc[limit:]
    if len(rest):
        lines.append(texts.ASSIST_DEPLOYED_MORE.format(
            inzetten=format_number(len(rest)), personen=format_number(rest["persons"].sum())))
    return lines


def searched_regions(targets: Iterable[str], area: str, regions: gpd.GeoDataFrame,
                     neighbours: pd.DataFrame) -> set[str]:
    """The regions a request's search area covers (who is asked to offer)."""
    question = Question(tuple(targets), 24, 1, search_area=area)
    return set(search_area(question, regions, neighbours)["region_code"])


def reach(requests: pd.DataFrame, regions: gpd.GeoDataFrame,
          neighbours: pd.DataFrame) -> dict[int, set[str]]:
    """Per request: the regions its search area covers (who is asked to offer).

    Worked out once per distinct (targets, search area): requests mostly share them.
    """
    areas: dict[tuple[tuple[str, ...], str], set[str]] = {}
    found = {}
    for request_id, targets, area in zip(requests["id"], requests["targets"],
                                         requests["search_area"], strict=True):
        key = (tuple(targets), str(area))
        if key not in areas:
            areas[key] = searched_regions(key[0], key[1], regions, neighbours)
        found[int(request_id)] = areas[key]
    return found


def offer_choices(engine: Engine, data: AssistanceData, request_id: int, region_code: str,
                  today: date) -> pd.DataFrame:
    """What ``region_code`` can still offer for a request, with the agreements covering it.

    The same reading as the offer's own check (``service.make_offer``), which runs again
    inside the write.
    """
    request = data.requests.set_index("id").loc[request_id]
    request = pd.concat([pd.Series({"id": request_id}), request])
    start = pd.Timestamp(request["start_date"]).date()
    end = pd.Timestamp(request["end_date"]).date()
    with engine.connect() as conn:
        capacity = repo.region_capacity(conn, region_code)
        agreements, scopes = agreements_frame(conn)
    in_period = overlapping(data.deployed, start, end)
    pending = pending_between(data.requests, data.events, start, end, today)
    options = offer_options(request, capacity, in_period, pending)
    if options.empty:
        return options.assign(agreement_ids=[])
    covered = covered_records(options, agreements, scopes, today)
    return options.assign(agreement_ids=covered["agreement_ids"].to_numpy())


def agreement_labels(engine: Engine, ids: Iterable[int]) -> dict[int, str]:
    """'Afspraak 3: Gemeente Leiden (€ 45,00 per uur)' per agreement id."""
    with engine.connect() as conn:
        agreements, _ = agreements_frame(conn)
    rows = agreements[agreements["agreement_id"].isin(list(ids))]
    return {int(r.agreement_id): texts.ASSIST_OFFER_AGREEMENT_LABEL.format(
        id=int(r.agreement_id), partner=r.partner_name,
        tarief=format_eur(None if pd.isna(r.compensation_eur)
                          else Decimal(str(r.compensation_eur))),
        eenheid=r.compensation_unit if isinstance(r.compensation_unit, str) else "")
        for r in rows.itertuples()}
