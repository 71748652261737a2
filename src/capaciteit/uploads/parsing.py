"""Cell parsing shared by every import: numbers, dates, municipality and category lookups."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources

import pandas as pd

from capaciteit.capacity.categories import Category
from capaciteit.names import name_key

_GEMEENTE_PREFIX = re.compile(r"^\s*gemeente\s+", re.IGNORECASE)


def map_distinct(values: pd.Series, function: Callable[[object], str | None]) -> pd.Series:
    """Apply ``function`` once per distinct non-empty value (a sheet repeats few values)."""
    present = values.dropna()
    mapping = {value: function(value) for value in present.unique()}
    return values.map(mapping).astype(object).where(values.notna(), None)


def parse_numbers(values: pd.Series) -> pd.Series:
    """Numbers written as 80, 80.0, 1,5, 1.234 (thousands) or 1.234,5; others <NA>."""
    direct = pd.to_numeric(values, errors="coerce")
    plain = values.str.fullmatch(r"-?\d+(\.\d+)?").fillna(False) & \
        ~values.str.fullmatch(r"-?\d{1,3}(\.\d{3})+").fillna(False)
    if bool((plain | values.isna()).all()):  # the usual case: nothing Dutch to untangle
        return direct.astype("Float64")
    text = values.astype("string").str.replace(r"\s", "", regex=True)
    both = text.str.contains(",", regex=False) & text.str.contains(".", regex=False)
    thousands_dot = text.str.fullmatch(r"-?\d{1,3}(\.\d{3})+") & ~both
    normalised = text.where(~both, text.str.replace(".", "", regex=False))
    normalised = normalised.where(~thousands_dot.fillna(False),
                                  normalised.str.replace(".", "", regex=False))
    normalised = normalised.str.replace(",", ".", regex=False)
    return pd.to_numeric(normalised, errors="coerce").astype("Float64")


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates as jjjj-mm-dd (also with a time), dd-mm-jjjj or dd/mm/jjjj; others NaT."""
    text = values.astype("string").str.strip()
    result = pd.to_datetime(text.where(text.str.match(r"^\d{4}-\d{2}-\d{2}")).str[:10],
                            format="%Y-%m-%d", errors="coerce")
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        missing = result.isna() & text.notna()
        if not missing.any():
            break
        result = result.fillna(pd.to_datetime(text.where(missing), format=pattern,
                                              errors="coerce"))
    return result.where(result.dt.year > 0)  # numpy knows a year 0; Python's date does not


def municipality_lookup(municipalities: pd.DataFrame) -> Callable[[object], str | None]:
    """A function from a code (GM0363, 0363, 363) or a name to the CBS code."""
    codes = set(municipalities["gemeente_code"])
    by_name = {_municipality_key(n): c for n, c in zip(municipalities["gemeente_name"],
                                          municipalities["gemeente_code"], strict=True)}
    aliases = _municipality_aliases()
    by_name.update({_municipality_key(n): c for n, c in aliases.items() if c in codes})

    def lookup(value: object) -> str | None:
        if value is None or pd.isna(value):  # type: ignore[call-overload]
            return None
        text = str(value).strip()
        match = re.fullmatch(r"(?i)(?:GM)?\s*(\d{1,4})(?:\.0)?", text)
        if match:
            code = f"GM{int(match.group(1)):04d}"
            return code if code in codes else None
        return by_name.get(_municipality_key(text))

    return lookup


def category_lookups(categories: tuple[Category, ...]) -> tuple[
        dict[str, str], dict[tuple[str, str], str]]:
    """Lookups by normalised code or name: category, and (category, subcategory)."""
    by_category = {}
    by_sub = {}
    for category in categories:
        by_category[name_key(category.code)] = category.code
        by_category[name_key(category.name)] = category.code
        for sub in category.subcategories:
            by_sub[(category.code, name_key(sub.code))] = sub.code
            by_sub[(category.code, name_key(sub.name))] = sub.code
    return by_category, by_sub


def _municipality_key(value: object) -> str:
    """``name_key`` without a leading "gemeente " ("Gemeente Utrecht" is Utrecht)."""
    if not name_key(value):
        return ""
    return name_key(_GEMEENTE_PREFIX.sub("", str(value)))


@cache
def _municipality_aliases() -> dict[str, str]:
    text = resources.files("capaciteit.reference").joinpath("gemeentenamen.toml").read_text(
        "utf-8")
    return dict(tomllib.loads(text)["aliassen"])
