"""Inhabitants per municipality from a CBS StatLine CSV export (optional reference data)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from capaciteit import texts
from capaciteit.bounds import MAX_INHABITANTS, column_text_problem
from capaciteit.formatting import format_number
from capaciteit.storage.models import PopulationLoad
from capaciteit.uploads.parsing import parse_numbers
from capaciteit.uploads.reader import UploadError, read_cells

GM_CODE = re.compile(r"^\s*GM\d{4}\s*$")
YEAR = re.compile(r"(19|20)\d{2}")
POPULATION_HEADERS = ("bevolking", "inwoners", "aantal")
PERIOD_HEADERS = ("perioden", "periode", "jaar", "peildatum")


class PopulationError(Exception):
    """The population file cannot be used; the message is Dutch."""


@dataclass(frozen=True)
class PopulationFile:
    """Inhabitants per municipality (``gemeente_code``, ``inhabitants``) at a reference date."""

    inhabitants: pd.DataFrame
    reference_date: date


def read_statline_csv(content: bytes, filename: str,
                      reference_date: date | None = None) -> PopulationFile:
    """Read a StatLine CSV export with municipality codes (GM....) and inhabitants.

    Accepts ``;`` or ``,`` separators, UTF-8 (with or without BOM) or
    Windows-1252, and the OData layout (``RegioS`` = ``GM0014    ``, ``Perioden``
    = ``2023JJ00``). Rows for other areas (provinces, the country) are ignored.
    The reference date is 1 January of the period's year unless given. Counts are
    read as every import reads numbers (``parsing.parse_numbers``: 12.345 is twelve
    thousand) and must be whole, 0 or more and at most ``MAX_INHABITANTS``.
    """
    unstorable = column_text_problem(PopulationLoad, "filename", filename)
    if unstorable:
        raise PopulationError(texts.POPULATION_FILENAME.format(bestand=filename[:40],
                                                               reden=unstorable))
    frame = _read_table(content, filename)
    region_col = _find_region_column(frame)
    count_col = _find_count_column(frame, exclude=region_col)
    if region_col is None or count_col is None:
        raise PopulationError(texts.POPULATION_NO_COLUMNS.format(bestand=filename))
    rows = frame[frame[region_col].astype(str).str.match(GM_CODE)]
    period_col = _find_column(frame, PERIOD_HEADERS)
    if period_col is not None:
        latest = max(rows[period_col].astype(str), key=_period_year, default="")
        rows = rows[rows[period_col].astype(str) == latest]
    if reference_date is None:
        reference_date = _reference_date(rows, period_col, filename)
    counts = parse_numbers(rows[count_col].astype("string"))
    bad = (counts.isna() | (counts < 0) | (counts % 1 != 0)).fillna(True)
    if bad.any():
        first = bad.idxmax()
        raise PopulationError(texts.POPULATION_BAD_NUMBER.format(
            rij=int(first) + 2, waarde=rows.loc[first, count_col]))
    too_many = counts > MAX_INHABITANTS
    if too_many.any():
        first = too_many.idxmax()
        raise PopulationError(texts.POPULATION_TOO_MANY.format(
            rij=int(first) + 2, waarde=rows.loc[first, count_col],
            max=format_number(MAX_INHABITANTS)))
    inhabitants = pd.DataFrame({
        "gemeente_code": rows[region_col].astype(str).str.strip().to_numpy(),
        "inhabitants": counts.astype("int64").to_numpy(),
    })
    duplicated = sorted(set(inhabitants.loc[inhabitants["gemeente_code"].duplicated(),
                                            "gemeente_code"]))
    if duplicated:
        raise PopulationError(texts.POPULATION_UNREADABLE.format(
            bestand=filename,
            fout=texts.POPULATION_DUPLICATES.format(codes=_listing(duplicated))))
    return PopulationFile(inhabitants, reference_date)


def check_municipalities(population: PopulationFile, municipalities: pd.DataFrame,
                         filename: str, year: int | str) -> None:
    """Require exactly the municipalities of the loaded gebiedsindeling."""
    known = set(municipalities["gemeente_code"])
    given = set(population.inhabitants["gemeente_code"])
    unknown = sorted(given - known)
    missing = sorted(known - given)
    if unknown and missing:  # another year's municipal division: name both sides
        raise PopulationError(texts.POPULATION_OTHER_DIVISION.format(
            bestand=filename, jaar=year, ontbrekend=_listing(missing), onbekend=_listing(unknown)))
    if unknown:
        raise PopulationError(texts.POPULATION_UNKNOWN_CODES.format(
            aantal=len(unknown), bestand=filename, codes=_listing(unknown), jaar=year))
    if missing:
        raise PopulationError(texts.POPULATION_MISSING_CODES.format(
            aantal=len(missing), bestand=filename, codes=_listing(missing)))


def _read_table(content: bytes, filename: str) -> pd.DataFrame:
    """The file's cells by the app's one spreadsheet reader; the first row names the columns."""
    try:
        _, cells = read_cells(content, filename)
    except UploadError as error:
        raise PopulationError(texts.POPULATION_UNREADABLE.format(
            bestand=filename, fout=error)) from error
    if cells.empty:
        raise PopulationError(texts.POPULATION_NO_COLUMNS.format(bestand=filename))
    headers = ["" if _blank(h) else str(h).strip() for h in cells.iloc[0]]
    body = cells.iloc[1:].map(lambda v: "" if _blank(v) else str(v))
    return pd.DataFrame(body.to_numpy(), columns=headers).reset_index(drop=True)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _find_region_column(frame: pd.DataFrame) -> str | None:
    for column in frame.columns:
        values = frame[column].astype(str)
        if len(values) and values.str.match(GM_CODE).mean() > 0.5:
            return str(column)
    return None


def _find_count_column(frame: pd.DataFrame, exclude: str | None) -> str | None:
    named = _find_column(frame, POPULATION_HEADERS, exclude=exclude)
    if named is not None:
        return named
    numeric = [c for c in frame.columns if c != exclude and
               pd.to_numeric(frame[c], errors="coerce").notna().mean() > 0.9]
    return str(numeric[-1]) if numeric else None


def _find_column(frame: pd.DataFrame, words: tuple[str, ...],
                 exclude: str | None = None) -> str | None:
    for column in frame.columns:
        name = str(column).lower()
        if column != exclude and any(word in name for word in words):
            return str(column)
    return None


def _period_year(value: str) -> int:
    match = YEAR.search(value)
    return int(match.group(0)) if match else 0


def _reference_date(rows: pd.DataFrame, period_col: str | None, filename: str) -> date:
    if period_col is not None and len(rows):
        year = _period_year(str(rows[period_col].iloc[0]))
        if year:
            return date(year, 1, 1)
    match = YEAR.search(filename)
    if match:
        return date(int(match.group(0)), 1, 1)
    raise PopulationError(texts.POPULATION_NO_DATE)


def _listing(codes: list[str], limit: int = 15) -> str:
    shown = ", ".join(codes[:limit])
    if len(codes) <= limit:
        return shown
    return texts.POPULATION_MORE.format(codes=shown, aantal=len(codes) - limit)
