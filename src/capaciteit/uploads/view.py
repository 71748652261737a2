"""Pure helpers for the upload page: tables of issues, previews and history in Dutch."""

from __future__ import annotations

import pandas as pd

from capaciteit import texts
from capaciteit.capacity.categories import Category, category_names
from capaciteit.capacity.presentation import labelled
from capaciteit.formatting import format_datetime
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


def totals_view(diff: Diff, categories: tuple[Category, ...]) -> pd.DataFrame:
    """Per category: persons in the current version and in the new one."""
    names = category_names(categories)
    return pd.DataFrame({
        "category": [names.get(c, c) for c in diff.totals["category"]],
        "before": diff.totals["before"].to_numpy(),
        "after": diff.totals["after"].to_numpy(),
        "difference": (diff.totals["after"] - diff.totals["before"]).to_numpy(),
    }).rename(columns=texts.TOTALS_COLUMNS)


def history_view(history: pd.DataFrame) -> pd.DataFrame:
    """A region's versions with Dutch headers, newest first."""
    return pd.DataFrame({
        "version": history["version"],
        "is_current": history["is_current"].map({True: texts.CURRENT_MARK, False: ""}),
        "kind": history["kind"].map(texts.KIND_LABELS),
        "uploaded_by": history["uploaded_by"],
        "uploaded_at": history["uploaded_at"].map(format_datetime),
        "filename": history["filename"],
        "row_count": history["row_count"],
        "warnings_accepted": history["warnings_accepted"].map(
            lambda w: len(w) if isinstance(w, list) else 0),
    }).rename(columns=texts.HISTORY_COLUMNS)
