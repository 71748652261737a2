"""Nobody counted twice: the one function that takes deployed persons out of capacity.

Every figure of what could still come (the Inzetbaar answer through
``deployment.overview.prepared_capacity``, the white spots through
``agreements.overview.coverage``, the offer check in ``assistance.service``) reads capacity
through :func:`subtract_deployed` with the deployments under way, so a person who is
ingezet for one request is not offered, counted or shown as available for another.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from capaciteit.deployment.answer import power_names

KEYS = ["region_code", "organisation", "organisation_id", "category", "subcategory"]


def subtract_deployed(capacity: pd.DataFrame, deployed: pd.DataFrame) -> pd.DataFrame:
    """``capacity`` with the ``deployed`` persons taken from its ``deployable_persons``.

    ``capacity`` has the coverage keys (region, organisation, identifier, (sub)category)
    and ``deployable_persons``; optionally ``deployable_within_hours`` and ``powers``
    (the Inzetbaar sums). ``deployed`` has the same keys, ``persons`` and, optionally, the
    request's ``hours`` and ``powers`` (a list). Each deployment is taken from its
    organisation's rows, first from those that fit its request (within its horizon, with
    its powers: the persons who came), soonest first; never below zero.
    """
    if deployed.empty or capacity.empty:
        return capacity
    remaining = capacity["deployable_persons"].to_numpy(dtype="int64").copy()
    rows = _rows_per_key(capacity, set(deployed["organisation"].dropna()))
    hours = (capacity["deployable_within_hours"].to_numpy(dtype="int64")
             if "deployable_within_hours" in capacity else np.zeros(len(capacity), "int64"))
    powers = capacity["powers"] if "powers" in capacity else None
    for item in deployed.itertuples(index=False):
        positions = rows.get(_key(item.region_code, item.organisation, item.organisation_id,
                                  item.category, item.subcategory), [])
        need = int(item.persons)
        wanted = frozenset(p.casefold() for p in (getattr(item, "powers", None) or []))
        limit = getattr(item, "hours", None)
        order = sorted(positions, key=lambda p: (
            not _fits(p, limit, wanted, hours, powers), hours[p], p))
        for position in order:
            if need <= 0:
                break
            take = min(int(remaining[position]), need)
            remaining[position] -= take
            need -= take
    return capacity.assign(deployable_persons=remaining)


def _rows_per_key(capacity: pd.DataFrame, organisations: set[str]) -> dict[Hashable, list[int]]:
    """Positions of the rows of the given organisations, per coverage key."""
    in_play = np.flatnonzero(capacity["organisation"].isin(organisations).to_numpy())
    subset = capacity.iloc[in_play][KEYS].astype(object)
    groups: dict[Hashable, list[int]] = {}
    for position, values in zip(in_play, subset.itertuples(index=False), strict=True):
        groups.setdefault(_key(*values), []).append(int(position))
    return groups


def _key(region: object, organisation: object, organisation_id: object, category: object,
         subcategory: object) -> tuple[object, ...]:
    identifier = None if organisation_id is None or pd.isna(organisation_id) else \
        str(organisation_id)
    return (str(region), str(organisation), identifier or None, str(category),
            str(subcategory))


def _fits(position: int, limit: object, wanted: frozenset[str], hours: np.ndarray,
          powers: pd.Series | None) -> bool:
    if isinstance(limit, int | np.integer) and hours[position] > int(limit):
        return False
    return powers is None or wanted <= power_names(powers.iloc[position])
