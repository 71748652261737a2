"""What a supplying region can still offer for a request (pure, no I/O).

Deployable within the request's horizon, in its (sub)categories, with all its powers;
less the persons deployed in an overlapping period (``deployed.subtract_deployed``) and
less the persons already offered and not yet decided on.
"""

from __future__ import annotations

import pandas as pd

from capaciteit.assistance.deployed import KEYS, subtract_deployed
from capaciteit.deployment.answer import Question, matching_mask

OPTION_COLUMNS = [*KEYS, "deployable_persons", "offered_persons", "available_persons"]


def request_question(request: pd.Series) -> Question:
    """The Inzetbaar question a stored request came from."""
    scopes = tuple((s[0], s[1]) for s in request["scopes"])
    return Question(tuple(request["targets"]), int(request["hours"]),
                    int(request["persons_needed"]), scopes, tuple(request["powers"]),
                    str(request["search_area"]))


def offer_options(request: pd.Series, capacity: pd.DataFrame, deployed: pd.DataFrame,
                  pending: pd.DataFrame) -> pd.DataFrame:
    """Per organisation × (sub)category of ``capacity``: what may still be offered.

    ``capacity`` is one region's per-organisation sums, ``deployed`` the deployments that
    overlap the request's period, ``pending`` the open offers of overlapping requests.
    """
    if capacity.empty:
        return pd.DataFrame(columns=OPTION_COLUMNS)
    left = subtract_deployed(capacity, deployed)
    regions = capacity["region_code"].astype(str).unique().tolist()
    fitting = left[matching_mask(left, request_question(request), regions)]
    sums = (fitting.astype({k: object for k in KEYS})
            .assign(organisation_id=lambda f: f["organisation_id"].where(
                f["organisation_id"].notna(), ""))
            .groupby(KEYS, as_index=False, dropna=False)["deployable_persons"].sum())
    offered = (pending.assign(organisation_id=pending["organisation_id"].fillna(""))
               .groupby(KEYS, as_index=False)["persons"].sum()
               .rename(columns={"persons": "offered_persons"})) if len(pending) else \
        pd.DataFrame(columns=[*KEYS, "offered_persons"])
    table = sums.merge(offered, on=KEYS, how="left")
    table["offered_persons"] = table["offered_persons"].fillna(0).astype("int64")
    table["available_persons"] = (table["deployable_persons"]
                                  - table["offered_persons"]).clip(lower=0).astype("int64")
    table["organisation_id"] = table["organisation_id"].replace("", None)
    return table[table["deployable_persons"] > 0].sort_values(
        ["available_persons", "organisation"], ascending=[False, True])[OPTION_COLUMNS] \
        .reset_index(drop=True)
