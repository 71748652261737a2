"""The Inzetbaar capacity kept warm between questions, and refreshed per region.

Every run of the page asks :meth:`WarmCapacity.prepared` for the capacity with its coverage.
It reads the two change tokens (a few rows) and redoes only what they say changed:

- a region whose current version changed: that version's per-organisation sums are read
  (its rows only, ``storage.version_deployable``) and its coverage worked out;
- a region whose agreements changed (``agreements.repository.change_token``; a national
  agreement touches every region), or whose set of valid agreements changed with the day:
  its coverage is worked out again, on its own rows;
- everything else is reused as it is.

The regions' parts are then put together into one :class:`PreparedCapacity` (arrays
concatenated, the categorical columns unified), which ``answer_question`` reads. A part
keeps every column of the sums (organisation name and identifier included), so anything
that reads the per-organisation rows of an answer reads them from here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals
from sqlalchemy import Connection, Engine

from capaciteit.agreements.coverage import valid_agreements
from capaciteit.agreements.model import AGREEMENT_COLUMNS, NATIONAL, SCOPE_COLUMNS
from capaciteit.agreements.repository import AgreementsToken, agreements_frame
from capaciteit.agreements.repository import change_token as agreements_token
from capaciteit.assistance.deployed import subtract_deployed
from capaciteit.assistance.repository import change_token as assistance_token
from capaciteit.assistance.repository import deployed_on
from capaciteit.capacity.overview import ChangeToken, change_token_on
from capaciteit.deployment.answer import PreparedCapacity, prepare_capacity
from capaciteit.storage import repository as storage

NUMBERS = ("deployable_within_hours", "persons", "deployable_persons")
CATEGORICAL = [k for k in storage.DEPLOYABLE_KEYS if k not in NUMBERS]


@dataclass(frozen=True)
class RegionPart:
    """One region's current version with its coverage worked out."""

    version: tuple[str, int, str]  # the region's entry in the capacity ChangeToken
    coverage_key: tuple[object, ...]  # what its coverage depends on (agreements, the day)
    prepared: PreparedCapacity


@dataclass
class Refresh:
    """What the last call redid: regions whose sums were read, regions whose coverage."""

    loaded: frozenset[str] = frozenset()
    covered: frozenset[str] = frozenset()


@dataclass
class WarmCapacity:
    """The prepared capacity of every region, refreshed region by region (thread-safe).

    One instance per database serves every session of a process; it holds no state a
    page can change (treat what :meth:`prepared` returns as read-only).
    """

    parts: dict[str, RegionPart] = field(default_factory=dict)
    last: Refresh = field(default_factory=Refresh)
    _tokens: tuple[ChangeToken, AgreementsToken, date] | None = None
    _whole: PreparedCapacity | None = None
    _net: tuple[object, PreparedCapacity] | None = None  # _whole less who is ingezet
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def prepared(self, engine: Engine, today: date) -> PreparedCapacity:
        """The current capacity with its coverage for ``today``, redoing only what changed."""
        with self._lock, engine.connect() as conn:
            capacity = change_token_on(conn)  # tokens first: what is read after is never older
            agreements = agreements_token(conn)
            assistance = assistance_token(conn)
            if self._whole is not None and self._tokens == (capacity, agreements, today):
                self.last = Refresh()
            else:
                self.last = self._refresh(conn, capacity, agreements, today)
                self._tokens = (capacity, agreements, today)
                self._whole = combine([self.parts[code].prepared for code in sorted(self.parts)])
            return self._less_deployed(conn, (self._tokens, assistance), today)

    def _less_deployed(self, conn: Connection, key: object, today: date) -> PreparedCapacity:
        """The whole capacity less the persons ingezet on a bijstandsverzoek ``today``.

        Nobody is counted twice: coverage does not depend on the numbers, so only the
        deployable persons change (``assistance.deployed.subtract_deployed``).
        """
        assert self._whole is not None
        if self._net is None or self._net[0] != key:
            whole, deployed = self._whole, deployed_on(conn, today)
            if not deployed.empty:
                rows = subtract_deployed(whole.rows, deployed)
                whole = replace(whole, rows=rows,
                                deployable=rows["deployable_persons"].to_numpy(dtype="int64"))
            self._net = (key, whole)
        return self._net[1]

    def _refresh(self, conn: Connection, capacity: ChangeToken, agreements: AgreementsToken,
                 today: date) -> Refresh:
        frames = agreements_frame(conn)
        keys = coverage_keys(capacity, agreements, *frames, today)
        for code in set(self.parts) - set(keys):
            del self.parts[code]  # no current version any more (demo data removed)
        loaded, covered = set(), set()
        for version in capacity.versions:
            code = version[0]
            part = self.parts.get(code)
            if part is not None and part.version == version and part.coverage_key == keys[code]:
                continue
            if part is None or part.version != version:
                rows = storage.version_deployable(conn, version[1])
                loaded.add(code)
            else:
                rows = part.prepared.rows.drop(columns=["key", "covered"])
            region_frames = agreements_of_region(*frames, code)
            self.parts[code] = RegionPart(version, keys[code],
                                          prepare_capacity(as_categories(rows), *region_frames,
                                                           today))
            covered.add(code)
        return Refresh(frozenset(loaded), frozenset(covered))


def coverage_keys(capacity: ChangeToken, token: AgreementsToken, agreements: pd.DataFrame,
                  scopes: pd.DataFrame, today: date) -> dict[str, tuple[object, ...]]:
    """Per region with data: what its coverage depends on.

    Its own and the national entry of the agreements token (any change to them) and the
    agreements valid ``today`` that apply to it (the day only matters when that set moves).
    """
    entries = {entry[0]: entry for entry in token.regions}
    valid = valid_agreements(agreements, today)
    national = tuple(sorted(valid.loc[valid["region_code"].isna(), "agreement_id"]))
    own = valid.dropna(subset=["region_code"]).groupby("region_code")["agreement_id"]
    valid_own = {code: tuple(sorted(ids)) for code, ids in own}
    return {code: (entries.get(code), entries.get(NATIONAL), valid_own.get(code, ()), national)
            for code, _, _ in capacity.versions}


def agreements_of_region(agreements: pd.DataFrame, scopes: pd.DataFrame,
                         code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The agreements that can cover capacity of one region (its own and the national ones)."""
    mine = agreements[agreements["region_code"].isna() | (agreements["region_code"] == code)]
    return mine, scopes[scopes["agreement_id"].isin(mine["agreement_id"])]


def as_categories(rows: pd.DataFrame) -> pd.DataFrame:
    """The sums with their text columns categorical (the answer filters on them)."""
    return rows.astype(dict.fromkeys(CATEGORICAL, "category"))


def combine(parts: list[PreparedCapacity]) -> PreparedCapacity:
    """One PreparedCapacity of several regions' parts (keys renumbered, categories unified)."""
    if not parts:
        return _nothing()
    offsets = np.cumsum([0] + [_key_count(p) for p in parts[:-1]])
    key = np.concatenate([p.key + offset for p, offset in zip(parts, offsets, strict=True)])
    columns: dict[str, object] = {}
    for column in parts[0].rows.columns:
        values = [p.rows[column] for p in parts]
        if isinstance(values[0].dtype, pd.CategoricalDtype):
            columns[column] = union_categoricals(values, ignore_order=True)
        else:
            columns[column] = np.concatenate([v.to_numpy() for v in values])
    columns["key"] = key
    rows = pd.DataFrame(columns)
    firsts = np.cumsum([0] + [len(p.organisations) for p in parts[:-1]])
    links = pd.concat([p.links.assign(key=p.links["key"] + offset,
                                      organisation_index=p.links["organisation_index"] + first)
                       for p, offset, first in zip(parts, offsets, firsts, strict=True)],
                      ignore_index=True)
    organisations = pd.concat([p.organisations for p in parts], ignore_index=True)
    region = pd.Categorical(rows["region_code"])
    codes = pd.Index(np.asarray(region.categories, dtype=object))
    links["region_index"] = codes.get_indexer(links["region_code"])
    organisations["region_index"] = codes.get_indexer(organisations["region_code"])
    return PreparedCapacity(
        rows=rows, links=links, regions=np.asarray(region.categories, dtype=object),
        region_index=np.asarray(region.codes, dtype="int64"),
        deployable=np.concatenate([p.deployable for p in parts]),
        covered=np.concatenate([p.covered for p in parts]), key=key,
        organisation_index=np.concatenate([p.organisation_index + first
                                           for p, first in zip(parts, firsts, strict=True)]),
        organisations=organisations)


def _nothing() -> PreparedCapacity:
    """The prepared capacity of a store without any current version."""
    columns = [*storage.DEPLOYABLE_KEYS, "persons", "deployable_persons"]
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c in NUMBERS else object)
                          for c in columns})
    return prepare_capacity(as_categories(empty), pd.DataFrame(columns=AGREEMENT_COLUMNS),
                            pd.DataFrame(columns=SCOPE_COLUMNS), date.min)


def _key_count(part: PreparedCapacity) -> int:
    return int(part.key.max()) + 1 if len(part.key) else 0
