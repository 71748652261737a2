"""capacity totals per version, written at publication time

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KEYS = "region_code, gemeente_code, category, subcategory, deployable_within_hours"


def upgrade() -> None:
    op.create_table(
        "capacity_total",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("gemeente_code", sa.String(length=6), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("subcategory", sa.String(length=64), nullable=False),
        sa.Column("deployable_within_hours", sa.Integer(), nullable=False),
        sa.Column("persons", sa.BigInteger(), nullable=False),
        sa.Column("fte", sa.Float(), nullable=False),
        sa.Column("deployable_persons", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_capacity_total_submission", "capacity_total", ["submission_id"])
    # versions stored before this migration get their totals now
    op.execute(
        f"INSERT INTO capacity_total (submission_id, {KEYS}, persons, fte, deployable_persons, "
        f"records) SELECT submission_id, {KEYS}, SUM(persons), SUM(fte), "
        f"SUM(deployable_persons), COUNT(*) FROM capacity_record GROUP BY submission_id, {KEYS}"
    )


def downgrade() -> None:
    op.drop_index("ix_capacity_total_submission", table_name="capacity_total")
    op.drop_table("capacity_total")
