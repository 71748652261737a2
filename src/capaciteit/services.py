"""Service layer: the use cases the CLI and the pages call (fetch, prepare, load, read)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, func, select

from capaciteit import demo, storage, texts
from capaciteit.aggregation import region_population
from capaciteit.boundaries import Boundaries, BoundaryError, load_boundaries, prepare_boundaries
from capaciteit.categories import Category, default_categories, load_categories
from capaciteit.database import prepare_database, write_transaction
from capaciteit.maps import install_map_assets
from capaciteit.models import PopulationLoad, Submission
from capaciteit.numbers import format_date, format_number
from capaciteit.population import check_municipalities, read_statline_csv
from capaciteit.publishing import Diff, diff_versions, find_identical, sha256_of
from capaciteit.settings import Settings
from capaciteit.spreadsheet import Limits, Progress, read_upload
from capaciteit.validation import Context, ValidationResult, validate_sheet


@dataclass(frozen=True)
class UploadCheck:
    """A read and validated upload, with its preview against the current version."""

    result: ValidationResult
    diff: Diff
    sha256: str
    filename: str
    identical_version: int | None


@dataclass(frozen=True)
class DashboardData:
    """Everything the map and region pages read, fetched in one go."""

    summary: pd.DataFrame
    versions: pd.DataFrame
    population: pd.DataFrame | None
    population_date: date | None
    has_demo: bool


def categories_for(settings: Settings) -> tuple[Category, ...]:
    """The categories in force: a user's TOML file or the built-in list."""
    if settings.categorieen_bestand:
        return load_categories(settings.categorieen_bestand)
    return default_categories()


def fetch_boundaries(settings: Settings, *, source: str | None = None,
                     year: int | None = None) -> str:
    """Fetch and cache the gebiedsindeling; return the Dutch report line."""
    source = source if source is not None else settings.gebieden_bron
    year = year or settings.gebieden_jaar
    try:
        manifest, repaired = prepare_boundaries(
            settings.regions_dir, source=source, year=year, wfs_url=settings.pdok_wfs_url,
            timeout=settings.download_timeout_s)
    except BoundaryError as error:
        raise BoundaryError(f"{error} {texts.BOUNDARIES_KEPT_OLD}") from error
    return texts.BOUNDARIES_DONE.format(
        jaar=manifest["jaar"], regios=manifest["aantal_regios"],
        gemeenten=manifest["aantal_gemeenten"], reparaties=repaired, bron=manifest["bron"])


def prepare(settings: Settings, *, static_dir: Path, demo_if_empty: bool = True) -> list[str]:
    """Make the app ready to serve: map assets, boundaries, database, demo data if empty."""
    messages = [f"Kaartbestanden klaar in {install_map_assets(static_dir)}."]
    if not (settings.regions_dir / "manifest.json").exists():
        messages.append(fetch_boundaries(settings))
    engine = prepare_database(settings.effective_database_url)
    messages.append("Database bijgewerkt tot het nieuwste schema.")
    if demo_if_empty:
        messages.append(load_demo(settings, engine=engine) or texts.DEMO_NOT_EMPTY)
    engine.dispose()
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
                                     categories_for(settings), today=date.today())
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
    content = path.read_bytes()
    boundaries = load_boundaries(settings.regions_dir)
    population = read_statline_csv(content, path.name, reference_date)
    check_municipalities(population, boundaries.municipalities, path.name,
                         boundaries.manifest.get("jaar", "?"))
    engine = prepare_database(settings.effective_database_url)
    with write_transaction(engine) as conn:
        storage.save_population(conn, population.inhabitants,
                                reference_date=population.reference_date, filename=path.name,
                                sha256=hashlib.sha256(content).hexdigest())
    engine.dispose()
    return texts.POPULATION_LOADED.format(
        gemeenten=len(population.inhabitants),
        inwoners=format_number(population.inhabitants["inhabitants"].sum()),
        datum=format_date(population.reference_date))


def open_store(settings: Settings) -> tuple[Engine, Boundaries]:
    """The migrated database and the cached boundaries, for commands that need both."""
    boundaries = load_boundaries(settings.regions_dir)
    return prepare_database(settings.effective_database_url), boundaries


def data_version(engine: Engine) -> tuple[int, int]:
    """A cheap token that changes whenever capacity or population changes."""
    with engine.connect() as conn:
        submissions = conn.execute(select(func.coalesce(func.max(Submission.id), 0))).scalar_one()
        loads = conn.execute(select(func.coalesce(func.max(PopulationLoad.id), 0))).scalar_one()
    return int(submissions), int(loads)


def dashboard_data(engine: Engine, boundaries: Boundaries) -> DashboardData:
    """Read the current capacity summary, versions and population."""
    with engine.connect() as conn:
        summary = storage.capacity_summary(conn)
        versions = storage.current_versions(conn)
        inhabitants, population_date = storage.latest_population(conn)
        has_demo = storage.has_demo_data(conn)
    population = (region_population(inhabitants, boundaries.municipality_table())
                  if population_date else None)
    return DashboardData(summary, versions, population, population_date, has_demo)


def upload_limits(settings: Settings) -> Limits:
    """The upload limits in force."""
    return Limits(max_bytes=settings.max_upload_mb * 1024 * 1024, max_rows=settings.max_regels)


def check_upload(engine: Engine, boundaries: Boundaries, categories: tuple[Category, ...],
                 region_code: str, content: bytes, filename: str, *, limits: Limits,
                 today: date | None = None, progress: Progress | None = None) -> UploadCheck:
    """Read and validate an upload for ``region_code`` and compare it with the current version.

    Raises ``spreadsheet.UploadError`` for a file that cannot be used at all.
    Stores nothing.
    """
    report = progress or (lambda _f, _t: None)
    sheet = read_upload(content, filename, limits, report)
    sha256 = sha256_of(content)
    with engine.connect() as conn:
        current = storage.region_records(conn, region_code)
        identical = find_identical(conn, region_code, sha256)
        if storage.has_demo_data(conn):  # fictitious figures are no baseline for warnings
            current = current.iloc[0:0]
    report(0.6, texts.PROGRESS_VALIDATING)
    names = boundaries.region_names()
    ctx = Context(region_code, names[region_code], boundaries.municipality_table(), categories,
                  today or date.today(), current, names)
    result = validate_sheet(sheet, ctx)
    report(1.0, texts.PROGRESS_DONE)
    return UploadCheck(result, diff_versions(current, result.records), sha256, filename,
                       identical)
