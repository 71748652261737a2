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
                 agreements: pd.DataFrame, suppliers: pd.DataFrame) -> pd.DataFrame:
    """The organisations with deployable persons in the answer, nearest region first.

    ``organisation_index``, ``deployable`` and ``covered`` are per matching row;
    ``used_links`` pairs covered keys in the answer with their organisation and
    agreements (columns organisation_index, agreement_id). Within a region the
    largest supplier comes first.
    """
    n = len(organisations)
    persons = np.bincount(organisation_index, weights=deployable, minlength=n)
    covered_persons = np.bincount(organisation_index[covered], weights=deployable[covered],
                                  minlength=n)
    found = np.flatnonzero(persons > 0)
    table = organisations.iloc[found].reset_index(drop=True)
    table["organisation_index"] = found
    table["deployable_persons"] = persons[found].astype("int64")
    table["covered_persons"] = covered_persons[found].astype("int64")
    table = table.merge(_agreements_per_organisation(used_links, agreements),
                        on="organisation_index", how="left")
    table["agreement_ids"] = table["agreement_ids"].map(
        lambda ids: ids if isinstance(ids, list) else [])
    table[["agreements", "contact_mailbox"]] = table[["agreements", "contact_mailbox"]].fillna("")
    area = suppliers[["region_code", "region_name", "ring", "distance_km"]].reset_index(
        names="order")
    table = table.merge(area, on="region_code")
    table = table.sort_values(["order", "deployable_persons", "organisation"],
                              ascending=[True, False, True])
    return table[CALLER_COLUMNS].reset_index(drop=True)


def cost_lines(per_key: pd.Series, used_links: pd.DataFrame, agreements: pd.DataFrame,
               suppliers: pd.DataFrame, needed: int, uncovered: int) -> tuple[CostLine, ...]:
    """The persons to price for ``needed``: covered ones per agreement, then the uncovered rest.

    ``per_key`` holds the covered persons per coverage key in the answer;
    ``used_links`` its (key, region_code, agreement_id) links. A person covered by
    two agreements is priced once, under the one with the shortest aanlooptijd.
    """
    lines: list[CostLine] = []
    remaining = needed
    for row in _exclusive_persons(per_key, used_links, agreements, suppliers).itertuples():
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


def _agreements_per_organisation(used_links: pd.DataFrame,
                                 agreements: pd.DataFrame) -> pd.DataFrame:
    """Per organisation: its agreements (ids, 'partner (nr. 3)'), shortest lead time, mailboxes."""
    columns = ["organisation_index", "agreement_ids", "agreements", "lead_time_hours",
               "contact_mailbox"]
    pairs = used_links[["organisation_index", "agreement_id"]].drop_duplicates()
    if pairs.empty:
        return pd.DataFrame(columns=columns).astype({"organisation_index": "int64",
                                                     "lead_time_hours": "float64"})
    pairs = pairs.merge(agreements[["agreement_id", "partner_name", "lead_time_hours",
                                    "contact_mailbox"]], on="agreement_id")
    pairs = pairs.sort_values(["organisation_index", "lead_time_hours", "agreement_id"])
    pairs["label"] = [texts.CALLER_AGREEMENT.format(partner=p, nummer=int(i))
                      for p, i in zip(pairs["partner_name"], pairs["agreement_id"], strict=True)]
    grouped = pairs.groupby("organisation_index", sort=False)
    return pd.DataFrame({
        "agreement_ids": grouped["agreement_id"].agg(lambda s: [int(v) for v in s]),
        "agreements": grouped["label"].agg("; ".join),
        "lead_time_hours": grouped["lead_time_hours"].min().astype("float64"),
        "contact_mailbox": grouped["contact_mailbox"].agg(
            lambda s: ", ".join(dict.fromkeys(m for m in s if isinstance(m, str) and m))),
    }).reset_index()


def _exclusive_persons(per_key: pd.Series, used_links: pd.DataFrame, agreements: pd.DataFrame,
                       suppliers: pd.DataFrame) -> pd.DataFrame:
    """Per agreement the covered persons it prices (each key once), nearest supplier first."""
    if used_links.empty:
        return pd.DataFrame(columns=["agreement_id", "persons", "partner_name",
                                     "compensation_eur", "compensation_unit"])
    terms = agreements[["agreement_id", "partner_name", "lead_time_hours", "compensation_eur",
                        "compensation_unit"]]
    links = used_links[["key", "region_code", "agreement_id"]].merge(terms, on="agreement_id")
    links = links.sort_values(["key", "lead_time_hours", "agreement_id"]).drop_duplicates("key")
    order = dict(zip(suppliers["region_code"], range(len(suppliers)), strict=True))
    links["order"] = links["region_code"].map(order)
    links["persons"] = per_key.reindex(links["key"]).to_numpy()
    per = links.groupby("agreement_id", as_index=False).agg(
        persons=("persons", "sum"), order=("order", "min"))
    per = per.merge(terms, on="agreement_id")
    return per.sort_values(["order", "lead_time_hours", "agreement_id"]).reset_index(drop=True)
