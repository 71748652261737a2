"""Whom to call: per supplying region, the organisations, their agreements and mailboxes.

Pure functions on the arrays the crisis answer already has: which rows match the
question, each row's organisation (region, name, identifier) and coverage key, and
the links of covered keys to valid agreements. Only organisations with deployable
persons in the answer are turned into rows, so a national question over a million
records materialises a few thousand rows at most.

The same links give the cost lines: each covered person is priced once, under the
covering agreement with the shortest aanlooptijd (then the lowest number), and the
persons needed are taken nearest region first, covered persons before uncovered
ones (who have no agreed rate).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from capaciteit import texts
from capaciteit.deployment.cost import CostLine, to_money

ORGANISATION_KEYS = ["region_code", "organisation", "organisation_id"]
CALLER_COLUMNS = [
    "region_code", "region_name", "ring", "distance_km", "organisation", "organisation_id",
    "deployable_persons", "covered_persons", "agreement_ids", "agreements",
    "lead_time_hours", "contact_mailbox",
]


def organisation_codes(capacity: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Per row its organisation's index, and the organisations (region, name, identifier)."""
    grouped = capacity.groupby(ORGANISATION_KEYS, observed=True, dropna=False, sort=False)
    index = grouped.ngroup().to_numpy(dtype="int64")
    firsts = pd.Series(np.arange(len(capacity))).groupby(index).first().to_numpy()
    table = capacity.iloc[firsts][ORGANISATION_KEYS].reset_index(drop=True)
    for column in ORGANISATION_KEYS:
        values = table[column].astype(object)
        table[column] = values.where(values.notna(), None)
    return index, table


def whom_to_call(organisations: pd.DataFrame, organisation_index: np.ndarray,
                 deployable: np.ndarray, covered: np.ndarray, used_links: pd.DataFrame,
                 agreements: pd.DataFrame, suppliers: pd.DataFrame, region_order: np.ndarray,
                 needed: int) -> pd.DataFrame:
    """The organisations to call, nearest region first, largest supplier first within one.

    Listed are the organisations with deployable persons in the nearest supplying
    regions that together hold ``needed`` persons (every supplying region when
    they do not): whom one would call, and no more rows than that.
    ``organisation_index``, ``deployable`` and ``covered`` are per matching row;
    ``used_links`` pairs covered keys in the answer with their organisation and
    agreements (columns organisation_index, agreement_id); ``region_order`` gives the
    supplier place (nearest first) per region index.
    """
    n = len(organisations)
    persons = np.bincount(organisation_index, weights=deployable, minlength=n)
    covered_persons = np.bincount(organisation_index[covered], weights=deployable[covered],
                                  minlength=n)
    found = _nearest_needed(organisations, persons, suppliers, region_order, needed)
    table = organisations.iloc[found].drop(columns="region_index").reset_index(drop=True)
    table["organisation_index"] = found
    table["deployable_persons"] = persons[found].astype("int64")
    table["covered_persons"] = covered_persons[found].astype("int64")
    table = table.merge(_agreements_per_organisation(used_links, agreements, found),
                        on="organisation_index", how="left")
    table["agreement_ids"] = table["agreement_ids"].map(
        lambda ids: ids if isinstance(ids, list) else [])
    for column in ("agreements", "contact_mailbox"):
        table[column] = [v if isinstance(v, str) else "" for v in table[column]]
    area = suppliers[["region_code", "region_name", "ring", "distance_km"]].reset_index(
        names="order")
    table = table.merge(area, on="region_code")
    table = table.sort_values(["order", "deployable_persons", "organisation"],
                              ascending=[True, False, True])
    return table[CALLER_COLUMNS].reset_index(drop=True)


def _nearest_needed(organisations: pd.DataFrame, persons: np.ndarray, suppliers: pd.DataFrame,
                    region_order: np.ndarray, needed: int) -> np.ndarray:
    """The organisations with persons in the nearest regions that together hold ``needed``."""
    supplying = suppliers["deployable_persons"].fillna(0).to_numpy() > 0
    places = np.flatnonzero(supplying)
    if not len(places):
        return np.zeros(0, dtype="int64")
    reached = np.cumsum(suppliers["deployable_persons"].to_numpy()[places])
    last = places[min(int(np.searchsorted(reached, needed)), len(places) - 1)]
    place = region_order[organisations["region_index"].to_numpy(dtype="int64")]
    return np.flatnonzero((persons > 0) & (place <= last))


def cost_lines(per_key: pd.Series, used_links: pd.DataFrame, agreements: pd.DataFrame,
               region_order: np.ndarray, needed: int, uncovered: int) -> tuple[CostLine, ...]:
    """The persons to price for ``needed``: covered ones per agreement, then the uncovered rest.

    ``per_key`` holds the covered persons per coverage key in the answer;
    ``used_links`` its (key, region_index, agreement_id) links; ``region_order`` the
    supplier place (nearest first) per region index. A person covered by two
    agreements is priced once, under the one with the shortest aanlooptijd.
    """
    lines: list[CostLine] = []
    remaining = needed
    for row in _exclusive_persons(per_key, used_links, agreements, region_order).itertuples():
        take = min(int(row.persons), remaining)
        if take <= 0:
            break
        lines.append(CostLine(int(row.agreement_id), str(row.partner_name), take,
                              to_money(row.compensation_eur),
                              row.compensation_unit if isinstance(row.compensation_unit, str)
                              and row.compensation_unit else None))
        remaining -= take
    rest = min(remaining, uncovered)
    if rest > 0:
        lines.append(CostLine(None, texts.COST_WITHOUT_AGREEMENT, rest, None, None))
    return tuple(lines)


def _agreements_per_organisation(used_links: pd.DataFrame, agreements: pd.DataFrame,
                                 found: np.ndarray) -> pd.DataFrame:
    """Per organisation in ``found``: its agreements, shortest lead time, mailboxes.

    Vectorised over the (organisation, agreement) pairs; only the joining of each
    organisation's few labels is a Python loop, over the organisations shown.
    """
    organisation = used_links["organisation_index"].to_numpy(dtype="int64")
    agreement_id = used_links["agreement_id"].to_numpy(dtype="int64")
    keep = np.isin(organisation, found)
    terms = agreements.set_index("agreement_id")
    width = int(agreement_id.max(initial=0)) + 1
    pairs = np.unique(organisation[keep] * width + agreement_id[keep])
    organisation, agreement_id = pairs // width, pairs % width
    position = terms.index.get_indexer(agreement_id)
    lead = terms["lead_time_hours"].to_numpy(dtype="float64")[position]
    order = np.lexsort((agreement_id, lead, organisation))
    organisation, agreement_id, lead = organisation[order], agreement_id[order], lead[order]
    position = position[order]
    starts = np.flatnonzero(np.r_[True, organisation[1:] != organisation[:-1]]) \
        if len(organisation) else np.zeros(0, dtype="int64")
    labels = np.array([texts.CALLER_AGREEMENT.format(partner=p, nummer=int(i)) for p, i in
                       zip(terms["partner_name"], terms.index, strict=True)], dtype=object)
    mailboxes = terms["contact_mailbox"].fillna("").to_numpy(dtype=object)
    bounds = [*starts.tolist(), len(organisation)]
    return pd.DataFrame({
        "organisation_index": organisation[starts],
        "agreement_ids": [agreement_id[a:b].tolist() for a, b in pairwise(bounds)],
        "agreements": ["; ".join(labels[position[a:b]]) for a, b in pairwise(bounds)],
        "lead_time_hours": lead[starts],
        "contact_mailbox": [", ".join(dict.fromkeys(m for m in mailboxes[position[a:b]] if m))
                            for a, b in pairwise(bounds)],
    })


def _exclusive_persons(per_key: pd.Series, used_links: pd.DataFrame, agreements: pd.DataFrame,
                       region_order: np.ndarray) -> pd.DataFrame:
    """Per agreement the covered persons it prices (each key once), nearest supplier first."""
    columns = ["agreement_id", "persons", "partner_name", "compensation_eur",
               "compensation_unit"]
    if used_links.empty:
        return pd.DataFrame(columns=columns)
    terms = agreements.set_index("agreement_id")
    key = used_links["key"].to_numpy(dtype="int64")
    position = terms.index.get_indexer(used_links["agreement_id"].to_numpy(dtype="int64"))
    lead = terms["lead_time_hours"].to_numpy(dtype="float64")[position]
    order = np.lexsort((position, lead, key))  # per key: shortest lead time, lowest number
    key, position = key[order], position[order]
    first = np.r_[True, key[1:] != key[:-1]]
    region = region_order[used_links["region_index"].to_numpy(dtype="int64")[order][first]]
    persons = per_key.reindex(key[first]).to_numpy(dtype="float64")
    n = len(terms)
    nearest = np.full(n, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(nearest, position[first], region)
    per = pd.DataFrame({"persons": np.bincount(position[first], weights=persons, minlength=n),
                        "order": nearest}, index=terms.index)
    per = per[per["persons"] > 0].join(terms[["partner_name", "lead_time_hours",
                                              "compensation_eur", "compensation_unit"]])
    per = per.reset_index().sort_values(["order", "lead_time_hours", "agreement_id"])
    return per[columns].reset_index(drop=True)
