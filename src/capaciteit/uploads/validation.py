"""Validating an uploaded sheet: all problems in one pass, with row, column, value and Dutch text.

Values are first parsed column by column (vectorised); then one pandera schema
with a named check per rule evaluates all rules lazily. Each failure becomes an
``Issue`` whose message comes from ``texts.VALIDATION``. Warnings (large
changes, old peildata) are computed against the region's current version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
import pandera.pandas as pa

from capaciteit import texts
from capaciteit.bounds import Bounds, column_length, column_text_problem, forbidden_characters
from capaciteit.capacity.categories import Category, horizons
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.formatting import format_date, format_number
from capaciteit.names import name_key
from capaciteit.storage.models import CapacityRecord
from capaciteit.uploads.collection import collector_paused
from capaciteit.uploads.parsing import (
    category_lookups,
    map_distinct,
    map_distinct_pairs,
    municipality_lookup,
    parse_dates,
    parse_numbers,
)
from capaciteit.uploads.reader import Sheet

FUTURE_DAYS = 31


OLD_DAYS = 365


CHANGE_WARNING = 0.5


DUPLICATE_KEY = ["organisation", "category", "subcategory", "gemeente_code"]


# Free-text columns of the sheet and the record column each is stored in (lengths from there)
TEXT_COLUMNS = {"organisatie": "organisation", "organisatie_id": "organisation_id",
                "bevoegdheden": "powers", "opmerking": "note"}


@dataclass(frozen=True)
class Issue:
    """One problem found in a sheet."""

    sheet: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def text(self) -> str:
        """'Rij 14, inzetbaar_personen: 120 is meer dan aantal_personen (80)'."""
        where = [texts.ISSUE_ROW.format(rij=self.row) if self.row is not None else "",
                 self.column or ""]
        prefix = ", ".join(w for w in where if w)
        return f"{prefix}: {self.message}" if prefix else self.message


@dataclass
class ValidationResult:
    """The records a sheet yields, with its errors and warnings."""

    records: pd.DataFrame
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        """True when there are no errors (warnings need confirmation)."""
        return not self.errors

    def issues_frame(self) -> pd.DataFrame:
        """Errors then warnings as a table with Dutch headers."""
        kinds = texts.ISSUE_KINDS
        rows = [(i.sheet, i.row, i.column, i.value, i.message, kind)
                for kind, issues in ((kinds["error"], self.errors),
                                     (kinds["warning"], self.warnings))
                for i in issues]
        return pd.DataFrame(rows, columns=list(texts.ISSUE_COLUMNS.values()))


@dataclass(frozen=True)
class Context:
    """What a sheet is judged against."""

    region_code: str
    region_name: str
    municipalities: pd.DataFrame  # gemeente_code, gemeente_name, region_code
    categories: tuple[Category, ...]
    today: date
    current: pd.DataFrame | None = None  # the region's current records, for warnings
    region_names: dict[str, str] = field(default_factory=dict)
    bounds: Bounds = Bounds()


def validate_sheet(sheet: Sheet, ctx: Context) -> ValidationResult:
    """Judge every row of ``sheet``; return records (when valid), errors and warnings."""
    with collector_paused():  # see uploads.collection
        return _validate(sheet, ctx)


def _validate(sheet: Sheet, ctx: Context) -> ValidationResult:
    errors = [Issue(sheet.sheet_name, None, column, None,
                    texts.VALIDATION["kolom_ontbreekt"].format(kolom=column))
              for column in sheet.missing_columns]
    notes = _notes(sheet)
    if sheet.frame.empty:
        errors.append(Issue(sheet.sheet_name, None, None, None, texts.VALIDATION["geen_regels"]))
        return ValidationResult(_empty_records(), errors, [], notes)
    typed = parse_values(sheet.frame, ctx)
    errors += _run_rules(typed, sheet, ctx)
    errors.sort(key=lambda i: (i.row or 0, _column_order(i.column)))
    if errors:
        return ValidationResult(_empty_records(), errors, [], notes)
    records = _records(typed)
    return ValidationResult(records, [], warnings(records, ctx, sheet.sheet_name), notes)


def parse_values(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Typed columns next to the raw text, vectorised; unparseable values become <NA>."""
    typed = pd.DataFrame(index=frame.index)
    for header in frame.columns:
        typed[f"raw_{header}"] = frame[header]
    typed["region_code"] = frame["regio"].str.upper().fillna(ctx.region_code)
    typed["gemeente_code"] = map_distinct(frame["gemeente"],
                                           municipality_lookup(ctx.municipalities))
    region_of = dict(zip(ctx.municipalities["gemeente_code"], ctx.municipalities["region_code"],
                         strict=True))
    typed["gemeente_region"] = map_distinct(typed["gemeente_code"], region_of.get)
    typed["organisation"] = frame["organisatie"]
    typed["organisation_id"] = frame["organisatie_id"]
    categories, subcategories = category_lookups(ctx.categories)
    typed["category"] = map_distinct(frame["categorie"], lambda v: categories.get(name_key(v)))
    typed["subcategory"] = map_distinct_pairs(
        typed["category"], frame["subcategorie"], lambda category, sub: (
            subcategories.get((category, name_key(sub))) if isinstance(category, str) else None))
    for header, name in (("aantal_personen", "persons"), ("fte", "fte"),
                         ("inzetbaar_personen", "deployable_persons"),
                         ("inzetbaar_binnen_uur", "deployable_within_hours")):
        typed[name] = parse_numbers(frame[header])
    typed["peildatum"] = parse_dates(frame["peildatum"])
    typed["powers"] = frame["bevoegdheden"].fillna("")
    typed["note"] = frame["opmerking"].fillna("")
    return typed


def warnings(records: pd.DataFrame, ctx: Context, sheet: str) -> list[Issue]:
    """Publishable after confirmation: big changes per category, old peildata."""
    found = []
    if ctx.current is not None and not ctx.current.empty:
        before = ctx.current.groupby("category")["persons"].sum()
        after = records.groupby("category")["persons"].sum()
        for category in sorted(set(before.index) | set(after.index)):
            old, new = int(before.get(category, 0)), int(after.get(category, 0))
            change = abs(new - old) / old if old else (1.0 if new else 0.0)
            if change > CHANGE_WARNING:
                found.append(Issue(sheet, None, "categorie", category,
                                   texts.VALIDATION["grote_wijziging"].format(
                                       categorie=_category_name(ctx, category),
                                       oud=format_number(old), nieuw=format_number(new),
                                       procent=round(change * 100) if old else "∞")))
    limit = pd.Timestamp(ctx.today - timedelta(days=OLD_DAYS))
    old_rows = records.index[records["peildatum"] < limit]
    if len(old_rows):
        oldest = records["peildatum"].min()
        found.append(Issue(sheet, int(old_rows[0]), "peildatum", format_date(oldest),
                           texts.VALIDATION["oude_peildatum"].format(
                               aantal=len(old_rows), oudste=format_date(oldest))))
    return found


@dataclass(frozen=True)
class Rule:
    """A named check on the typed frame: True where the row is fine."""

    name: str
    column: str
    value_of: str
    check: Callable[[pd.DataFrame, Context], pd.Series]
    describe: Callable[[str], str | None] | None = None  # the message, when not a template


def rules() -> list[Rule]:
    """Every error rule, in the order they are reported within a row."""
    hours = [h.hours for h in horizons()]

    def present(col: str) -> Callable[[pd.DataFrame, Context], pd.Series]:
        return lambda d, _c: d[f"raw_{col}"].notna()

    def parsed_or_blank(col: str, typed: str) -> Callable[[pd.DataFrame, Context], pd.Series]:
        return lambda d, _c: d[f"raw_{col}"].isna() | d[typed].notna()

    def number_rule(name: str, col: str, typed: str,
                    test: Callable[[pd.Series, pd.DataFrame], pd.Series]) -> Rule:
        return Rule(name, col, col, lambda d, _c: d[typed].isna() | test(d[typed], d))

    def at_most_max_persons(name: str, col: str, typed: str) -> Rule:
        return Rule(name, col, col,
                    lambda d, c: d[typed].isna() | (d[typed] <= c.bounds.max_persons))

    return [
        Rule("regio_afwijkend", "regio", "regio",
             lambda d, c: d["raw_regio"].isna() | (d["region_code"] == c.region_code)),
        Rule("gemeente_onbekend", "gemeente", "gemeente",
             lambda d, _c: d["raw_gemeente"].isna() | d["gemeente_code"].notna()),
        Rule("gemeente_buiten_regio", "gemeente", "gemeente",
             lambda d, c: d["gemeente_code"].isna() | (d["gemeente_region"] == c.region_code)),
        Rule("organisatie_leeg", "organisatie", "organisatie", present("organisatie")),
        Rule("categorie_leeg", "categorie", "categorie", present("categorie")),
        Rule("categorie_onbekend", "categorie", "categorie",
             parsed_or_blank("categorie", "category")),
        Rule("subcategorie_leeg", "subcategorie", "subcategorie", present("subcategorie")),
        Rule("subcategorie_onbekend", "subcategorie", "subcategorie",
             lambda d, _c: d["raw_subcategorie"].isna() | d["category"].isna()
             | d["subcategory"].notna()),
        Rule("personen_leeg", "aantal_personen", "aantal_personen", present("aantal_personen")),
        Rule("personen_geen_getal", "aantal_personen", "aantal_personen",
             parsed_or_blank("aantal_personen", "persons")),
        number_rule("personen_negatief", "aantal_personen", "persons", lambda v, _d: v >= 0),
        number_rule("personen_geen_geheel", "aantal_personen", "persons",
                    lambda v, _d: v == v.round()),
        at_most_max_persons("personen_te_groot", "aantal_personen", "persons"),
        Rule("fte_leeg", "fte", "fte", present("fte")),
        Rule("fte_geen_getal", "fte", "fte", parsed_or_blank("fte", "fte")),
        number_rule("fte_negatief", "fte", "fte", lambda v, _d: v >= 0),
        Rule("fte_te_hoog", "fte", "fte",
             lambda d, c: d["fte"].isna() | d["persons"].isna()
             | (d["fte"] <= c.bounds.fte_per_person * d["persons"])),
        Rule("inzetbaar_leeg", "inzetbaar_personen", "inzetbaar_personen",
             present("inzetbaar_personen")),
        Rule("inzetbaar_geen_getal", "inzetbaar_personen", "inzetbaar_personen",
             parsed_or_blank("inzetbaar_personen", "deployable_persons")),
        number_rule("inzetbaar_negatief", "inzetbaar_personen", "deployable_persons",
                    lambda v, _d: v >= 0),
        number_rule("inzetbaar_geen_geheel", "inzetbaar_personen", "deployable_persons",
                    lambda v, _d: v == v.round()),
        at_most_max_persons("inzetbaar_te_groot", "inzetbaar_personen", "deployable_persons"),
        number_rule("inzetbaar_te_hoog", "inzetbaar_personen", "deployable_persons",
                    lambda v, d: d["persons"].isna() | (v <= d["persons"])),
        Rule("uur_leeg", "inzetbaar_binnen_uur", "inzetbaar_binnen_uur",
             present("inzetbaar_binnen_uur")),
        Rule("uur_ongeldig", "inzetbaar_binnen_uur", "inzetbaar_binnen_uur",
             lambda d, _c: d["raw_inzetbaar_binnen_uur"].isna()
             | d["deployable_within_hours"].isin(hours).fillna(False)),
        Rule("peildatum_leeg", "peildatum", "peildatum", present("peildatum")),
        Rule("peildatum_onleesbaar", "peildatum", "peildatum",
             parsed_or_blank("peildatum", "peildatum")),
        Rule("peildatum_toekomst", "peildatum", "peildatum",
             lambda d, c: d["peildatum"].isna()
             | (d["peildatum"] <= pd.Timestamp(c.today + timedelta(days=FUTURE_DAYS)))),
        Rule("dubbel", "organisatie", "organisatie",
             lambda d, _c: ~d.duplicated(subset=DUPLICATE_KEY, keep="first")
             | d[["organisation", "category", "subcategory"]].isna().any(axis=1)),
        *(text_rule(header, column) for header, column in TEXT_COLUMNS.items()),
    ]


def text_rule(header: str, column: str) -> Rule:
    """A text fits its record column: no control characters, not longer than the column."""
    limit = column_length(CapacityRecord, column)
    multi_line = limit is None

    def fits(d: pd.DataFrame, _c: Context) -> pd.Series:
        raw = d[f"raw_{header}"]
        too_long = raw.str.len().gt(limit).fillna(False) if limit else False
        return ~(forbidden_characters(raw, multi_line=multi_line) | too_long)

    return Rule(f"{header}_tekst", header, header, fits,
                lambda value: column_text_problem(CapacityRecord, column, value))


def _run_rules(typed: pd.DataFrame, sheet: Sheet, ctx: Context) -> list[Issue]:
    skip = set(sheet.missing_columns)
    active = [r for r in rules() if r.column not in skip]
    schema = pa.DataFrameSchema(checks=[
        pa.Check(lambda d, rule=rule: rule.check(d, ctx).fillna(False).astype(bool),
                 name=rule.name, ignore_na=False)
        for rule in active
    ])
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as failure:
        by_name = {r.name: r for r in active}
        cases = failure.failure_cases.drop_duplicates(subset=["check", "index"])
        return [_issue(by_name[str(check)], int(index), typed, sheet.sheet_name, ctx)
                for check, index in zip(cases["check"], cases["index"], strict=True)
                if str(check) in by_name and pd.notna(index)]
    return []


def _issue(rule: Rule, row: int, typed: pd.DataFrame, sheet: str, ctx: Context) -> Issue:
    data = typed.loc[row]
    value = data[f"raw_{rule.value_of}"]
    shown = None if pd.isna(value) else str(value)
    first = ""
    if rule.name == "dubbel":
        key = data[DUPLICATE_KEY]
        same = (typed[DUPLICATE_KEY].astype(object).fillna("")  # all-blank: null[pyarrow]
                == key.astype(object).fillna("")).all(axis=1)
        first = str(int(typed.index[same][0]))
    if rule.describe is not None:
        return Issue(sheet, row, rule.column, shown, rule.describe(shown or "") or "")
    factor = ctx.bounds.fte_per_person
    message = texts.VALIDATION[rule.name].format(
        waarde=shown or "", personen=_raw_number(data["raw_aantal_personen"]),
        regio=f"{ctx.region_name} ({ctx.region_code})",
        keuzes=_choices(rule, data, ctx), eerste=first,
        uren=", ".join(str(h.hours) for h in horizons()),
        gemeente_regio=_region_label(ctx, data["gemeente_region"]),
        max=format_date(ctx.today + timedelta(days=FUTURE_DAYS)),
        grens=format_number(ctx.bounds.max_persons),
        factor=f"{factor:g}".replace(".", ","),
        max_fte=format_number(factor * data["persons"], 1) if pd.notna(data["persons"]) else "")
    return Issue(sheet, row, rule.column, shown, message)


def _choices(rule: Rule, data: pd.Series, ctx: Context) -> str:
    if rule.name == "categorie_onbekend":
        return ", ".join(c.code for c in ctx.categories)
    if rule.name == "subcategorie_onbekend":
        category = next((c for c in ctx.categories if c.code == data["category"]), None)
        return ", ".join(category.subcategory_codes()) if category else ""
    return ""


def _records(typed: pd.DataFrame) -> pd.DataFrame:
    """The valid rows as records: texts as Python objects (None where empty), numbers typed."""
    def objects(column: str) -> pd.Series:  # object, not pandas' inferred text dtype
        return pd.Series(typed[column].to_numpy(dtype=object, na_value=None),
                         index=typed.index, dtype=object)

    return pd.DataFrame({
        "region_code": objects("region_code"),
        "gemeente_code": objects("gemeente_code"),
        "organisation": objects("organisation"),
        "organisation_id": objects("organisation_id"),
        "category": objects("category"),
        "subcategory": objects("subcategory"),
        "persons": typed["persons"].to_numpy(dtype="int64"),
        "fte": typed["fte"].to_numpy(dtype="float64"),
        "deployable_persons": typed["deployable_persons"].to_numpy(dtype="int64"),
        "deployable_within_hours": typed["deployable_within_hours"].to_numpy(dtype="int64"),
        "powers": objects("powers"),
        "peildatum": typed["peildatum"],
        "note": objects("note"),
    }, index=typed.index)


def _empty_records() -> pd.DataFrame:
    return pd.DataFrame(columns=RECORD_COLUMNS)


def _notes(sheet: Sheet) -> list[str]:
    notes = []
    if sheet.totals_rows:
        notes.append(texts.VALIDATION["totaalregel"].format(
            rijen=", ".join(str(r) for r in sheet.totals_rows)))
    if sheet.unknown_columns:
        notes.append(texts.VALIDATION["onbekende_kolommen"].format(
            kolommen=", ".join(sheet.unknown_columns)))
    if sheet.blank_rows:
        notes.append(texts.VALIDATION["lege_regels"].format(aantal=sheet.blank_rows))
    return notes


def _column_order(column: str | None) -> int:
    from capaciteit.uploads.reader import columns

    headers = [c.header for c in columns()]
    return headers.index(column) if column in headers else -1


def _region_label(ctx: Context, code: object) -> str:
    if code is None or pd.isna(code):  # type: ignore[call-overload]
        return ""
    name = ctx.region_names.get(str(code))
    return f"{name} ({code})" if name else str(code)


def _category_name(ctx: Context, code: str) -> str:
    return next((c.name for c in ctx.categories if c.code == code), code)


def _raw_number(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]
