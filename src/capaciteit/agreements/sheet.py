"""Agreements as a spreadsheet: the export table, and reading an import into drafts.

The columns are the field names in ``texts.AGREEMENT_FIELDS``, so an export can
be read back. Reading reuses the capacity upload's reader and limits (zip bombs,
sizes, csv dialects) and its number and date parsing; judging the drafts is
``agreement_service.validate``'s job, with the same messages as the form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from capaciteit import texts
from capaciteit.agreements.model import NATIONAL, reference
from capaciteit.agreements.rules import FIELDS, REQUIRED, AgreementDraft, Catalogue, Problem, Scope
from capaciteit.bounds import is_finite_number
from capaciteit.names import name_key
from capaciteit.uploads.reader import Limits, UploadError, read_cells, refuse_duplicate_headers
from capaciteit.uploads.validation import category_lookups, parse_dates, parse_numbers

SHEET_FIELDS = ["agreement_id", *FIELDS[:4], "scopes", *FIELDS[4:]]
NUMBER_FIELDS = ["agreement_id", "committed_persons", "lead_time_hours", "compensation_eur"]
DATE_FIELDS = ["valid_from", "valid_to"]
HEADER_SEARCH_ROWS = 15


@dataclass(frozen=True)
class SheetRow:
    """One data row of an import: Excel row number, the id it updates (if any), the draft."""

    row: int
    agreement_id: int | None
    draft: AgreementDraft
    problems: list[Problem]
    present: frozenset[str]  # fields whose column is in the file


@dataclass
class AgreementSheet:
    """An import read into drafts, or the reasons it cannot be read."""

    sheet_name: str
    rows: list[SheetRow] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)


def export_frame(agreements: pd.DataFrame, scopes: pd.DataFrame, *,
                 include_personal: bool) -> pd.DataFrame:
    """Agreements under their sheet headers; contact persons only when asked for."""
    frame = agreements.copy()
    frame["region_code"] = frame["region_code"].fillna(NATIONAL)
    joined = (scopes.assign(text=[f"{c}/{s}" if isinstance(s, str) and s else str(c)
                                  for c, s in zip(scopes["category"], scopes["subcategory"],
                                                  strict=True)])
              .groupby("agreement_id")["text"].agg("; ".join))
    frame["scopes"] = frame["agreement_id"].map(joined).fillna("")
    for name in DATE_FIELDS:
        frame[name] = pd.to_datetime(frame[name]).dt.date
    columns = [*SHEET_FIELDS, "effective_status"] if "effective_status" in frame else SHEET_FIELDS
    if not include_personal:
        columns = [c for c in columns if c != "contact_person"]
    return frame[columns].rename(columns=texts.AGREEMENT_FIELDS)


def read_agreement_sheet(content: bytes, filename: str, catalogue: Catalogue,
                         limits: Limits | None = None) -> AgreementSheet:
    """Read an .xlsx/.csv of agreements into drafts; raise UploadError when unusable."""
    limits = limits or Limits()
    sheet_name, cells = read_cells(content, filename, limits)
    lookup = {name_key(label): name for name, label in texts.AGREEMENT_FIELDS.items()}
    lookup[name_key("contactpersoon")] = "contact_person"
    header_row = _header_row(cells, lookup)
    if header_row is None:
        raise UploadError(texts.AGREEMENT_IMPORT_NO_HEADER.format(blad=sheet_name))
    headers = [lookup.get(name_key(h)) if _present(h) else None
               for h in cells.iloc[header_row]]
    refuse_duplicate_headers(list(cells.iloc[header_row]),
                             [texts.AGREEMENT_FIELDS.get(h, h) if h else None for h in headers])
    result = AgreementSheet(str(sheet_name))
    result.unknown_columns = [str(h) for h, n in zip(cells.iloc[header_row], headers,
                                                     strict=True) if _present(h) and n is None]
    keep = {n: i for i, n in reversed(list(enumerate(headers))) if n in SHEET_FIELDS}
    result.missing_columns = [texts.AGREEMENT_FIELDS[n] for n in REQUIRED if n not in keep]
    body = cells.iloc[header_row + 1:]
    body.index = pd.RangeIndex(header_row + 2, header_row + 2 + len(body))  # Excel rows
    raw = pd.DataFrame({n: body.iloc[:, keep[n]] if n in keep else None for n in SHEET_FIELDS},
                       index=body.index, dtype=object)
    raw = raw[raw.map(_present).any(axis=1)]
    if len(raw) > limits.max_rows:
        raise UploadError(texts.UPLOAD_TOO_MANY_ROWS.format(rijen=len(raw), max=limits.max_rows))
    numbers = {n: _numbers(raw[n]) for n in NUMBER_FIELDS}
    dates = {n: _dates(raw[n]) for n in DATE_FIELDS}
    present = frozenset(keep)
    result.rows = [_row(int(i), raw.loc[i], numbers, dates, catalogue, present)
                   for i in raw.index]
    return result


def _header_row(cells: pd.DataFrame, lookup: dict[str, str]) -> int | None:
    for row in range(min(HEADER_SEARCH_ROWS, len(cells))):
        if sum(name_key(v) in lookup for v in cells.iloc[row] if _present(v)) >= 3:
            return row
    return None


def _row(row: int, raw: pd.Series, numbers: dict[str, pd.Series], dates: dict[str, pd.Series],
         catalogue: Catalogue, present: frozenset[str]) -> SheetRow:
    problems = []
    values: dict[str, object] = {}
    for name in NUMBER_FIELDS + DATE_FIELDS:
        parsed = (numbers if name in numbers else dates)[name].loc[row]
        text = _text(raw[name])
        if text and pd.isna(parsed):
            key = "geen_getal" if name in numbers else "geen_datum"
            problems.append(Problem(name, text, texts.AGREEMENT_RULES[key].format(waarde=text)))
        values[name] = None if pd.isna(parsed) else parsed
    ref = reference()
    agreement_id = values.pop("agreement_id")
    if agreement_id is not None and not float(agreement_id).is_integer():  # type: ignore[arg-type]
        problems.append(Problem("agreement_id", _text(raw["agreement_id"]),
                                texts.AGREEMENT_RULES["geen_geheel"].format(
                                    waarde=_text(raw["agreement_id"]))))
        agreement_id = None
    draft = AgreementDraft(
        region_code=_region(_text(raw["region_code"]), catalogue),
        partner_name=_text(raw["partner_name"]),
        partner_type=_choice(_text(raw["partner_type"]), ref.partner_types),
        scopes=_scopes(_text(raw["scopes"]), catalogue),
        committed_persons=values["committed_persons"],  # type: ignore[arg-type]
        lead_time_hours=values["lead_time_hours"],  # type: ignore[arg-type]
        valid_from=values["valid_from"],  # type: ignore[arg-type]
        valid_to=values["valid_to"],  # type: ignore[arg-type]
        status=_choice(_text(raw["status"]), ref.statuses),
        partner_id=_text(raw["partner_id"]) or None,
        powers=_text(raw["powers"]), activation_trigger=_text(raw["activation_trigger"]),
        compensation_arrangement=_text(raw["compensation_arrangement"]),
        compensation_eur=values["compensation_eur"],  # type: ignore[arg-type]
        compensation_unit=_choice(_text(raw["compensation_unit"]),
                                  ref.compensation_units) or None,
        payer=_text(raw["payer"]), document_reference=_text(raw["document_reference"]),
        contact_mailbox=_text(raw["contact_mailbox"]),
        contact_person=_text(raw["contact_person"]) or None)
    return SheetRow(row, None if agreement_id is None else int(agreement_id),  # type: ignore[call-overload]
                    draft, problems, present)


def _numbers(values: pd.Series) -> pd.Series:
    """Numeric cells as they are; text cells as Dutch or English numbers (1.234,5).

    Infinity and NaN are no numbers (the draft's validation then names the cell).
    """
    numeric = values.map(_finite_float)
    text = values.map(lambda v: None if isinstance(v, int | float) or not _present(v) else str(v))
    parsed = parse_numbers(text.astype("string")).astype(object)
    return numeric.where(numeric.notna(), parsed).map(lambda v: None if pd.isna(v) else float(v))


def _finite_float(value: object) -> float | None:
    if not is_finite_number(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an int beyond any float
        return None
    return number if math.isfinite(number) else None


def _dates(values: pd.Series) -> pd.Series:
    """Date cells as they are; text as jjjj-mm-dd, dd-mm-jjjj or dd/mm/jjjj."""
    given = values.map(lambda v: pd.Timestamp(v).date() if isinstance(v, date) else None)
    text = values.map(lambda v: None if isinstance(v, date) or not _present(v) else str(v))
    parsed = parse_dates(text.astype("string")).map(lambda v: None if pd.isna(v) else v.date())
    return given.where(given.notna(), parsed)


def _region(text: str, catalogue: Catalogue) -> str | None:
    if not text:
        return None
    if name_key(text) == name_key(NATIONAL):
        return NATIONAL
    by_key = {name_key(c): c for c in catalogue.region_names}
    by_key.update({name_key(n): c for c, n in catalogue.region_names.items()})
    return by_key.get(name_key(text), text)


def _choice(text: str, allowed: tuple[str, ...]) -> str:
    return next((a for a in allowed if name_key(a) == name_key(text)), text)


def _scopes(text: str, catalogue: Catalogue) -> tuple[Scope, ...]:
    """'boa; inspectiedienst/nvwa' (codes or names) into (category, subcategory) pairs.

    Unknown parts are kept as written, so validation names them.
    """
    by_category, by_sub = category_lookups(catalogue.categories)
    found: list[Scope] = []
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        category_text, _, sub_text = part.partition("/")
        category = by_category.get(name_key(category_text), category_text.strip())
        if not sub_text.strip():
            found.append((category, None))
        else:
            found.append((category, by_sub.get((category, name_key(sub_text)), sub_text.strip())))
    return tuple(dict.fromkeys(found))


def _text(value: object) -> str:
    return str(value).strip() if _present(value) else ""


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) \
        and str(value).strip() != ""
