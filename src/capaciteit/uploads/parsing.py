"""Cell parsing shared by every import: numbers, dates, municipality and category lookups."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from capaciteit.capacity.categories import Category
from capaciteit.names import name_key

_GEMEENTE_PREFIX = re.compile(r"^\s*gemeente\s+", re.IGNORECASE)
MINUS = "\u2212"
PLAIN = r"-?[0-9]+(\.[0-9]+)?"  # 80, 80.5: read directly (ASCII digits only)
THOUSANDS_DOTS = r"-?[0-9]{1,3}(\.[0-9]{3})+"  # 1.500, 1.234.567: Dutch thousands
SPACE_LIKE = re.compile(r"[\u00a0\u2007\u2009\u202f]")  # no-break and thin spaces
NUMBER = re.compile(rf"(?P<sign>[+\-{MINUS}]?)(?P<body>[0-9][0-9 .,]*|[.,][0-9]+)"
                    r"(?:[eE](?P<exponent>[+-]?[0-9]{1,4}))?")
SIMPLE = re.compile(r"[0-9]*[.,]?[0-9]+")  # no thousands separator
DIGITS = re.compile(r"[0-9]+")
DECIMAL_ONLY = re.compile(r"[0-9]*[.,][0-9]+")


def map_distinct(values: pd.Series, function: Callable[[object], str | None]) -> pd.Series:
    """Apply ``function`` once per distinct non-empty value; empty cells give None.

    A sheet repeats few values: each is looked up once, and spread by its code.
    """
    codes, distinct = pd.factorize(values)  # empty: -1, the None appended below
    mapped = np.array([*(function(value) for value in distinct), None], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def map_distinct_pairs(first: pd.Series, second: pd.Series,
                       function: Callable[[object, object], str | None]) -> pd.Series:
    """Apply ``function`` once per distinct pair of values (None for an empty cell)."""
    first_codes, first_values = pd.factorize(first)
    second_codes, second_values = pd.factorize(second)
    width = len(second_values) + 1
    pairs, inverse = np.unique((first_codes + 1) * width + second_codes + 1, return_inverse=True)
    firsts = [None, *first_values]
    seconds = [None, *second_values]
    mapped = np.array([function(firsts[pair // width], seconds[pair % width])
                       for pair in pairs.tolist()], dtype=object)
    return pd.Series(mapped[inverse], index=first.index, dtype=object)


def parse_numbers(values: pd.Series) -> pd.Series:
    """Numbers as people write them (:func:`parse_number`); others <NA>, never NaN or inf."""
    text = values.astype("string").str.strip()
    plain = text.str.fullmatch(PLAIN).fillna(False) & \
        ~text.str.fullmatch(THOUSANDS_DOTS).fillna(False)
    numbers = _plain_numbers(text.where(plain))
    rest = text[~plain & text.notna()]  # usually none: only these are untangled one by one
    if not rest.empty:
        mapping = {value: parse_number(value) for value in rest.unique()}
        numbers.loc[rest.index] = rest.map(mapping).astype("Float64")
    finite = numbers.notna() & numbers.abs().lt(math.inf).fillna(False)
    return (numbers.where(finite) + 0.0).astype("Float64")  # + 0.0: -0 is 0


def _plain_numbers(text: pd.Series) -> pd.Series:
    """Texts such as 80 and -80.5 as numbers, <NA> elsewhere.

    Arrow's correctly rounded parse, or pandas' for what Arrow declines (hundreds of digits).
    """
    try:
        parsed = pc.cast(pa.array(text.array, type=pa.large_string()), pa.float64())
    except pa.ArrowInvalid:
        return pd.to_numeric(text, errors="coerce").astype("Float64")
    return pd.Series(pd.array(parsed, dtype="Float64"), index=text.index)


def parse_number(text: str) -> float | None:
    """One number as people write it, or None when it is no number or could be misread.

    Only the digits 0-9. A sign (+, -, −) and an exponent (1e3, 1,5E-2) may be
    written. One separator alone: a comma is the decimal comma (1,5 and 1,234 are
    below 2); a dot is the decimal point (1.5) unless it separates thousands in
    groups of three (1.500 and 1.234.567 are whole numbers, as in Dutch); repeated
    commas or spaces (also no-break spaces) separate thousands. Both a dot and a comma:
    the last one is the decimal separator, and the other must separate thousands in
    groups of three (1.234,5 and 1,234.5 are both 1234.5; 1,2.5 is refused).
    Infinity, NaN and numbers beyond a float are refused. See docs/decisions.md.

    Examples
    --------
    >>> [parse_number(t) for t in ("1,5", "1.500", "1,234.5", "1.234,5", "1 234", "٣", "inf")]
    [1.5, 1500.0, 1234.5, 1234.5, 1234.0, None, None]
    """
    match = NUMBER.fullmatch(SPACE_LIKE.sub(" ", text.strip()))
    if match is None:
        return None
    body = match["body"]
    if match["exponent"] is not None and not SIMPLE.fullmatch(body):
        return None  # 1.234,5e3: thousands separators and an exponent are no number
    normalised = _normalised(body)
    if normalised is None:
        return None
    sign = "-" if match["sign"] in ("-", MINUS) else ""
    value = float(f"{sign}{normalised}e{match['exponent'] or 0}")
    return value + 0.0 if math.isfinite(value) else None


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


def _normalised(body: str) -> str | None:
    """A number's body without thousands separators and with a decimal point, or None."""
    if DIGITS.fullmatch(body):
        return body
    marks = [c for c in body if c in ".,"]
    if " " not in body and len(marks) == 1:
        if marks == ["."] and re.fullmatch(r"[0-9]{1,3}\.[0-9]{3}", body):
            return body.replace(".", "")  # 1.500: a Dutch thousands dot
        return body.replace(",", ".") if DECIMAL_ONLY.fullmatch(body) else None
    decimal = ""
    if marks and (len(set(marks)) == 2 or " " in body):  # the last mark is the decimal one
        body, decimal = body[:body.rindex(marks[-1])], "." + body[body.rindex(marks[-1]) + 1:]
        if not DIGITS.fullmatch(decimal[1:]):
            return None
    separators = set(re.sub(r"[0-9]", "", body))
    if len(separators) != 1:
        return None
    group = re.escape(separators.pop())
    if not re.fullmatch(rf"[0-9]{{1,3}}({group}[0-9]{{3}})+", body):
        return None
    return re.sub(r"[^0-9]", "", body) + decimal


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
