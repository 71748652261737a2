"""Categories and subcategories of enforcement capacity, read from reference data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from capaciteit import texts


@dataclass(frozen=True)
class Subcategory:
    """A subcategory, such as boa domein IV."""

    code: str
    name: str


@dataclass(frozen=True)
class Category:
    """A main category; every person is counted once, in one of these."""

    code: str
    name: str
    description: str
    subcategories: tuple[Subcategory, ...]

    def subcategory_codes(self) -> list[str]:
        """Codes of this category's subcategories, in reference order."""
        return [s.code for s in self.subcategories]


@dataclass(frozen=True)
class Horizon:
    """A 'deployable within' horizon in hours."""

    hours: int
    name: str


def load_categories(path: Path | None = None) -> tuple[Category, ...]:
    """Read categories from a TOML file, or the built-in reference data."""
    text = path.read_text("utf-8") if path else _reference_text("categorieen.toml")
    data = tomllib.loads(text)
    categories = tuple(
        Category(
            code=c["code"],
            name=c["naam"],
            description=c.get("omschrijving", ""),
            subcategories=tuple(Subcategory(s["code"], s["naam"]) for s in c["subcategorieen"]),
        )
        for c in data["categorie"]
    )
    _check_unique(categories)
    return categories


@cache
def default_categories() -> tuple[Category, ...]:
    """The built-in categories (cached)."""
    return load_categories()


@cache
def horizons() -> tuple[Horizon, ...]:
    """The allowed deployability horizons, shortest first."""
    data = tomllib.loads(_reference_text("inzetbaarheid.toml"))
    return tuple(sorted((Horizon(h["uren"], h["naam"]) for h in data["horizon"]),
                        key=lambda h: h.hours))


def categories_frame(categories: tuple[Category, ...]) -> pd.DataFrame:
    """One row per subcategory with category and subcategory codes and names."""
    rows = [
        {
            "category": c.code,
            "category_name": c.name,
            "subcategory": s.code,
            "subcategory_name": s.name,
        }
        for c in categories
        for s in c.subcategories
    ]
    return pd.DataFrame(rows, columns=["category", "category_name", "subcategory",
                                       "subcategory_name"])


def category_names(categories: tuple[Category, ...]) -> dict[str, str]:
    """Map category code to display name."""
    return {c.code: c.name for c in categories}


SUBCATEGORY_SEPARATOR = "/"
SUBCATEGORY_INDENT = "\u2003\u2003"  # em spaces: kept by the browser, so the list reads as a tree


def category_choices(categories: tuple[Category, ...]) -> dict[str, str]:
    """Every category and, indented below it, its subcategories: key to display text.

    Keys are ``boa`` for a category and ``boa/domein-4`` for a subcategory (see
    ``aggregation.filter_category``). A category whose only subcategory is itself
    (vrijwillige politie) is listed once.
    """
    choices: dict[str, str] = {}
    for category in categories:
        choices[category.code] = category.name
        if len(category.subcategories) > 1:
            for sub in category.subcategories:
                key = f"{category.code}{SUBCATEGORY_SEPARATOR}{sub.code}"
                choices[key] = f"{SUBCATEGORY_INDENT}{sub.name}"
    return choices


def _reference_text(name: str) -> str:
    return resources.files("capaciteit.reference").joinpath(name).read_text("utf-8")


def _check_unique(categories: tuple[Category, ...]) -> None:
    codes = [c.code for c in categories]
    subcodes = [s.code for c in categories for s in c.subcategories]
    for kind, values in (("category", codes), ("subcategory", subcodes)):
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise ValueError(texts.CATEGORIES_DUPLICATE_CODES.format(
                soort=texts.CATEGORY_KINDS[kind], codes=", ".join(duplicates)))


@dataclass(frozen=True)
class Power:
    """A power or task (bevoegdheid) people can bring."""

    code: str
    name: str
    categories: tuple[str, ...]


@cache
def powers() -> tuple[Power, ...]:
    """The reference list of powers and tasks."""
    data = tomllib.loads(_reference_text("bevoegdheden.toml"))
    return tuple(Power(p["code"], p["naam"], tuple(p.get("categorieen", ())))
                 for p in data["bevoegdheid"])
