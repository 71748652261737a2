"""What the Inzetbaar page reads: the deployable capacity with its coverage worked out."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from capaciteit.agreements.repository import agreements_frame
from capaciteit.assistance.deployed import subtract_deployed
from capaciteit.assistance.repository import deployed_on
from capaciteit.deployment.answer import PreparedCapacity, prepare_capacity
from capaciteit.storage import repository as storage


def prepared_capacity(engine: Engine, today: date) -> PreparedCapacity:
    """Read the per-organisation sums and the agreements; apply the coverage rule for ``today``.

    Persons ingezet on a bijstandsverzoek today are taken out first (nobody counted twice).

    Slow on large stores (seconds); the page caches it per data version and day.
    """
    with engine.connect() as conn:
        capacity = storage.deployable_capacity(conn)
        agreements, scopes = agreements_frame(conn)
        deployed = deployed_on(conn, today)
    return prepare_capacity(subtract_deployed(capacity, deployed), agreements, scopes, today)
