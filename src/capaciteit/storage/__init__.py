"""Storage: the database engine, typed models, Alembic migrations and the capacity repository."""
