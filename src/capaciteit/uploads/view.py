"""Pure helpers for the upload page: tables of issues, previews and history in Dutch."""

from __future__ import annotations

import pandas as pd

from capaciteit import texts
from capaciteit.capacity.categories import Category, category_names
from capaciteit.capacity.presentation import labelled
from capaciteit.formatting import format_datetime, format_number, format_short_date
from capaciteit.uploads.publishing import Diff

RECORD_VIEW = ["gemeente_code", "organisation", "category", "subcategory", "persons", "fte",
               "deployable_persons", "deployable_within_hours", "peildatum"]


def records_view(records: pd.DataFrame, categories: tuple[Category, ...],
                 municipalities: pd.DataFrame) -> pd.DataFrame:
    """Records with names instead of codes and Dutch headers, for previews."""
    names = category_names(categories)
    subnames = {s.code: s.name for c in categories for s in c.subcategories}
    places = dict(zip(municipalities["gemeente_code"], municipalities["gemeente_name"],
                      strict=True))
    view = records.reset_index(drop=True).copy()
    view["gemeente_code"] = [places.get(c, c) if isinstance(c, str) and c else texts.REGIONWIDE
                             for c in view["gemeente_code"]]
    view["category"] = view["category"].map(lambda c: names.get(c, c))
    view["subcategory"] = view["subcategory"].map(lambda c: subnames.get(c, c))
    view["peildatum"] = pd.to_datetime(view["peildatum"]).dt.date
    return labelled(view, RECORD_VIEW, texts.RECORD_COLUMNS)


def totals_view(diff: Diff, categories: tuple[Category, ...],
                labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Per category: persons in the current version and in the new one (or a restored one)."""
    names = category_names(categories)
    return pd.DataFrame({
        "category": [names.get(c, c) for c in diff.totals["category"]],
        "before": diff.totals["before"].to_numpy(),
        "after": diff.totals["after"].to_numpy(),
        "difference": (diff.totals["after"] - diff.totals["before"]).to_numpy(),
    }).rename(columns=labels or texts.TOTALS_COLUMNS)


def history_view(history: pd.DataFrame) -> pd.DataFrame:
    """A region's versions with Dutch headers, newest first; a restore names its source.

    A restore reads "herstel van versie 3 (12-03-2026, bestand.xlsx)".
    """
    return pd.DataFrame({
        "version": history["version"],
        "is_current": history["is_current"].map({True: texts.CURRENT_MARK, False: ""}),
        "kind": kind_labels(history),
        "uploaded_by": history["uploaded_by"],
        "uploaded_at": history["uploaded_at"].map(format_datetime),
        "filename": history["filename"],
        "row_count": history["row_count"],
        "warnings_accepted": history["warnings_accepted"].map(
            lambda w: len(w) if isinstance(w, list) else 0),
    }).rename(columns=texts.HISTORY_COLUMNS)


def kind_labels(history: pd.DataFrame) -> list[str]:
    """What each version is; a restore names the version it came from, its date and file."""
    by_id = history.set_index("submission_id")
    labels = []
    for kind, source in zip(history["kind"], history["restored_from_id"], strict=True):
        if kind == "herstel" and pd.notna(source) and int(source) in by_id.index:
            origin = by_id.loc[int(source)]
            labels.append(texts.KIND_RESTORED_FROM.format(
                versie=origin["version"], datum=format_short_date(origin["uploaded_at"]),
                bestand=origin["filename"] or texts.NO_FILENAME))
        else:
            labels.append(texts.KIND_LABELS.get(kind, kind))
    return labels


def version_option(history: pd.DataFrame, version: int) -> str:
    """One version in the restore picker: number, moment, file, uploader and rows."""
    kinds = dict(zip(history["version"], kind_labels(history), strict=True))
    row = history[history["version"] == version].iloc[0]
    return texts.RESTORE_OPTION.format(
        versie=version, tijdstip=format_datetime(row["uploaded_at"]),
        bestand=row["filename"] or texts.NO_FILENAME, door=row["uploaded_by"],
        regels=format_number(row["row_count"]), soort=kinds[version])
