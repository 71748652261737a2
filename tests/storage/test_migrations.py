from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from capaciteit.storage.models import Base


def test_the_migrations_create_exactly_the_tables_the_models_describe(engine):
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_migrating_twice_changes_nothing(engine):
    from capaciteit.storage.engine import migrate

    migrate(engine)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
