"""Fixtures of the bijstand tests."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from tests.assistance.support import stock


@pytest.fixture
def stocked(engine: Engine) -> Engine:
    """A migrated store (SQLite and PostgreSQL) with the bijstand test capacity and users."""
    stock(engine)
    return engine
