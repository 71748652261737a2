"""Closure measures (a lockdown): which capacity closing a sector frees, counted once.

A measure ("musea gesloten", "scholen gesloten") frees a share of the persons of some
(sub)categories who are not already deployable: ``fraction × (persons − deployable)`` per
capacity row. Those persons were at work in the closed sector; the deployable ones were
available anyway and are counted by the answer itself, so the two never overlap.

Counting once:

- a row freed by several measures (or by a category-wide and a subcategory release) takes
  the highest share, never the sum: a person comes free once;
- the freed persons of a category the question already asks for are only its
  not-deployable part, so nobody is added twice;
- freed persons count in the searched regions, within the horizon and with every
  required power, whichever (sub)categories the question asks for: the measures in force
  name the people who come free.

Reference data: ``reference/maatregelen.toml``; the stored, editable list lives in
``deployment.measure_store``. Nothing here reads or writes storage.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from capaciteit import texts
from capaciteit.capacity.categories import Category
from capaciteit.formatting import format_number

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
FREED_COLUMNS = ["category", "subcategory", "fraction", "measures", "persons"]


@dataclass(frozen=True)
class Release:
    """What a measure frees: a share of a (sub)category's not-deployable persons."""

    category: str
    subcategory: str | None  # None: the whole category
    fraction: float  # 0 < fraction <= 1


@dataclass(frozen=True)
class Measure:
    """A closure measure with the assumption behind its shares, in words."""

    code: str
    name: str
    assumption: str
    releases: tuple[Release, ...]
    position: int = 0
    active: bool = True


@dataclass(frozen=True)
class Freed:
    """The capacity the measures in force free, per (sub)category, and in total."""

    measures: tuple[Measure, ...]
    per_scope: pd.DataFrame  # FREED_COLUMNS, one row per freed (sub)category

    @property
    def persons(self) -> int:
        """Persons freed, each counted once (the sum of the per-(sub)category figures)."""
        return int(self.per_scope["persons"].sum()) if len(self.per_scope) else 0


NOTHING_FREED = Freed((), pd.DataFrame(columns=FREED_COLUMNS))


@cache
def reference_measures() -> tuple[Measure, ...]:
    """The measures in ``reference/maatregelen.toml``, in file order."""
    text = resources.files("capaciteit.reference").joinpath("maatregelen.toml").read_text(
        "utf-8")
    return tuple(
        Measure(code=m["code"], name=m["naam"], assumption=m.get("aanname", ""),
                releases=tuple(Release(r["categorie"], r.get("subcategorie"),
                                       float(r["fractie"])) for r in m["vrij"]),
                position=i)
        for i, m in enumerate(tomllib.loads(text)["maatregel"]))


def measure_problems(measure: Measure, categories: tuple[Category, ...]) -> list[str]:
    """What is wrong with a measure, in Dutch; empty when it can be stored and used."""
    problems = []
    if not CODE_PATTERN.fullmatch(measure.code):
        problems.append(texts.MEASURE_BAD_CODE.format(code=measure.code))
    if not measure.name.strip():
        problems.append(texts.MEASURE_NO_NAME)
    if not measure.assumption.strip():
        problems.append(texts.MEASURE_NO_ASSUMPTION)
    if not measure.releases:
        problems.append(texts.MEASURE_NO_RELEASE)
    known = {c.code: set(c.subcategory_codes()) for c in categories}
    seen: set[tuple[str, str | None]] = set()
    for release in measure.releases:
        scope = (release.category, release.subcategory)
        label = "/".join(s for s in scope if s)
        subcategories = known.get(release.category)
        if subcategories is None or release.subcategory not in {None, *subcategories}:
            problems.append(texts.MEASURE_UNKNOWN_SCOPE.format(scope=label))
        if not (math.isfinite(release.fraction) and 0 < release.fraction <= 1):
            problems.append(texts.MEASURE_BAD_FRACTION.format(scope=label))
        if scope in seen:
            problems.append(texts.MEASURE_TWICE.format(scope=label))
        seen.add(scope)
    return problems


def release_fraction(category: str, subcategory: str, measures: Iterable[Measure]) -> float:
    """The highest share any of ``measures`` frees of one (sub)category (0: none)."""
    return max((r.fraction for m in measures for r in m.releases
                if r.category == category and r.subcategory in (None, subcategory)),
               default=0.0)


def freed_capacity(rows: pd.DataFrame, mask: np.ndarray, measures: Sequence[Measure]) -> Freed:
    """The persons ``measures`` free among the rows ``mask`` selects, counted once.

    ``rows`` has category, subcategory, persons and deployable_persons; ``mask`` says
    which rows fit the question's area, horizon and powers. Per (sub)category the freed
    persons are rounded down (no half persons), and the total is their sum. The share
    is worked out once per distinct (sub)category, so a million rows cost a few sums.

    Examples
    --------
    >>> rows = pd.DataFrame({"category": ["boa"], "subcategory": ["domein-3"],
    ...                      "persons": [10], "deployable_persons": [2]})
    >>> school = Measure("scholen", "Scholen", "80%", (Release("boa", "domein-3", 0.8),))
    >>> freed_capacity(rows, np.array([True]), [school, school]).persons
    6
    """
    if not measures or not len(rows):
        return Freed(tuple(measures), NOTHING_FREED.per_scope)
    category, categories = _codes(rows["category"])
    subcategory, subcategories = _codes(rows["subcategory"])
    pair = category.astype("int64") * len(subcategories) + subcategory
    shares = np.array([release_fraction(c, s, measures)
                       for c in categories for s in subcategories], dtype=float)
    chosen = np.flatnonzero(np.asarray(mask, dtype=bool) & (shares > 0)[pair])
    picked = pair[chosen]
    spare = (rows["persons"].to_numpy(dtype="int64")[chosen]
             - rows["deployable_persons"].to_numpy(dtype="int64")[chosen]).clip(min=0)
    present = np.bincount(picked, minlength=len(shares)) > 0
    freed = np.bincount(picked, weights=spare, minlength=len(shares)) * shares
    found = np.flatnonzero(present)
    if not len(found):
        return Freed(tuple(measures), NOTHING_FREED.per_scope)
    table = pd.DataFrame({
        "category": [categories[i // len(subcategories)] for i in found],
        "subcategory": [subcategories[i % len(subcategories)] for i in found],
        "fraction": shares[found],
        "persons": np.floor(freed[found] + 1e-9).astype("int64")})
    table["measures"] = [", ".join(m.name for m in measures if _frees(m, c, s))
                         for c, s in zip(table["category"], table["subcategory"], strict=True)]
    table = table.sort_values(["persons", "category", "subcategory"],
                              ascending=[False, True, True])
    return Freed(tuple(measures), table[FREED_COLUMNS].reset_index(drop=True))


def measures_in_force(codes: Iterable[str], measures: Iterable[Measure]) -> tuple[Measure, ...]:
    """The measures named by ``codes``, in their own order; ValueError on an unknown code."""
    by_code = {m.code: m for m in measures}
    unknown = sorted(set(codes) - set(by_code))
    if unknown:
        raise ValueError(f"unknown closure measures: {unknown}")
    wanted = set(codes)
    return tuple(m for m in by_code.values() if m.code in wanted)


def freed_sentences(freed: Freed, deployable: int, persons_needed: int,
                    categories: tuple[Category, ...]) -> list[str]:
    """The freed capacity as its own line, what it does to the shortfall, and the assumptions."""
    if not freed.measures:
        return []
    total = freed.persons
    shortfall = max(persons_needed - deployable - total, 0)
    lines = [texts.FREED_LINE.format(
        aantal=format_number(total),
        maatregelen=", ".join(m.name for m in freed.measures),
        samen=format_number(deployable + total),
        gevolg=(texts.FREED_SHORTFALL.format(tekort=format_number(shortfall)) if shortfall
                else texts.FREED_NO_SHORTFALL))]
    names = _scope_names(categories)
    for row in freed.per_scope.itertuples():
        lines.append(texts.FREED_SCOPE_LINE.format(
            scope=names.get((row.category, row.subcategory), f"{row.category}/{row.subcategory}"),
            aantal=format_number(row.persons), aandeel=f"{round(row.fraction * 100)}%",
            maatregelen=row.measures))
    return lines


def assumption_lines(freed: Freed) -> list[str]:
    """One line per measure in force: its name and its assumption."""
    return [texts.FREED_ASSUMPTION.format(naam=m.name, aanname=m.assumption)
            for m in freed.measures] + ([texts.FREED_RULE] if freed.measures else [])


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes and their texts; a categorical column's own codes (fast), missing last."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy(dtype="int64")
        uniques = [str(v) for v in values.cat.categories]
    else:
        codes, found = pd.factorize(values)
        codes, uniques = codes.astype("int64"), [str(v) for v in found]
    return np.where(codes < 0, len(uniques), codes), [*uniques, ""]


def _frees(measure: Measure, category: str, subcategory: str) -> bool:
    return any(r.category == category and r.subcategory in (None, subcategory)
               for r in measure.releases)


def _scope_names(categories: tuple[Category, ...]) -> dict[tuple[str, str], str]:
    return {(c.code, s.code): f"{c.name} – {s.name}" for c in categories for s in c.subcategories}
