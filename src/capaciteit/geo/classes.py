"""Colour classes of a choropleth: the palette, class breaks, classes and legend labels.

Values are classed as they are shown: rounded to the decimals of their measure
(persons whole, rates and FTE to one decimal). Class ``i`` holds the shown values
from ``breaks[i]`` up to, not including, ``breaks[i+1]`` (the last one includes its
upper bound), so the legend can name each class by its lowest and highest shown
value and no two classes overlap: ``598 – 999``, ``1.000 – 1.399``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from capaciteit import texts
from capaciteit.formatting import format_number


@dataclass(frozen=True)
class Palette:
    """Colour classes for choropleths, read from reference data."""

    colours: tuple[str, ...]
    no_data: str
    border: str


@cache
def palette() -> Palette:
    """The reference palette (sequential, colour-blind safe)."""
    text = resources.files("capaciteit.reference").joinpath("kleurklassen.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Palette(tuple(data["kleuren"]), data["geen_gegevens"], data["rand"])


def shown_values(values: pd.Series, decimals: int) -> pd.Series:
    """The values as the map shows them: rounded to ``decimals`` (missing stays missing)."""
    return values.astype(float).round(decimals)


def class_breaks(values: pd.Series, n_classes: int, decimals: int | None = None) -> list[float]:
    """Quantile class breaks rounded to two significant digits, lowest to highest.

    Returns ``[min, b1, ..., max]``: class ``i`` holds values in
    ``[breaks[i], breaks[i+1])`` (the last class includes its upper bound).
    Missing values are ignored; fewer distinct values give fewer classes. With
    ``decimals``, the values are first rounded as shown and every inner break is
    raised to the next shown value, so each class starts at a value one can see.
    """
    present = values.dropna().astype(float)
    if decimals is not None:
        present = present.round(decimals)
    if present.empty:
        return []
    low, high = float(present.min()), float(present.max())
    if low == high:
        return [low, high]
    distinct = np.unique(present)
    if len(distinct) <= n_classes:  # one class per value: break midway, rounded if it fits
        mids = [(float(a) + float(b)) / 2 for a, b in zip(distinct[:-1], distinct[1:], strict=True)]
        inner = [_round_nice(m) if a < _round_nice(m) < b else m
                 for m, a, b in zip(mids, distinct[:-1], distinct[1:], strict=True)]
    else:
        quantiles = np.quantile(present, np.linspace(0, 1, n_classes + 1))[1:-1]
        inner = sorted({_round_nice(q) for q in quantiles if low < _round_nice(q) < high})
    if decimals is not None:
        inner = sorted({_ceil_to(b, decimals) for b in inner})
    return [low, *inner, high]


def assign_classes(values: pd.Series, breaks: Sequence[float]) -> pd.Series:
    """Class index per value (0-based); -1 where the value is missing."""
    inner = np.asarray(breaks[1:-1], dtype=float)
    classes = np.searchsorted(inner, values.to_numpy(dtype=float, na_value=np.nan),
                              side="right")
    return pd.Series(np.where(values.isna(), -1, classes), index=values.index, dtype="int64")


def legend_entries(breaks: Sequence[float], decimals: int) -> list[tuple[str, str]]:
    """(colour, label) per class, plus the grey 'geen gegevens' entry.

    A class is named by its lowest and highest shown value (one step of the last
    decimal below the next break), so labels never overlap; a class of one value
    is named by that value.
    """
    colours = palette().colours
    step = 10.0 ** -decimals
    n_classes = max(len(breaks) - 1, 0)
    entries = []
    for i in range(n_classes):
        low = breaks[i]
        high = breaks[i + 1] if i == n_classes - 1 else round(breaks[i + 1] - step, decimals)
        high = max(high, low)
        label = (format_number(low, decimals) if format_number(low, decimals)
                 == format_number(high, decimals)
                 else f"{format_number(low, decimals)} – {format_number(high, decimals)}")
        entries.append((colours[colour_index(i, n_classes)], label))
    entries.append((palette().no_data, texts.NO_DATA))
    return entries


def class_colours(classes: pd.Series, n_classes: int) -> list[str]:
    """The fill colour per class index (grey for -1, no data)."""
    return [palette().no_data if c < 0 else palette().colours[colour_index(int(c), n_classes)]
            for c in classes]


def colour_index(class_index: int, n_classes: int) -> int:
    """Spread fewer classes over the full palette, so one class is not always the palest."""
    n_colours = len(palette().colours)
    if n_classes <= 1:
        return n_colours // 2
    return round(class_index * (n_colours - 1) / (n_classes - 1))


def _round_nice(value: float) -> float:
    if value == 0:
        return 0.0
    digits = 1 - int(math.floor(math.log10(abs(value))))
    return float(round(value, digits))


def _ceil_to(value: float, decimals: int) -> float:
    """The smallest multiple of 10**-decimals at or above ``value`` (float noise ignored)."""
    scaled = round(value * 10**decimals, 9)
    return round(math.ceil(scaled) / 10**decimals, decimals)
