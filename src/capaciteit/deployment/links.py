"""Deep links to a question: the address carries the whole question, and follows the form.

``?vraag=mondkapjes-ov&regio=VR09&personen=150&maatregelen=scholen-gesloten`` opens the
Inzetbaar page with that question filled in and answered. :func:`read_link` turns the
address into form fields and Dutch problems (never an exception: the address is outside
text); :func:`link_params` writes the form back, so the address always states the question
on screen. A preset (``vraag``) stands for its (sub)categories, powers, horizon and
measures; once any of those is changed, the question is "aangepast" and the address
carries the fields themselves instead of ``vraag``.

Parameter names are Dutch, as users see them in the address; lists are repeated
parameters (``regio=VR09&regio=VR10``), and codes may also be comma-separated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

from capaciteit import texts
from capaciteit.deployment.presets import Preset
from capaciteit.formatting import format_number

PRESET, REGIONS, PERSONS, SCOPES, POWERS, HOURS, AREA, MEASURES = (
    "vraag", "regio", "personen", "inzet", "bevoegdheden", "uren", "gebied", "maatregelen")
MAX_SHOWN = 40  # characters of a refused value quoted back
MAX_VALUES = 50  # values of one parameter read at most
DIGITS = re.compile(r"^[0-9]{1,9}$")


@dataclass(frozen=True)
class QuestionForm:
    """The Inzetbaar form's fields; ``None`` (or empty) where nothing is filled in."""

    targets: tuple[str, ...] = ()
    persons: int | None = None
    scopes: tuple[str, ...] = ()  # scope keys: 'boa' or 'boa/domein-4'
    powers: tuple[str, ...] = ()
    hours: int | None = None
    area: str | None = None
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choices:
    """What the form offers: a link can only choose among these."""

    regions: Collection[str]
    scopes: Collection[str]
    powers: Sequence[str]
    hours: Collection[int]
    areas: Collection[str]
    measures: Collection[str]
    presets: Mapping[str, Preset]
    max_persons: int


@dataclass(frozen=True)
class LinkedQuestion:
    """What an address asks: the fields it sets, the preset it names, and what was refused."""

    fields: dict[str, object]  # QuestionForm field name -> value, only those the link sets
    preset: str | None
    problems: list[str]


def read_link(params: Mapping[str, Sequence[str]], choices: Choices) -> LinkedQuestion:
    """Read an address's parameters into form fields; refuse what the form does not offer.

    Unknown parameters are ignored; every refused value is named in a Dutch problem
    (quoted as typed, shortened), and the rest of the link still applies.
    """
    problems: list[str] = []
    found: dict[str, object] = {}
    preset = None
    code = _last(params, PRESET)
    if code is not None:
        preset = choices.presets.get(code)
        if preset is None:
            problems.append(texts.DEPLOY_UNKNOWN_PRESET.format(code=_shown(code)))
        else:
            found.update(preset_fields(preset, choices))
    lists = ((REGIONS, "targets", choices.regions, str.upper),
             (SCOPES, "scopes", choices.scopes, str.lower),
             (MEASURES, "measures", choices.measures, str.lower))
    for name, field, offered, normal in lists:
        if name in params:
            found[field] = _codes(params[name], offered, normal, name, problems)
    if POWERS in params:
        found["powers"] = _powers(params[POWERS], choices.powers, problems)
    _single(params, PERSONS, "persons", found, problems,
            lambda v: int(v) if DIGITS.fullmatch(v) and 1 <= int(v) <= choices.max_persons
            else None, max=format_number(choices.max_persons))
    _single(params, HOURS, "hours", found, problems,
            lambda v: int(v) if DIGITS.fullmatch(v) and int(v) in choices.hours else None)
    _single(params, AREA, "area", found, problems,
            lambda v: v if v in choices.areas else None)
    return LinkedQuestion(found, preset.code if preset else None, problems)


def preset_fields(preset: Preset, choices: Choices | None = None) -> dict[str, object]:
    """The form fields a preset fixes (never the regions or the persons)."""
    scopes = [c if s is None else f"{c}/{s}" for c, s in preset.scopes]
    measures = list(preset.measures)
    if choices is not None:  # what the form no longer offers is left out
        scopes = [s for s in scopes if s in choices.scopes]
        measures = [m for m in measures if m in choices.measures]
    return {"scopes": tuple(scopes), "powers": tuple(preset.powers), "hours": preset.hours,
            "measures": tuple(measures)}


def changed_fields(form: QuestionForm, preset: Preset,
                   choices: Choices | None = None) -> list[str]:
    """The fields the preset fixes that the form now holds otherwise (Dutch labels).

    With ``choices``, the preset is compared as the form could take it (a measure made
    inactive since does not count as a change).
    """
    fixed = preset_fields(preset, choices)
    changed = []
    for field, value in fixed.items():
        now = getattr(form, field)
        if isinstance(now, tuple) and isinstance(value, tuple):
            now, value = set(now), set(value)  # the order of a choice does not matter
        if now != value:
            changed.append(texts.LINK_FIELD_LABELS[field])
    return changed


def link_params(form: QuestionForm, preset: Preset | None, *, default_hours: int,
                default_area: str, choices: Choices | None = None) -> dict[str, list[str]]:
    """The address for the form: ``vraag`` while the preset is unchanged, else every field."""
    params: dict[str, list[str]] = {}
    unchanged = preset is not None and not changed_fields(form, preset, choices)
    if unchanged and preset is not None:
        params[PRESET] = [preset.code]
    if form.targets:
        params[REGIONS] = list(form.targets)
    if form.persons is not None:
        params[PERSONS] = [str(form.persons)]
    if not unchanged:
        for name, values in ((SCOPES, form.scopes), (POWERS, form.powers),
                             (MEASURES, form.measures)):
            if values:
                params[name] = list(values)
        if form.hours is not None and form.hours != default_hours:
            params[HOURS] = [str(form.hours)]
    if form.area is not None and form.area != default_area:
        params[AREA] = [form.area]
    return params


def form_field_names() -> list[str]:
    """The names of the form's fields, as :class:`QuestionForm` has them."""
    return [f.name for f in fields(QuestionForm)]


def _last(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or []
    return str(values[-1]).strip() if values else None


def _shown(value: str) -> str:
    """A refused value as typed, shortened, on one line (the page escapes it as Markdown)."""
    value = " ".join(value.split())
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"


def _split(values: Iterable[str]) -> list[str]:
    parts = [p.strip() for v in list(values)[:MAX_VALUES] for p in str(v).split(",")]
    return [p for p in parts if p][:MAX_VALUES]


def _codes(values: Sequence[str], offered: Collection[str], normal: Callable[[str], str],
           name: str, problems: list[str]) -> tuple[str, ...]:
    chosen: list[str] = []
    for value in _split(values):
        code = normal(value)
        if code in offered:
            if code not in chosen:
                chosen.append(code)
        else:
            problems.append(texts.LINK_UNKNOWN_VALUE.format(
                veld=texts.LINK_PARAMETER_LABELS[name], waarde=_shown(value)))
    return tuple(chosen)


def _powers(values: Sequence[str], offered: Sequence[str], problems: list[str]) -> tuple[str, ...]:
    by_folded = {p.casefold(): p for p in offered}
    chosen: list[str] = []
    for value in [str(v).strip() for v in list(values)[:MAX_VALUES] if str(v).strip()]:
        power = by_folded.get(value.casefold())
        if power is None:
            problems.append(texts.LINK_UNKNOWN_VALUE.format(
                veld=texts.LINK_PARAMETER_LABELS[POWERS], waarde=_shown(value)))
        elif power not in chosen:
            chosen.append(power)
    return tuple(chosen)


def _single(params: Mapping[str, Sequence[str]], name: str, field: str,
            found: dict[str, object], problems: list[str], read: Callable[[str], object],
            **extra: str) -> None:
    value = _last(params, name)
    if value is None:
        return
    result = read(value)
    if result is None:
        problems.append(texts.LINK_BAD_VALUES[name].format(waarde=_shown(value), **extra))
    else:
        found[field] = result
