"""Shared fixtures: the offline boundaries, real SQLite and PostgreSQL databases, app settings,
the browser for the end-to-end tests (tests/browser_support.py)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, create_engine, text

from capaciteit.geo.boundaries import Boundaries, load_boundaries, prepare_boundaries
from capaciteit.storage.engine import prepare_database

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Fuzzing the spreadsheet reader (tests/uploads/test_reader_fuzz.py): named profiles, used there
# through settings.get_profile(FUZZ_PROFILE). In CI deterministic and modest; locally longer.
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow,
                                                     HealthCheck.data_too_large,
                                                     HealthCheck.function_scoped_fixture]}
hypothesis_settings.register_profile("fuzz-ci", derandomize=True, max_examples=40, **_FUZZ)
hypothesis_settings.register_profile("fuzz-local", max_examples=400, **_FUZZ)
FUZZ_PROFILE = "fuzz-ci" if IN_CI else "fuzz-local"


def shared_regions_dir() -> Path:
    """The offline copy of the CBS boundaries (../shared/regions, or as set)."""
    configured = os.environ.get("CAPACITEIT_TEST_GEBIEDEN")
    return Path(configured) if configured else ROOT.parent / "shared" / "regions"


def require(condition: bool, reason: str) -> None:
    """Skip locally with a message; in CI a missing prerequisite is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


# ------------------------------------------------------------- markers (topic: tests)
# A test that uses a fixture in MARKED_BY_FIXTURE gets that marker, also when it asks for the
# fixture directly, so that `-m "not postgres"` runs the SQLite half alone and
# `-m "not browser"` everything but Chromium. `db_url` marks its PostgreSQL parameter itself.
MARKED_BY_FIXTURE = {"pg_url": "postgres", "chromium": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARKED_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


# ------------------------------------------------------------- hypothesis profiles (topic: tests)
# Property tests: "ci" is deterministic (the same examples every run, no timing-based
# failures); "dev" looks further. CI=true chooses ci; `--hypothesis-profile` still wins.
hypothesis_settings.register_profile(
    "ci", derandomize=True, max_examples=50, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile(
    "dev", max_examples=300, deadline=None, print_blob=True)
hypothesis_settings.load_profile("ci" if IN_CI else "dev")


@pytest.fixture(scope="session")
def shared_regions() -> Path:
    path = shared_regions_dir()
    require((path / "veiligheidsregio_gegeneraliseerd.geojson").exists(),
            f"offline boundaries not found at {path} (set CAPACITEIT_TEST_GEBIEDEN)")
    return path


@pytest.fixture(scope="session")
def regions_cache(shared_regions: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A boundary cache built once from the shared copy, by the real code."""
    directory = tmp_path_factory.mktemp("regions")
    prepare_boundaries(directory, source=str(shared_regions), year=2023, wfs_url="unused")
    return directory


@pytest.fixture(scope="session")
def boundaries(regions_cache: Path) -> Boundaries:
    return load_boundaries(regions_cache)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium through Playwright, launched afresh for each module of browser tests:
    no page, dialog or connection a module leaves behind can slow down the next."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM, launch_chromium

    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'capaciteit.db').as_posix()}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server in TEST_DATABASE_URL."""
    base = os.environ.get("TEST_DATABASE_URL")
    require(bool(base), "no PostgreSQL server: set TEST_DATABASE_URL "
                        "(scripts/start-postgres.sh prints one)")
    assert base is not None
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"capaciteit_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any connection failure means: no server
        admin.dispose()
        require(False, f"PostgreSQL at TEST_DATABASE_URL not reachable: {error}")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on the embedded SQLite store and on PostgreSQL (marked ``postgres``)."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = prepare_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def data_dir(tmp_path: Path, regions_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with the boundary cache and an empty SQLite database, set for the app."""
    directory = tmp_path / "data"
    shutil.copytree(regions_cache, directory / "regions")
    monkeypatch.setenv("CAPACITEIT_DATA_DIR", str(directory))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CAPACITEIT_DATABASE_URL", raising=False)
    monkeypatch.delenv("CAPACITEIT_GEBIEDEN_BRON", raising=False)
    monkeypatch.delenv("CAPACITEIT_BEVOLKING_BRON", raising=False)
    monkeypatch.setenv("CAPACITEIT_CBS_ODATA_URL", UNREACHABLE)  # tests never ask CBS itself
    return directory


# ------------------------------------------------------------- population (topic: map)
UNREACHABLE = "http://127.0.0.1:9/odata/03759ned"  # the discard port: refused at once


def shared_population_dir() -> Path:
    """The offline copy of CBS population (../shared/bevolking, or as set); never committed."""
    configured = os.environ.get("CAPACITEIT_TEST_BEVOLKING")
    return Path(configured) if configured else ROOT.parent / "shared" / "bevolking"


@pytest.fixture(scope="session")
def shared_population() -> Path:
    path = shared_population_dir()
    require(any(path.glob("bevolking_gemeenten_*.csv")),
            f"offline population not found at {path} (set CAPACITEIT_TEST_BEVOLKING)")
    return path


@contextmanager
def serving(directory: Path, handler: type | None = None) -> Iterator[str]:
    """A real HTTP server on loopback serving ``directory`` (or ``handler``); its base URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    chosen = handler or functools.partial(Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), chosen)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def population_url(shared_population: Path) -> Iterator[str]:
    """../shared/bevolking served over HTTP from loopback, as a remote source would be."""
    with serving(shared_population) as url:
        yield url


@pytest.fixture(autouse=True)
def _loopback_like_config_toml() -> Iterator[None]:
    """AppTest does not read .streamlit/config.toml; give it the address make run uses."""
    from streamlit import config

    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", "127.0.0.1")  # undo a test that chose another


def copy_database(source: Path, data_dir: Path) -> Engine:
    """Copy a prepared SQLite database (with its WAL files) into ``data_dir``; open it."""
    from capaciteit.settings import get_settings

    for file in source.parent.glob(source.name + "*"):
        shutil.copy(file, data_dir / file.name)
    return prepare_database(get_settings().effective_database_url)


@pytest.fixture(scope="session")
def demo_database(regions_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database filled once with the demo data by the real service."""
    from capaciteit import preparation
    from capaciteit.settings import get_settings

    directory = tmp_path_factory.mktemp("demo")
    shutil.copytree(regions_cache, directory / "regions")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CAPACITEIT_DATA_DIR", str(directory))
        env.delenv("DATABASE_URL", raising=False)
        env.delenv("CAPACITEIT_DATABASE_URL", raising=False)
        settings = get_settings()
        engine = prepare_database(settings.effective_database_url)
        assert preparation.load_demo(settings, engine=engine) is not None
        engine.dispose()
    return directory / "capaciteit.db"


# An [auth] section as .streamlit/secrets.toml would hold it; AppTest never contacts it.
AUTH_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "capaciteit-test",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def log_in(at, engine: Engine, user: dict, role_spec: str | None) -> None:
    """Configure login on an AppTest and give ``user`` a role in the app's role table."""
    from capaciteit.access import roles
    from capaciteit.access.permissions import local_admin

    at.secrets["auth"] = AUTH_SECRETS
    at.user = user
    if role_spec:
        roles.grant(engine, local_admin("test-beheer"), user["email"], role_spec)
