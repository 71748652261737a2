"""Fictitious data for the benchmarks and their correctness tests.

Capacity records, agreements, the crisis team's questions and upload files. The
same seed gives the same data, so a test on a few thousand records sees what the
bench sees on a million.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from capaciteit.capacity.categories import default_categories, horizons, powers
from capaciteit.deployment import presets
from capaciteit.deployment.answer import Question
from capaciteit.geo.boundaries import REGION_CODES
from capaciteit.uploads import reader

SEED = 20_240_101
TODAY = date(2025, 6, 1)  # fixed, so every run generates the same data
MUNICIPAL_CATEGORIES = {"boa": 0.7, "particuliere-beveiliging": 0.4}  # share per municipality
ORGANISATIONS = 500
AGREEMENTS = 103
NATIONAL_AGREEMENTS = 3
DEPLOYMENT_TARGET = "VR13"
UPLOAD_REGION = "VR13"
UPLOAD_PEILDATUM = date(2025, 5, 1)


def generate_records(municipalities: pd.DataFrame, n: int, *, seed: int = SEED,
                     today: date = TODAY) -> pd.DataFrame:
    """``n`` fictitious capacity records over the 25 regions, made with numpy in one go.

    Regions get records in proportion to their number of municipalities (plus
    one); boa's and private security are often per municipality, the rest
    region-wide. Records are grouped by region, one peildatum per region, as one
    upload per region would be. ``peildatum`` is an ISO date string.
    """
    rng = np.random.default_rng(seed)
    municipalities = municipalities.sort_values(["region_code", "gemeente_code"])
    counts = municipalities.groupby("region_code").size().reindex(list(REGION_CODES)).to_numpy()
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    region = np.sort(rng.choice(len(REGION_CODES), size=n, p=(counts + 1) / (counts + 1).sum()))
    pairs = [(c.code, s.code) for c in default_categories() for s in c.subcategories]
    pair = rng.integers(0, len(pairs), size=n)
    category = np.array([c for c, _ in pairs], dtype=object)[pair]
    share = np.array([MUNICIPAL_CATEGORIES.get(c, 0.0) for c, _ in pairs])[pair]
    place = starts[region] + (rng.random(n) * counts[region]).astype(np.int64)
    codes = municipalities["gemeente_code"].to_numpy(dtype=object)
    gemeente = _or_none(rng.random(n) < share, codes[place])
    persons = rng.gamma(2.0, 6.0, size=n).astype(np.int64) + 1
    peil_days = rng.integers(14, 240, size=len(REGION_CODES))
    peildata = np.array([(today - timedelta(days=int(d))).isoformat() for d in peil_days],
                        dtype=object)
    return pd.DataFrame({
        "region_code": np.array(REGION_CODES, dtype=object)[region],
        "gemeente_code": gemeente,
        "organisation": organisation_names()[rng.integers(0, ORGANISATIONS, size=n)],
        "organisation_id": None,
        "category": category,
        "subcategory": np.array([s for _, s in pairs], dtype=object)[pair],
        "persons": persons,
        "fte": np.round(persons * rng.uniform(0.4, 1.0, size=n), 1),
        "deployable_persons": (persons * rng.uniform(0.1, 0.8, size=n)).astype(np.int64),
        "deployable_within_hours": rng.choice([h.hours for h in horizons()], size=n),
        "powers": generated_powers(rng, category),
        "peildatum": peildata[region],
        "note": "Benchmarkgegevens (fictief)",
    })


def organisation_names() -> np.ndarray:
    """The fictitious organisations the records are spread over."""
    return np.array([f"Organisatie {k:03d} (fictief)" for k in range(ORGANISATIONS)],
                    dtype=object)


def generated_powers(rng: np.random.Generator, category: np.ndarray) -> np.ndarray:
    """Per record none, one or two of the powers its category typically holds ('; '-joined)."""
    result = np.full(len(category), "", dtype=object)
    draw = rng.random(len(category))
    for code in np.unique(category):
        fitting = sorted(p.name for p in powers() if code in p.categories)
        options = [""] + fitting + [f"{a}; {b}" for i, a in enumerate(fitting)
                                    for b in fitting[i + 1:]]
        rows = category == code
        picks = (draw[rows] * len(options)).astype(np.int64)
        result[rows] = np.array(options, dtype=object)[picks]
    return result


def generate_agreements(organisations: list[str], *, n: int = AGREEMENTS,
                        seed: int = SEED + 6) -> pd.DataFrame:
    """Valid agreements: per region with one of ``organisations``, the last few national.

    One row per agreement in the ``agreement`` table's columns, plus
    ``scope_category``: the one whole category it covers. The regional ones are
    with a named organisation (partner type gemeente), the national ones
    sector-wide, so they bind every organisation in their category.
    """
    rng = np.random.default_rng(seed)
    now = datetime.now(UTC)
    categories = [c.code for c in default_categories()]
    rows = []
    for i in range(n):
        national = i >= n - NATIONAL_AGREEMENTS
        rows.append({
            "region_code": None if national else REGION_CODES[i % len(REGION_CODES)],
            "partner_id": None, "committed_persons": 50,
            "partner_name": "Sectorpartner (fictief)" if national
            else organisations[int(rng.integers(len(organisations)))],
            "partner_type": "sectororganisatie" if national else "gemeente",
            "powers": "", "activation_trigger": "GRIP 2", "lead_time_hours": 12,
            "compensation_arrangement": "Uurtarief", "compensation_eur": 60.0,
            "compensation_unit": "per uur", "payer": "Veiligheidsregio",
            "valid_from": date(2024, 1, 1), "valid_to": None, "status": "getekend",
            "document_reference": "", "contact_mailbox": "", "contact_person": None,
            "created_by": "benchmark", "created_at": now, "updated_by": "benchmark",
            "updated_at": now, "scope_category": categories[i % len(categories)]})
    return pd.DataFrame(rows, dtype=object)


@dataclass(frozen=True)
class BenchQuestion:
    """A question of the benchmark: its label and what is asked."""

    label: str
    question: Question


def bench_questions(target: str = DEPLOYMENT_TARGET) -> list[BenchQuestion]:
    """National questions (search area: the whole country), from narrow to the broadest."""
    reference = list(presets.reference_presets())
    masks = presets.find_preset(reference, "mondkapjes-ov")
    horeca = presets.find_preset(reference, "toegangsbewijs-horeca")
    if masks is None or horeca is None:
        raise LookupError("reference/vragen.toml no longer has the benchmark's presets")
    return [
        BenchQuestion("mondkapjes OV (boa IV + bevoegdheid), 24 uur",
                      Question((target,), masks.hours, 500, masks.scopes, masks.powers, "land")),
        BenchQuestion("toegangsbewijs horeca (2 scopes + bevoegdheid), 72 uur",
                      Question((target,), horeca.hours, 500, horeca.scopes,
                               horeca.powers, "land")),
        BenchQuestion("alles, geen filter, binnen een week (zwaarste)",
                      Question((target,), 168, 50_000, search_area="land")),
    ]


def upload_rows(municipalities: pd.DataFrame, n: int, *, seed: int = SEED,
                region: str = UPLOAD_REGION, peildatum: date = UPLOAD_PEILDATUM) -> pd.DataFrame:
    """The ``n`` rows of a valid capacity file for ``region``, as a region fills in the template.

    Columns are the template's headers (``reader.columns()``); missing cells are
    None. Every organisation name is unique, so there are no duplicates; boa's and
    private security often name a municipality of the region (by name, as the
    template's dropdown offers), the rest is region-wide.
    """
    rng = np.random.default_rng(seed)
    names = np.array(municipalities.loc[municipalities["region_code"] == region,
                                        "gemeente_name"].tolist(), dtype=object)
    pairs = [(c.code, s.code) for c in default_categories() for s in c.subcategories]
    power_names = {c.code: [p.name for p in powers() if c.code in p.categories]
                   for c in default_categories()}
    pair = rng.integers(0, len(pairs), size=n)
    local = rng.random(n)
    place = rng.integers(0, len(names), size=n)
    persons = rng.gamma(2.0, 6.0, size=n).astype(np.int64) + 1
    fte = np.round(persons * rng.uniform(0.4, 1.0, size=n), 1)
    deployable = (persons * rng.uniform(0.1, 0.8, size=n)).astype(np.int64)
    within = rng.choice([h.hours for h in horizons()], size=n)
    with_powers = rng.random(n)
    category = np.array([c for c, _ in pairs], dtype=object)[pair]
    share = np.array([MUNICIPAL_CATEGORIES.get(c, 0.0) for c, _ in pairs])[pair]
    two_powers = {c: "; ".join(p[:2]) or None for c, p in power_names.items()}
    index = np.arange(n)
    values = {
        "regio": np.full(n, region, dtype=object),
        "gemeente": _or_none(local < share, names[place]),
        "organisatie": np.array([f"Organisatie {i:05d} (fictief)" for i in index], dtype=object),
        "organisatie_id": np.array([f"KVK{10_000_000 + i}" if i % 4 == 0 else None
                                    for i in index], dtype=object),
        "categorie": category,
        "subcategorie": np.array([s for _, s in pairs], dtype=object)[pair],
        "aantal_personen": persons,
        "fte": fte,
        "inzetbaar_personen": deployable,
        "inzetbaar_binnen_uur": within,
        "bevoegdheden": _or_none(with_powers < 0.5,
                                 np.array([two_powers[c] for c in category], dtype=object)),
        "peildatum": np.full(n, datetime(peildatum.year, peildatum.month, peildatum.day),
                             dtype=object),
        "opmerking": _or_none(index % 10 == 0, np.full(n, "Benchmarkgegevens (fictief)",
                                                      dtype=object)),
    }
    return pd.DataFrame({c.header: values[c.header] for c in reader.columns()}, dtype=object)


def write_upload_file(path: Path, rows: pd.DataFrame) -> None:
    """Write ``rows`` as the data sheet of an .xlsx, the peildatum as a real Excel date.

    Written with xlsxwriter in constant-memory mode; None cells stay empty.
    """
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                           "strings_to_formulas": False})
    sheet = book.add_worksheet(reader.DATA_SHEET)
    date_format = book.add_format({"num_format": "dd-mm-yyyy"})
    headers = list(rows.columns)
    sheet.write_row(0, 0, headers)
    peil_col = headers.index("peildatum")
    for i, row in enumerate(rows.itertuples(index=False, name=None), start=1):
        cells = [_cell(v) for v in row]
        sheet.write_row(i, 0, cells[:peil_col])
        sheet.write_datetime(i, peil_col, cells[peil_col], date_format)
        sheet.write_row(i, peil_col + 1, cells[peil_col + 1:])
    book.close()


def _or_none(keep: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` where ``keep``, None elsewhere (an object array)."""
    result = np.full(len(values), None, dtype=object)
    result[keep] = values[keep]
    return result


def _cell(value: object) -> object:
    """A cell value xlsxwriter writes as a spreadsheet program would (numpy scalars as Python)."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value
