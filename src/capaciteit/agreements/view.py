"""Pure helpers for the agreement and white-spot pages: filters, options, Dutch tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from capaciteit import texts
from capaciteit.agreements.coverage import EXPIRY_WINDOW_DAYS, expiring
from capaciteit.agreements.model import NATIONAL
from capaciteit.agreements.rules import Scope, scope_label
from capaciteit.capacity.categories import Category
from capaciteit.formatting import format_date, format_datetime, format_number
from capaciteit.uploads.validation import Issue, ValidationResult

LIST_FIELDS = ["agreement_id", "region_name", "partner_name", "partner_type", "scopes",
               "committed_persons", "valid_from", "valid_to", "status", "effective_status"]
DETAIL_FIELDS = ["region_name", "partner_name", "partner_id", "partner_type", "scopes",
                 "committed_persons", "powers", "activation_trigger", "lead_time_hours",
                 "compensation_arrangement", "compensation_eur", "compensation_unit", "payer",
                 "valid_from", "valid_to", "status", "effective_status", "document_reference",
                 "contact_mailbox", "contact_person"]


def region_label(code: object, names: dict[str, str]) -> str:
    """'Landelijk' for a national agreement (code None or 'landelijk'), else 'Naam (VR13)'."""
    if code is None or code == NATIONAL or (isinstance(code, float) and pd.isna(code)):
        return texts.NATIONAL
    return f"{names.get(str(code), code)} ({code})"


def scope_options(categories: tuple[Category, ...]) -> dict[str, str]:
    """Form options: 'boa' for a whole category and 'boa/domein-1' per subcategory, labelled."""
    options = {}
    for category in categories:
        options[category.code] = texts.AGREEMENT_SCOPE_WHOLE.format(categorie=category.name)
        for sub in category.subcategories:
            options[f"{category.code}/{sub.code}"] = f"{category.name} / {sub.name}"
    return options


def scopes_from_options(keys: Iterable[str]) -> tuple[Scope, ...]:
    """'boa/domein-1' → ('boa', 'domein-1'); 'boa' → ('boa', None)."""
    return tuple((k.partition("/")[0], k.partition("/")[2] or None) for k in keys)


def options_from_scopes(scopes: Iterable[Scope]) -> list[str]:
    """The inverse of ``scopes_from_options``."""
    return [f"{c}/{s}" if s else c for c, s in scopes]


def filter_agreements(agreements: pd.DataFrame, scopes: pd.DataFrame, *, today: date,
                      region: str | None = None, category: str | None = None,
                      partner_type: str | None = None, effective: str | None = None,
                      expiring_only: bool = False) -> pd.DataFrame:
    """Agreements (with effective_status) that pass every given filter.

    ``region`` 'landelijk' keeps national agreements only; a region code keeps that
    region's own and the national ones (they apply there too).
    """
    keep = pd.Series(True, index=agreements.index)
    if region == NATIONAL:
        keep &= agreements["region_code"].isna()
    elif region is not None:
        keep &= agreements["region_code"].isna() | (agreements["region_code"] == region)
    if category is not None:
        ids = scopes.loc[scopes["category"] == category, "agreement_id"]
        keep &= agreements["agreement_id"].isin(ids)
    if partner_type is not None:
        keep &= agreements["partner_type"] == partner_type
    if effective is not None:
        keep &= agreements["effective_status"] == effective
    if expiring_only:
        keep &= agreements["agreement_id"].isin(expiring(agreements, today)["agreement_id"])
    return agreements[keep]


def agreements_table(agreements: pd.DataFrame, scopes: pd.DataFrame, names: dict[str, str],
                     categories: tuple[Category, ...]) -> pd.DataFrame:
    """The list of agreements with Dutch headers, one row each."""
    frame = _readable(agreements, scopes, names, categories)
    return frame[LIST_FIELDS].rename(columns=texts.AGREEMENT_FORM_LABELS)


def detail_table(agreement: pd.Series, scopes: pd.DataFrame, names: dict[str, str],
                 categories: tuple[Category, ...]) -> pd.DataFrame:
    """One agreement as (field, value) rows; the contact person is marked as personal data."""
    row = _readable(agreement.to_frame().T, scopes, names, categories).iloc[0]
    values = []
    for name in DETAIL_FIELDS:
        value = row[name]
        if name == "compensation_eur" and value is not None and not pd.isna(value):
            value = f"€ {format_number(value, 2)}"
        values.append("" if value is None or (not isinstance(value, str) and pd.isna(value))
                      else str(value))
    return pd.DataFrame({texts.FORM_FIELD: [texts.AGREEMENT_FORM_LABELS[n] for n in DETAIL_FIELDS],
                         texts.FORM_VALUE: values})


def log_table(changes: pd.DataFrame) -> pd.DataFrame:
    """The change log: when, who, what was done, and old → new per field."""
    return pd.DataFrame({
        texts.AGREEMENT_LOG_COLUMNS["changed_at"]: changes["changed_at"].map(format_datetime),
        texts.AGREEMENT_LOG_COLUMNS["changed_by"]: changes["changed_by"],
        texts.AGREEMENT_LOG_COLUMNS["action"]: changes["action"].map(
            lambda a: texts.AGREEMENT_ACTIONS.get(a, a)),
        texts.AGREEMENT_LOG_COLUMNS["what"]: changes["changes"].map(describe_changes),
    })


def describe_changes(changes: dict[str, list[object]]) -> str:
    """'Status: concept → getekend; Geldig tot: (leeg) → 2026-12-31'."""
    parts = []
    for name, (old, new) in changes.items():
        label = texts.AGREEMENT_FORM_LABELS.get(name, name)
        parts.append(f"{label}: {_shown(old)} → {_shown(new)}")
    return "; ".join(parts)


def white_spot_grid(cells: pd.DataFrame, regions: pd.DataFrame,
                    categories: tuple[Category, ...]) -> pd.DataFrame:
    """Regions × categories: 'witte vlek (n inzetbaar)', 'p% gedekt' or '' (no capacity).

    Rows are the regions (index: region code), columns the category codes, in
    reference order; ``region_name`` is the first column.
    """
    grid = pd.DataFrame(texts.NO_CAPACITY_CELL, index=regions["region_code"].tolist(),
                        columns=[c.code for c in categories])
    for cell in cells.itertuples():
        if cell.category in grid.columns and cell.region_code in grid.index:
            grid.loc[cell.region_code, cell.category] = cell_text(cell.deployable_persons,
                                                                  cell.covered_persons)
    grid.insert(0, "region_name", regions.set_index("region_code")["region_name"]
                .reindex(grid.index).to_numpy())
    return grid


def cell_text(deployable: int, covered: int) -> str:
    """One grid cell: a white spot with its size, else the covered share in percent."""
    if deployable <= 0:
        return texts.NO_CAPACITY_CELL
    if covered <= 0:
        return texts.WHITE_SPOT_CELL.format(inzetbaar=format_number(deployable))
    return texts.COVERED_CELL.format(procent=format_number(100 * covered / deployable))


def white_spots_table(cells: pd.DataFrame) -> pd.DataFrame:
    """Every region × category cell with figures and Dutch headers, for the export."""
    frame = cells.assign(covered_percent=(cells["covered_share"] * 100).round(1),
                         white_spot=cells["white_spot"].map({True: texts.YES, False: texts.NO}))
    columns = ["region_code", "region_name", "category_name", "persons", "deployable_persons",
               "covered_persons", "uncovered_persons", "covered_percent", "white_spot"]
    return frame[columns].rename(columns={**texts.COLUMN_LABELS, **texts.WHITE_SPOTS_COLUMNS})


def uncovered_table(frame: pd.DataFrame, categories: tuple[Category, ...]) -> pd.DataFrame:
    """The uncovered organisations of a cell with Dutch headers."""
    subnames = {s.code: s.name for c in categories for s in c.subcategories}
    view = frame.assign(subcategory=frame["subcategory"].map(lambda s: subnames.get(s, s)))
    return view[["organisation", "subcategory", "persons", "deployable_persons"]].rename(
        columns={**texts.COLUMN_LABELS, **texts.WHITE_SPOTS_COLUMNS})


def expiring_table(soon: pd.DataFrame, names: dict[str, str], today: date) -> pd.DataFrame:
    """Agreements lapsing within the window: who, where, when, in how many days."""
    ends = pd.to_datetime(soon["valid_to"])
    return pd.DataFrame({
        texts.AGREEMENT_FORM_LABELS["agreement_id"]: soon["agreement_id"].to_numpy(),
        texts.AGREEMENT_FORM_LABELS["region_code"]: [region_label(c, names)
                                                     for c in soon["region_code"]],
        texts.AGREEMENT_FORM_LABELS["partner_name"]: soon["partner_name"].to_numpy(),
        texts.AGREEMENT_FORM_LABELS["valid_to"]: ends.map(format_date).to_numpy(),
        texts.EXPIRING_DAYS: (ends - pd.Timestamp(today)).dt.days.to_numpy(),
    })


def map_table(shares: pd.DataFrame) -> pd.DataFrame:
    """The per-region shares in percent (NaN where no deployable capacity is registered)."""
    return shares.assign(covered_percent=shares["covered_share"] * 100)


def expiring_window() -> int:
    """Days ahead in which an ending agreement is flagged."""
    return EXPIRY_WINDOW_DAYS


def issues_frame(errors: list[Issue], warnings: list[Issue]) -> pd.DataFrame:
    """Errors then warnings as a table with Dutch headers (as the capacity upload shows)."""
    return ValidationResult(pd.DataFrame(), errors, warnings).issues_frame()


def form_issues_table(errors: list[Issue], warnings: list[Issue]) -> pd.DataFrame:
    """The problems of a filled-in form: field, value, message and kind (no sheet or row)."""
    columns = texts.ISSUE_COLUMNS
    shown = [columns["column"], columns["value"], columns["message"], columns["kind"]]
    return issues_frame(errors, warnings)[shown].rename(
        columns={columns["column"]: texts.FORM_FIELD})


def _readable(agreements: pd.DataFrame, scopes: pd.DataFrame, names: dict[str, str],
              categories: tuple[Category, ...]) -> pd.DataFrame:
    frame = agreements.copy()
    frame["region_name"] = [region_label(c, names) for c in frame["region_code"]]
    own = scopes.groupby("agreement_id")
    labels = {a: "; ".join(scope_label((c, s if isinstance(s, str) else None), categories)
                           for c, s in zip(g["category"], g["subcategory"], strict=True))
              for a, g in own}
    frame["scopes"] = frame["agreement_id"].map(labels).fillna("")
    for name in ("valid_from", "valid_to"):
        frame[name] = pd.to_datetime(frame[name]).map(format_date)
    return frame


def _shown(value: object) -> str:
    if value is None or value == "" or value == []:
        return texts.AGREEMENT_EMPTY_VALUE
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
