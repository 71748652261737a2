"""Preparing the app: map assets, boundaries, database, demo data and population loads."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from capaciteit import clock, texts
from capaciteit.capacity import demo
from capaciteit.capacity.categories import Category, default_categories, load_categories
from capaciteit.capacity.population import (
    PopulationError,
    check_municipalities,
    read_statline_csv,
)
from capaciteit.capacity.population_source import fetch_population_file
from capaciteit.formatting import format_date, format_number
from capaciteit.geo.boundaries import Boundaries, BoundaryError, load_boundaries, prepare_boundaries
from capaciteit.geo.maps import install_map_assets
from capaciteit.settings import Settings
from capaciteit.storage import repository as storage
from capaciteit.storage.engine import prepare_database, write_transaction


def categories_for(settings: Settings) -> tuple[Category, ...]:
    """The categories in force: a user's TOML file or the built-in list."""
    if settings.categories_file:
        return load_categories(settings.categories_file)
    return default_categories()


def fetch_boundaries(settings: Settings, *, source: str | None = None,
                     year: int | None = None) -> str:
    """Fetch and cache the gebiedsindeling; return the Dutch report line."""
    source = source if source is not None else settings.boundaries_source
    year = year or settings.boundaries_year
    try:
        manifest, repaired = prepare_boundaries(
            settings.regions_dir, source=source, year=year, wfs_url=settings.pdok_wfs_url,
            timeout=settings.download_timeout_s)
    except BoundaryError as error:
        raise BoundaryError(f"{error} {texts.BOUNDARIES_KEPT_OLD}") from error
    return texts.BOUNDARIES_DONE.format(
        jaar=manifest["jaar"], regios=manifest["aantal_regios"],
        gemeenten=manifest["aantal_gemeenten"], reparaties=repaired, bron=manifest["bron"])


def prepare(settings: Settings, *, static_dir: Path, demo_if_empty: bool = True,
            population: bool = True) -> list[str]:
    """Make the app ready to serve: map assets, boundaries, database, demo data if empty.

    With ``population``, inhabitants are fetched from their source (CBS, or
    ``CAPACITEIT_BEVOLKING_BRON``) and stored when they are new; an unreachable or
    unusable source is reported, not fatal: the map then shows counts.
    """
    messages = [texts.PREPARED_MAP_ASSETS.format(map=install_map_assets(static_dir))]
    if not (settings.regions_dir / "manifest.json").exists():
        messages.append(fetch_boundaries(settings))
    engine = prepare_database(settings.effective_database_url)
    messages.append(texts.PREPARED_DATABASE)
    if demo_if_empty:
        messages.append(load_demo(settings, engine=engine) or texts.DEMO_NOT_EMPTY)
    engine.dispose()
    if population:
        try:
            messages.append(fetch_population(settings))
        except PopulationError as error:
            messages.append(texts.POPULATION_NOT_LOADED.format(fout=error))
    return messages


def load_demo(settings: Settings, *, engine: Engine | None = None) -> str | None:
    """Load the fictitious demo data when the store is empty; None when it is not."""
    own_engine = engine is None
    engine = engine or prepare_database(settings.effective_database_url)
    boundaries = load_boundaries(settings.regions_dir)
    try:
        with write_transaction(engine) as conn:
            if not storage.is_empty(conn):
                return None
            records = demo.load_demo(conn, boundaries.municipality_table(),
                                     categories_for(settings), today=clock.today())
    finally:
        if own_engine:
            engine.dispose()
    return texts.DEMO_LOADED.format(regels=len(records), regios=records["region_code"].nunique())


def remove_demo(settings: Settings) -> str:
    """Delete the demo data (fictitious; the one thing that may be deleted)."""
    engine = prepare_database(settings.effective_database_url)
    with write_transaction(engine) as conn:
        removed = storage.remove_demo_data(conn)
    engine.dispose()
    return texts.DEMO_REMOVED.format(aantal=removed)


def load_population(settings: Settings, path: Path, *,
                    reference_date: date | None = None) -> str:
    """Read, check and store a population file in one transaction."""
    return store_population(settings, path.read_bytes(), path.name,
                            reference_date=reference_date)


def fetch_population(settings: Settings, *, source: str | None = None,
                     year: int | None = None) -> str:
    """Fetch inhabitants per municipality (CBS OData, or a folder / URL), check and store them.

    The year defaults to that of the loaded gebiedsindeling: population and
    boundaries must share one municipal division.
    """
    source = source if source is not None else settings.population_source
    boundaries = load_boundaries(settings.regions_dir)
    year = year or int(boundaries.manifest.get("jaar") or settings.boundaries_year)
    content, name = fetch_population_file(source, year, odata_url=settings.cbs_odata_url,
                                          timeout=settings.download_timeout_s)
    return store_population(settings, content, name, boundaries=boundaries)


def store_population(settings: Settings, content: bytes, filename: str, *,
                     reference_date: date | None = None,
                     boundaries: Boundaries | None = None) -> str:
    """Check population figures against the loaded municipalities and store them.

    The same figures (same content) as the newest load are not stored again.
    """
    boundaries = boundaries or load_boundaries(settings.regions_dir)
    population = read_statline_csv(content, filename, reference_date)
    check_municipalities(population, boundaries.municipalities, filename,
                         boundaries.manifest.get("jaar", "?"))
    sha256 = hashlib.sha256(content).hexdigest()
    engine = prepare_database(settings.effective_database_url)
    try:
        with write_transaction(engine) as conn:
            if storage.latest_population_sha256(conn) == sha256:
                return texts.POPULATION_UNCHANGED.format(
                    datum=format_date(population.reference_date))
            storage.save_population(conn, population.inhabitants,
                                    reference_date=population.reference_date,
                                    filename=filename[:255], sha256=sha256)
    finally:
        engine.dispose()
    return texts.POPULATION_LOADED.format(
        gemeenten=len(population.inhabitants),
        inwoners=format_number(population.inhabitants["inhabitants"].sum()),
        datum=format_date(population.reference_date))


def open_store(settings: Settings) -> tuple[Engine, Boundaries]:
    """The migrated database and the cached boundaries, for commands that need both."""
    boundaries = load_boundaries(settings.regions_dir)
    return prepare_database(settings.effective_database_url), boundaries
