"""Bounds on values before they are stored: finite numbers, texts that fit their column.

Numbers must be finite and within the domain's limits (settings); texts within their
column's length and free of control characters.

The one source of truth for text lengths is the ``String(n)`` columns of
``storage.models``: validation asks :func:`column_length`, so the preview refuses what
the database would refuse at publication, on SQLite (which does not enforce lengths)
as on PostgreSQL (which does). A ``Text`` column holds multi-line text (tab and
newline allowed); a ``String(n)`` column holds one line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from numbers import Integral, Real

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Text

from capaciteit import texts
from capaciteit.settings import Settings
from capaciteit.storage.models import (
    Agreement,
    AgreementChange,
    AssistanceEvent,
    AssistanceRequest,
    AuditEvent,
    Base,
    RoleGrant,
    StoredMeasure,
    StoredPreset,
    Submission,
)

# C0 and C1 control characters and DEL, and lone surrogates (not encodable as UTF-8).
SINGLE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# The same, but tab, line feed and carriage return are part of a multi-line text.
MULTI_LINE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# The two above for Arrow's regular expressions (RE2), by multi_line: Arrow's text is UTF-8,
# so it holds no lone surrogate and the range is left out.
ARROW_FORBIDDEN = {multi: pattern.pattern.replace("\\ud800-\\udfff", "") for multi, pattern in
                   ((False, SINGLE_LINE_FORBIDDEN), (True, MULTI_LINE_FORBIDDEN))}
# Every column that records who acted (``User.label``)
ACTOR_COLUMNS: list[tuple[type[Base], str]] = [
    (AuditEvent, "actor"), (Submission, "uploaded_by"), (Agreement, "created_by"),
    (Agreement, "updated_by"), (AgreementChange, "changed_by"), (StoredPreset, "updated_by"),
    (RoleGrant, "granted_by"), (RoleGrant, "revoked_by"), (StoredMeasure, "saved_by"),
    (AssistanceRequest, "created_by"), (AssistanceEvent, "actor")]  # bijstand (issue 14)
MAX_INHABITANTS = 20_000_000  # more than the whole country: no municipality has more
MAX_POSITION = 9_999  # order of a question preset in the list


def _setting_default(name: str) -> object:
    return Settings.model_fields[name].default


@dataclass(frozen=True)
class Bounds:
    """The domain's limits on numbers, from the settings (``CAPACITEIT_MAX_…``)."""

    max_persons: int = _setting_default("max_persons")  # type: ignore[assignment]
    fte_per_person: float = _setting_default("max_fte_per_person")  # type: ignore[assignment]
    max_lead_time_hours: int = _setting_default("max_lead_time_hours")  # type: ignore[assignment]
    max_compensation_eur: float = _setting_default(  # type: ignore[assignment]
        "max_compensation_euro")

    @classmethod
    def from_settings(cls, settings: Settings) -> Bounds:
        """The bounds in force."""
        return cls(settings.max_persons, settings.max_fte_per_person,
                   settings.max_lead_time_hours, settings.max_compensation_euro)


def column_length(model: type[Base], column: str) -> int | None:
    """The most characters ``model.column`` holds (``String(n)``); None when unbounded.

    Examples
    --------
    >>> from capaciteit.storage.models import CapacityRecord
    >>> column_length(CapacityRecord, "organisation"), column_length(CapacityRecord, "note")
    (255, None)
    """
    return getattr(model.__table__.c[column].type, "length", None)


def is_multi_line(model: type[Base], column: str) -> bool:
    """Whether ``model.column`` is a ``Text`` column, meant for text over several lines."""
    return isinstance(model.__table__.c[column].type, Text)


def text_problem(value: str, limit: int | None, *, multi_line: bool = False) -> str | None:
    r"""Why ``value`` cannot be stored (Dutch), or None: a control character, or too long.

    Examples
    --------
    >>> text_problem("Gemeente Amsterdam", 255) is None
    True
    >>> text_problem("a\x00b", 255)
    'bevat een stuurteken (U+0000) dat niet kan worden opgeslagen; verwijder het'
    >>> text_problem("x" * 70, 64)
    'is 70 tekens; de grens is 64'
    """
    found = (MULTI_LINE_FORBIDDEN if multi_line else SINGLE_LINE_FORBIDDEN).search(value)
    if found:
        return texts.VALUE_CONTROL_CHARACTER.format(teken=f"U+{ord(found.group()):04X}")
    if limit is not None and len(value) > limit:
        return texts.VALUE_TOO_LONG.format(lengte=len(value), max=limit)
    return None


def column_text_problem(model: type[Base], column: str, value: str) -> str | None:
    """Why ``value`` cannot be stored in ``model.column`` (Dutch), or None."""
    return text_problem(value, column_length(model, column),
                        multi_line=is_multi_line(model, column))


def forbidden_characters(values: pd.Series, *, multi_line: bool = False) -> pd.Series:
    """True where a text holds a control character (vectorised :func:`text_problem`)."""
    pattern = MULTI_LINE_FORBIDDEN if multi_line else SINGLE_LINE_FORBIDDEN
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        # Arrow's text is UTF-8, so it holds no lone surrogate: the control characters, by RE2
        found = pc.match_substring_regex(pa.array(values.array), ARROW_FORBIDDEN[multi_line])
        return pd.Series(found.fill_null(False).to_numpy(zero_copy_only=False),
                         index=values.index, dtype=bool)
    present = values.dropna().to_numpy(dtype=object)  # not per element out of Arrow: slow
    if not pattern.search("".join(map(str, present))):  # the usual case: one C-level scan
        return pd.Series(False, index=values.index)
    return values.map(lambda v: isinstance(v, str) and bool(pattern.search(v))).astype(bool)


def is_finite_number(value: object) -> bool:
    """True for a real number (numpy's too) that is neither NaN nor infinite; bool is none.

    Examples
    --------
    >>> [is_finite_number(v) for v in (3, 2.5, float("inf"), float("nan"), True, "3")]
    [True, True, False, False, False, False]
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        return False
    return isinstance(value, Integral) or math.isfinite(value)


def actor_problem(label: str) -> str | None:
    """Why the name of whoever acts cannot be recorded with a write (Dutch), or None.

    Every write records its actor in the audit trail and in the row it writes; the
    shortest of those columns decides.
    """
    limit = min(column_length(model, column) or 0 for model, column in ACTOR_COLUMNS)
    problem = text_problem(label, limit)
    return texts.ACTOR_REFUSED.format(reden=problem) if problem else None
