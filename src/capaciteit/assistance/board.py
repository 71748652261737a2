"""The status board: per request and per region, with the times it took (pure, no I/O)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from capaciteit.assistance.model import ACCEPT, OFFER
from capaciteit.assistance.state import (
    CANCELLED,
    DONE,
    active_on,
    deployments,
    request_status,
)

REQUEST_BOARD = ["reference", "region_code", "status", "persons_needed", "offered_persons",
                 "accepted_persons", "deployed_persons", "returned_persons", "start_date",
                 "end_date", "hours_to_first_offer", "hours_to_acceptance"]
REGION_BOARD = ["region_code", "open_requests", "offers_made", "persons_offered",
                "persons_accepted", "deployed_out", "deployed_in", "persons_returned",
                "median_hours_to_first_offer", "median_hours_to_acceptance"]
FLOW_COLUMNS = ["region_code", "for_region", "offered", "requests", "deployed"]


def request_board(requests: pd.DataFrame, events: pd.DataFrame, today: date,
                  deployed: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per request: its status, persons offered/accepted/ingezet/back, the times.

    ``deployed`` is ``state.deployments(requests, events)`` when the caller has it already.
    """
    if requests.empty:
        return pd.DataFrame(columns=["id", *REQUEST_BOARD])
    table = requests[["id", "reference", "region_code", "persons_needed", "start_date",
                      "end_date", "created_at"]].copy()
    deployed = deployments(requests, events) if deployed is None else deployed
    table["status"] = table["id"].map(request_status(requests, events, today, deployed))
    by_kind = events.groupby(["request_id", "kind"])
    persons = by_kind["persons"].sum().unstack(fill_value=0)
    first = by_kind["at"].min().unstack()
    now = active_on(deployed, today).groupby("request_id")["persons"].sum()
    back = deployed[deployed["returned_at"].notna()].groupby("request_id")["persons"].sum()
    table["offered_persons"] = _column(persons, OFFER, table["id"])
    table["accepted_persons"] = _column(persons, ACCEPT, table["id"])
    table["deployed_persons"] = table["id"].map(now).fillna(0).astype("int64")
    table["returned_persons"] = table["id"].map(back).fillna(0).astype("int64")
    created = pd.to_datetime(table["created_at"], utc=True)
    table["hours_to_first_offer"] = _hours(table["id"], first, OFFER, created)
    table["hours_to_acceptance"] = _hours(table["id"], first, ACCEPT, created)
    return table[["id", *REQUEST_BOARD]].sort_values("id", ascending=False).reset_index(
        drop=True)


def region_board(board: pd.DataFrame, events: pd.DataFrame, deployed: pd.DataFrame,
                 today: date) -> pd.DataFrame:
    """Per region: open requests, offers made, persons accepted, ingezet out/in, times.

    ``deployed`` is ``state.deployments`` of the same requests and events.
    """
    now = active_on(deployed, today)
    live = board[~board["status"].isin([CANCELLED, DONE])]
    offered = events[events["kind"] == OFFER]
    regions = sorted(set(board["region_code"]) | set(offered["region_code"]))
    table = pd.DataFrame({"region_code": regions})
    table["open_requests"] = _count(live.groupby("region_code").size(), regions)
    table["offers_made"] = _count(offered.groupby("region_code").size(), regions)
    table["persons_offered"] = _count(offered.groupby("region_code")["persons"].sum(), regions)
    table["persons_accepted"] = _count(deployed.groupby("region_code")["persons"].sum(), regions)
    table["deployed_out"] = _count(now.groupby("region_code")["persons"].sum(), regions)
    table["deployed_in"] = _count(now.groupby("for_region")["persons"].sum(), regions)
    table["persons_returned"] = _count(
        deployed[deployed["returned_at"].notna()].groupby("region_code")["persons"].sum(),
        regions)
    times = board.groupby("region_code")[["hours_to_first_offer", "hours_to_acceptance"]]
    medians = times.median()
    table["median_hours_to_first_offer"] = table["region_code"].map(
        medians["hours_to_first_offer"])
    table["median_hours_to_acceptance"] = table["region_code"].map(
        medians["hours_to_acceptance"])
    return table[REGION_BOARD]


def flows(requests: pd.DataFrame, events: pd.DataFrame, deployed: pd.DataFrame,
          today: date) -> pd.DataFrame:
    """Supplier → requesting region: persons offered, and ingezet now.

    ``deployed`` is ``state.deployments`` of the same requests and events.
    """
    if not (events["kind"] == OFFER).any():
        return pd.DataFrame(columns=FLOW_COLUMNS)
    offered = events[events["kind"] == OFFER].merge(
        requests[["id", "region_code"]].rename(
            columns={"id": "request_id", "region_code": "for_region"}), on="request_id")
    now = active_on(deployed, today)
    columns = ["region_code", "for_region"]
    table = offered.groupby(columns, as_index=False).agg(
        offered=("persons", "sum"), requests=("request_id", "nunique"))
    deployed = now.groupby(columns)["persons"].sum().rename("deployed")
    table = table.merge(deployed, left_on=columns, right_index=True, how="left")
    table["deployed"] = table["deployed"].fillna(0).astype("int64")
    return table[table["region_code"] != table["for_region"]][FLOW_COLUMNS].reset_index(
        drop=True)


def _column(persons: pd.DataFrame, kind: str, ids: pd.Series) -> pd.Series:
    if kind not in persons.columns:
        return pd.Series(0, index=ids.index, dtype="int64")
    return ids.map(persons[kind]).fillna(0).astype("int64")


def _hours(ids: pd.Series, first: pd.DataFrame, kind: str, created: pd.Series) -> pd.Series:
    if kind not in first.columns:
        return pd.Series(float("nan"), index=ids.index)
    moment = pd.to_datetime(ids.map(first[kind]), utc=True)
    return ((moment - created).dt.total_seconds() / 3600).round(1)


def _count(values: pd.Series, regions: list[str]) -> list[int]:
    return [int(values.get(r, 0)) for r in regions]
