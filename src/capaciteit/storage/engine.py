"""Engines, connection checks and migrations for SQLite (default) and PostgreSQL."""

from __future__ import annotations

from contextlib import AbstractContextManager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from capaciteit import texts


class DatabaseError(Exception):
    """The database cannot be reached or used; the message is Dutch."""


def make_engine(url: str) -> Engine:
    """Create an engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseError(texts.DATABASE_URL_INVALID.format(url=url)) from error
    if parsed.drivername == "postgresql" or parsed.drivername == "postgres":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True,
                             connect_args={"connect_timeout": 5})
    except (ArgumentError, ImportError) as error:
        raise DatabaseError(texts.DATABASE_URL_INVALID.format(url=safe_url(url))) from error


def safe_url(url: str) -> str:
    """The URL with its password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return texts.DATABASE_URL_UNREADABLE


def check_connection(engine: Engine) -> None:
    """Connect once; raise DatabaseError with a Dutch message when that fails."""
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise DatabaseError(texts.DATABASE_UNREACHABLE.format(
            url=engine.url.render_as_string(hide_password=True), fout=reason)) from error


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision, in one transaction."""
    check_connection(engine)
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("capaciteit").joinpath("storage", "migrations")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def prepare_database(url: str) -> Engine:
    """Make an engine for ``url`` and migrate it: the one call pages and CLI use."""
    engine = make_engine(url)
    migrate(engine)
    return engine


def write_transaction(engine: Engine) -> AbstractContextManager[Connection]:
    """A transaction for writing; on SQLite it takes the write lock at BEGIN.

    With ``BEGIN IMMEDIATE`` concurrent writers queue (busy timeout) instead of
    failing halfway when two deferred transactions both try to upgrade.
    """
    return engine.execution_options(immediate=True).begin()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    # SQLAlchemy, not the driver, opens transactions (see _sqlite_begin)
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
