"""A seeded, plainly fictitious demo dataset over all regions, municipalities and categories."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection

from capaciteit import texts
from capaciteit.capacity.categories import Category, horizons, powers
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.storage import repository as storage

DEMO_USER = texts.DEMO_USER
DEMO_SEED = 2020
FICTIEF = texts.DEMO_MARK


def generate_demo_records(
    municipalities: pd.DataFrame,
    categories: tuple[Category, ...],
    *,
    today: date,
    seed: int = DEMO_SEED,
) -> pd.DataFrame:
    """Make fictitious capacity records for every region, municipality and category.

    Every organisation name ends in "(fictief)". The same seed gives the same data.
    """
    rng = np.random.default_rng(seed)
    hours = [h.hours for h in horizons()]
    rows: list[dict[str, object]] = []
    for region, group in municipalities.groupby("region_code", sort=True):
        peildatum = today - timedelta(days=int(rng.integers(14, 240)))
        for category in categories:
            for sub in category.subcategories:
                everywhere = category.code == "boa" and sub == category.subcategories[0]
                for gemeente_code, gemeente_name in _places(rng, category, group, everywhere):
                    persons = int(rng.gamma(2.0, 12.0 if gemeente_code else 30.0)) + 1
                    rows.append({
                        "region_code": region,
                        "gemeente_code": gemeente_code,
                        "organisation": f"{_organisation(category, sub.name, gemeente_name)} "
                                        f"{FICTIEF}",
                        "organisation_id": None,
                        "category": category.code,
                        "subcategory": sub.code,
                        "persons": persons,
                        "fte": round(persons * float(rng.uniform(0.4, 1.0)), 1),
                        "deployable_persons": int(persons * float(rng.uniform(0.1, 0.8))),
                        "deployable_within_hours": int(rng.choice(hours)),
                        "powers": _powers_for(rng, category.code),
                        "peildatum": pd.Timestamp(peildatum),
                        "note": texts.DEMO_NOTE,
                    })
    return pd.DataFrame(rows, columns=RECORD_COLUMNS)


def load_demo(
    conn: Connection, municipalities: pd.DataFrame, categories: tuple[Category, ...],
    *, today: date,
) -> pd.DataFrame:
    """Publish the demo dataset, one demo version per region. Only call on an empty store."""
    records = generate_demo_records(municipalities, categories, today=today)
    for region, group in records.groupby("region_code", sort=True):
        storage.publish_version(conn, str(region), group, uploaded_by=DEMO_USER, kind="demo",
                                filename="demogegevens", is_demo=True)
    return records


def _places(rng: np.random.Generator, category: Category, group: pd.DataFrame,
            everywhere: bool = False) -> list[tuple[str | None, str]]:
    """Municipal boa's and security per municipality; the rest region-wide.

    With ``everywhere`` (boa domein I) every municipality gets a row, so each
    one appears in the demo data.
    """
    if category.code in {"boa", "particuliere-beveiliging"}:
        share = 0.7 if category.code == "boa" else 0.4
        chosen = group[(rng.random(len(group)) < share) | everywhere]
        return list(zip(chosen["gemeente_code"], chosen["gemeente_name"], strict=True))
    return [(None, str(group["region_code"].iloc[0]))]


def _organisation(category: Category, sub_name: str, place: str) -> str:
    names = texts.DEMO_ORGANISATIONS
    return names.get(category.code, names["overig"]).format(plaats=place, soort=sub_name)


def _powers_for(rng: np.random.Generator, category: str) -> str:
    fitting = [p.name for p in powers() if category in p.categories]
    count = int(rng.integers(1, min(3, len(fitting)) + 1))
    return "; ".join(sorted(rng.choice(fitting, size=count, replace=False)))
