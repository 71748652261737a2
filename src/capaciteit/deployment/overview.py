"""What the Inzetbaar page reads: the deployable capacity with its coverage worked out."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from capaciteit.agreements.repository import agreements_frame
from capaciteit.deployment.answer import PreparedCapacity, prepare_capacity
from capaciteit.storage import repository as storage


def prepared_capacity(engine: Engine, today: date) -> PreparedCapacity:
    """Read the per-organisation sums and the agreements; apply the coverage rule for ``today``.

    Slow on large stores (seconds); the page caches it per data version and day.
    """
    with engine.connect() as conn:
        capacity = storage.deployable_capacity(conn)
        agreements, scopes = agreements_frame(conn)
    return prepare_capacity(capacity, agreements, scopes, today)
