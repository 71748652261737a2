"""The current state of requests, derived from their insert-only events (pure, no I/O).

Offers are open until the requester accepts them (whole or in part) or the request is
cancelled or over; accepted persons are *ingezet* from the request's start date until they
are reported back (teruggemeld) or the end date has passed.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from capaciteit.assistance.model import ACCEPT, CANCEL, OFFER, RETURN

REQUEST_COLUMNS = ["id", "reference", "region_code", "targets", "scopes", "powers",
                   "persons_needed", "hours", "search_area", "start_date", "duration_amount",
                   "duration_unit", "end_date", "report_location", "question", "created_by",
                   "created_at"]
EVENT_COLUMNS = ["id", "request_id", "kind", "offer_id", "region_code", "organisation",
                 "organisation_id", "category", "subcategory", "persons", "agreement_id",
                 "compensation_eur", "compensation_unit", "reason", "actor", "at"]
KEYS = ["region_code", "organisation", "organisation_id", "category", "subcategory"]
DEPLOYMENT_COLUMNS = ["acceptance_id", "request_id", "reference", "for_region", *KEYS,
                      "persons", "hours", "powers", "start_date", "end_date", "returned_at",
                      "agreement_id", "compensation_eur", "compensation_unit", "accepted_at"]
# status of a request, in the order of its life
OPEN, OFFERED, ACCEPTED, DEPLOYED, DONE, CANCELLED = (
    "open", "aanbod ontvangen", "aanvaard", "ingezet", "afgerond", "geannuleerd")


def offers(events: pd.DataFrame) -> pd.DataFrame:
    """Every offer with ``accepted_persons``, ``acceptance_id``, ``accepted_at``."""
    offered = events[events["kind"] == OFFER].copy()
    accepted = events[events["kind"] == ACCEPT][["offer_id", "id", "persons", "at"]].rename(
        columns={"offer_id": "id", "id": "acceptance_id", "persons": "accepted_persons",
                 "at": "accepted_at"})
    result = offered.merge(accepted, on="id", how="left")
    result["accepted_persons"] = result["accepted_persons"].fillna(0).astype("int64")
    result["decided"] = result["acceptance_id"].notna()
    return result


def cancelled_ids(events: pd.DataFrame) -> set[int]:
    """Ids of the requests that were cancelled."""
    return {int(i) for i in events.loc[events["kind"] == CANCEL, "request_id"]}


def deployments(requests: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per acceptance: who (region, organisation, (sub)category), how many, when.

    ``for_region`` is the requesting region; ``returned_at`` the moment of the return
    (NaT while they are still out).
    """
    acceptances = events[events["kind"] == ACCEPT][["id", "offer_id", "persons", "at"]]
    offer_rows = events[events["kind"] == OFFER][
        ["id", "request_id", *KEYS, "agreement_id", "compensation_eur", "compensation_unit"]]
    returns = events[events["kind"] == RETURN][["offer_id", "at"]].rename(
        columns={"offer_id": "acceptance_id", "at": "returned_at"})
    table = (acceptances.rename(columns={"id": "acceptance_id", "at": "accepted_at"})
             .merge(offer_rows.rename(columns={"id": "offer_id"}), on="offer_id")
             .merge(requests[["id", "reference", "region_code", "hours", "powers",
                              "start_date", "end_date"]].rename(
                 columns={"id": "request_id", "region_code": "for_region"}), on="request_id")
             .merge(returns.drop_duplicates("acceptance_id"), on="acceptance_id", how="left"))
    table["returned_at"] = pd.to_datetime(table["returned_at"], utc=True)
    return table.reindex(columns=DEPLOYMENT_COLUMNS).reset_index(drop=True)


def active_on(deployed: pd.DataFrame, day: date) -> pd.DataFrame:
    """The deployments under way on ``day``: started, not ended, not reported back."""
    return overlapping(deployed, day, day)


def overlapping(deployed: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Deployments whose period meets ``start``..``end`` and that are still out then.

    A return on or before ``start`` frees the persons for the whole period.
    """
    if deployed.empty:
        return deployed
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    starts = pd.to_datetime(deployed["start_date"])
    ends = pd.to_datetime(deployed["end_date"])
    returned = pd.to_datetime(deployed["returned_at"], utc=True).dt.tz_convert(None) \
        .dt.normalize()
    out = returned.isna() | (returned > first)
    return deployed[(starts <= last) & (ends >= first) & out]


def request_status(requests: pd.DataFrame, events: pd.DataFrame, today: date,
                   deployed: pd.DataFrame | None = None) -> pd.Series:
    """Per request id: open, aanbod ontvangen, aanvaard, ingezet, afgerond or geannuleerd.

    ``deployed`` is ``deployments(requests, events)`` when the caller has it already.
    """
    deployed = deployments(requests, events) if deployed is None else deployed
    ids = requests["id"]
    seen = {kind: ids.isin(set(events.loc[events["kind"] == kind, "request_id"]))
            for kind in (OFFER, ACCEPT, CANCEL)}
    active = ids.isin(set(active_on(deployed, today)["request_id"]))
    out = ids.isin(set(deployed.loc[deployed["returned_at"].isna(), "request_id"]))
    ended = pd.to_datetime(requests["end_date"]) < pd.Timestamp(today)
    status = np.select(
        [seen[CANCEL], active, seen[ACCEPT] & ~ended & out, seen[ACCEPT] | ended, seen[OFFER]],
        [CANCELLED, DEPLOYED, ACCEPTED, DONE, OFFERED], default=OPEN)
    return pd.Series(status, index=ids.to_numpy(), dtype=object, name="status")


def pending_offers(requests: pd.DataFrame, events: pd.DataFrame, today: date) -> pd.DataFrame:
    """Offers not yet decided on, of requests neither cancelled nor over."""
    table = offers(events)
    ends = requests.set_index("id")["end_date"].map(lambda d: pd.Timestamp(d).date())
    live = table["request_id"].map(ends).map(lambda d: d >= today)
    return table[~table["decided"] & live.fillna(False).astype(bool)
                 & ~table["request_id"].isin(cancelled_ids(events))]


def pending_between(requests: pd.DataFrame, events: pd.DataFrame, start: date, end: date,
                    today: date) -> pd.DataFrame:
    """Open offers of requests whose period meets ``start``..``end``."""
    pending = pending_offers(requests, events, today)
    spans = requests.set_index("id")
    meets = [pd.Timestamp(spans.loc[i, "start_date"]).date() <= end
             and pd.Timestamp(spans.loc[i, "end_date"]).date() >= start
             for i in pending["request_id"]]
    return pending[meets] if len(pending) else pending
