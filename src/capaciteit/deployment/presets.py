"""Presets (in Dutch: veelgestelde vragen): the crisis team's recurring questions, as data.

One concept, one name: ``preset`` in code, "veelgestelde vraag" on screen, ``?vraag=code``
in a deep link, the permission ``veelgestelde_vragen_beheren``. ("Sjabloon" is only the
upload template.)

The reference list ``reference/vragen.toml`` seeds the ``question_preset``
table on first use; after that an administrator edits the presets in the
app (:func:`save_preset`, the one write, which records who did it). Presets
are never deleted, only made inactive.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from sqlalchemy import Connection, Engine, RowMapping, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from capaciteit import texts
from capaciteit.access import audit
from capaciteit.access.authorization import authorized_write
from capaciteit.access.permissions import MANAGE_PRESETS, User
from capaciteit.bounds import MAX_POSITION, column_text_problem, text_problem
from capaciteit.capacity.categories import Category, horizons
from capaciteit.deployment.measure_store import read_measures
from capaciteit.deployment.measures import reference_measures
from capaciteit.storage.engine import write_transaction
from capaciteit.storage.models import StoredPreset

SEED_ACTOR = texts.PRESET_SEED_ACTOR
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

Scope = tuple[str, str | None]


class PresetError(Exception):
    """A preset was refused; nothing was stored. The message is Dutch."""


@dataclass(frozen=True)
class Preset:
    """A recurring question: which (sub)categories, which powers, which horizon first.

    ``measures`` are the codes of the closure measures the question assumes in force.
    A preset never fixes the target regions or the number of persons.
    """

    code: str
    name: str
    description: str
    scopes: tuple[Scope, ...]
    powers: tuple[str, ...]
    hours: int
    position: int = 0
    active: bool = True
    measures: tuple[str, ...] = ()


@cache
def reference_presets() -> tuple[Preset, ...]:
    """The presets in ``reference/vragen.toml``, in file order."""
    text = resources.files("capaciteit.reference").joinpath("vragen.toml").read_text("utf-8")
    return tuple(
        Preset(code=v["code"], name=v["naam"], description=v.get("omschrijving", ""),
               scopes=tuple((s["categorie"], s.get("subcategorie")) for s in v["inzet"]),
               powers=tuple(v.get("bevoegdheden", ())), hours=int(v["uren"]), position=i,
               measures=tuple(v.get("maatregelen", ())))
        for i, v in enumerate(tomllib.loads(text)["vraag"])
    )


def preset_problems(preset: Preset, categories: tuple[Category, ...],
                    measure_codes: Collection[str] | None = None) -> list[str]:
    """What is wrong with a preset, in Dutch; empty when it can be stored.

    ``measure_codes``: the known closure measures (None: the reference list).
    """
    problems = []
    if not CODE_PATTERN.fullmatch(preset.code):
        problems.append(texts.PRESET_BAD_CODE.format(code=preset.code))
    if not preset.name.strip():
        problems.append(texts.PRESET_NO_NAME)
    if not preset.scopes and not preset.powers:
        problems.append(texts.PRESET_EMPTY)
    known = {c.code: set(c.subcategory_codes()) for c in categories}
    for category, subcategory in preset.scopes:
        if category not in known or (subcategory is not None
                                     and subcategory not in known[category]):
            problems.append(texts.PRESET_UNKNOWN_SCOPE.format(
                scope=f"{category}/{subcategory}" if subcategory else category))
    if preset.hours not in {h.hours for h in horizons()}:
        problems.append(texts.PRESET_BAD_HOURS.format(uren=preset.hours))
    known_measures = (set(measure_codes) if measure_codes is not None
                      else {m.code for m in reference_measures()})
    problems += [texts.PRESET_UNKNOWN_MEASURE.format(code=code)
                 for code in preset.measures if code not in known_measures]
    return problems + _value_problems(preset)


def _value_problems(preset: Preset) -> list[str]:
    """Texts that fit their columns and no control characters; a position within bounds."""
    found = [(name, column_text_problem(StoredPreset, name, getattr(preset, name)))
             for name in ("name", "description")]
    found += [("powers", text_problem(power, None)) for power in preset.powers]
    problems = [texts.PRESET_BAD_TEXT.format(veld=texts.PRESET_FIELDS[name], reden=problem)
                for name, problem in found if problem]
    if not 0 <= preset.position <= MAX_POSITION:
        problems.append(texts.PRESET_BAD_POSITION.format(waarde=preset.position,
                                                         max=MAX_POSITION))
    return problems


def read_presets(conn: Connection, *, include_inactive: bool = False) -> list[Preset]:
    """The stored presets, in their position order."""
    p = StoredPreset
    query = select(*p.__table__.columns).order_by(p.position, p.code)
    if not include_inactive:
        query = query.where(p.active.is_(True))
    return [_from_row(row) for row in conn.execute(query).mappings()]


def seed_presets(conn: Connection, presets: tuple[Preset, ...], *,
                 now: datetime | None = None) -> int:
    """Store ``presets`` when the table is empty (first use); return how many were stored."""
    if conn.execute(select(func.count()).select_from(StoredPreset)).scalar_one():
        return 0
    now = now or datetime.now(UTC)
    conn.execute(insert(StoredPreset), [_to_row(p, SEED_ACTOR, now) for p in presets])
    return len(presets)


def load_presets(engine: Engine, *, include_inactive: bool = False) -> list[Preset]:
    """The presets, seeding them from the reference list on first use."""
    with engine.connect() as conn:
        presets = read_presets(conn, include_inactive=include_inactive)
        if presets or read_presets(conn, include_inactive=True):
            return presets
    try:
        with write_transaction(engine) as conn:
            seed_presets(conn, reference_presets())
    except IntegrityError:  # another session seeded at the same moment
        pass
    with engine.connect() as conn:
        return read_presets(conn, include_inactive=include_inactive)


def save_preset(engine: Engine, preset: Preset, *, actor: User,
                categories: tuple[Category, ...], now: datetime | None = None) -> Preset:
    """Add or change a preset (by code), recording who did it; raise PresetError when invalid.

    Only a beheerder may, by the role table as it stands inside the write's
    transaction (AccessDenied otherwise, and the refusal is audited).
    """
    cleaned = replace(preset, name=preset.name.strip(), description=preset.description.strip(),
                      powers=tuple(p.strip() for p in preset.powers if p.strip()))
    load_presets(engine)  # seed first, so a new preset never blocks the reference list
    row = _to_row(cleaned, actor.label, now or datetime.now(UTC))
    with authorized_write(engine, actor, MANAGE_PRESETS) as conn:
        stored = read_measures(conn, include_inactive=True)  # not yet seeded: the reference
        problems = preset_problems(cleaned, categories,
                                   {m.code for m in stored} if stored else None)
        if problems:
            raise PresetError(texts.PRESET_REFUSED.format(fouten="; ".join(problems)))
        changed = conn.execute(update(StoredPreset)
                               .where(StoredPreset.code == cleaned.code)
                               .values(**row)).rowcount
        if not changed:
            conn.execute(insert(StoredPreset), row)
        audit.record(conn, actor, "veelgestelde_vraag_opgeslagen", object_type="veelgestelde_vraag",
                     object_id=cleaned.code, details={"nieuw": not changed,
                                                      "maatregelen": list(cleaned.measures)})
    return cleaned


def find_preset(presets: list[Preset], code: str | None) -> Preset | None:
    """The preset with ``code`` (as in a deep link ``?vraag=code``), if any."""
    return next((p for p in presets if p.code == code), None)


def _to_row(preset: Preset, actor: str, now: datetime) -> dict[str, object]:
    return {"code": preset.code, "name": preset.name, "description": preset.description,
            "scopes": [list(s) for s in preset.scopes], "powers": list(preset.powers),
            "hours": preset.hours, "position": preset.position, "active": preset.active,
            "updated_by": actor, "updated_at": now, "measures": list(preset.measures)}


def _from_row(r: RowMapping) -> Preset:
    return Preset(code=r["code"], name=r["name"], description=r["description"],
                  scopes=tuple((s[0], s[1]) for s in r["scopes"]), powers=tuple(r["powers"]),
                  hours=int(r["hours"]), position=int(r["position"]), active=bool(r["active"]),
                  measures=tuple(r["measures"] or ()))
