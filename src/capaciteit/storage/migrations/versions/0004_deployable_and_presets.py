"""deployable capacity summary per version, and the crisis team's question presets

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEYS = ("region_code, organisation, organisation_id, category, subcategory, "
        "deployable_within_hours, powers")


def upgrade() -> None:
    op.create_table(
        "capacity_deployable",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("organisation", sa.String(length=255), nullable=False),
        sa.Column("organisation_id", sa.String(length=64), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("subcategory", sa.String(length=64), nullable=False),
        sa.Column("deployable_within_hours", sa.Integer(), nullable=False),
        sa.Column("powers", sa.Text(), nullable=False),
        sa.Column("persons", sa.BigInteger(), nullable=False),
        sa.Column("deployable_persons", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submission.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_capacity_deployable_submission", "capacity_deployable",
                    ["submission_id"])
    # versions stored before this migration get their sums now
    op.execute(
        f"INSERT INTO capacity_deployable (submission_id, {KEYS}, persons, deployable_persons, "
        f"records) SELECT submission_id, {KEYS}, SUM(persons), SUM(deployable_persons), "
        f"COUNT(*) FROM capacity_record GROUP BY submission_id, {KEYS}"
    )
    op.create_table(
        "question_preset",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("powers", sa.JSON(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=320), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )


def downgrade() -> None:
    op.drop_table("question_preset")
    op.drop_index("ix_capacity_deployable_submission", table_name="capacity_deployable")
    op.drop_table("capacity_deployable")
