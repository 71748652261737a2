"""closure measures (sluitingen): an append-only version table, and the measures a preset carries

Revision ID: 0007
Revises: 0006

``closure_measure_version`` holds every version of every measure; the newest per code is
current. Like the history tables of 0006 it refuses UPDATE, DELETE, a replacing INSERT
(SQLite) and TRUNCATE (PostgreSQL, through 0006's ``history_refuse()``).
``question_preset.measures`` lists the measure codes a preset puts in force.
"""
import sqlalchemy as sa
from alembic import op

from capaciteit.texts.access import HISTORY_REFUSED

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLE = "closure_measure_version"
MESSAGE = "'" + HISTORY_REFUSED[TABLE].replace("'", "''") + "'"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("assumption", sa.Text(), nullable=False),
        sa.Column("releases", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("saved_by", sa.String(length=320), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_closure_measure_version_code"), TABLE, ["code"])
    with op.batch_alter_table("question_preset") as batch:
        batch.add_column(sa.Column("measures", sa.JSON(), nullable=False,
                                   server_default=sa.text("'[]'")))
    if op.get_bind().dialect.name == "postgresql":
        refuse = f"EXECUTE FUNCTION history_refuse({MESSAGE})"
        op.execute(f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
                   f"FOR EACH STATEMENT {refuse}")
        for event in ("update", "delete"):
            op.execute(f"CREATE TRIGGER {TABLE}_no_{event} BEFORE {event.upper()} ON {TABLE} "
                       f"FOR EACH ROW {refuse}")
    else:
        raise_ = f"BEGIN SELECT RAISE(ABORT, {MESSAGE}); END"
        op.execute(f"CREATE TRIGGER {TABLE}_no_replace BEFORE INSERT ON {TABLE} WHEN EXISTS "
                   f"(SELECT 1 FROM {TABLE} WHERE {TABLE}.id = NEW.id) {raise_}")
        for event in ("update", "delete"):
            op.execute(f"CREATE TRIGGER {TABLE}_no_{event} BEFORE {event.upper()} ON {TABLE} "
                       f"{raise_}")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for kind in ("no_truncate" if postgres else "no_replace", "no_update", "no_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{kind}" + (f" ON {TABLE}" if postgres else ""))
    with op.batch_alter_table("question_preset") as batch:
        batch.drop_column("measures")
    op.drop_index(op.f("ix_closure_measure_version_code"), table_name=TABLE)
    op.drop_table(TABLE)
