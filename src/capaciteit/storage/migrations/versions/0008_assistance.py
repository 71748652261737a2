"""bijstand: requests for assistance and their events, insert-only on both stores

Revision ID: 0008
Revises: 0006 (the lead rechains this onto 0007 at merge)

Requests and their offers, declines, acceptances, returns and cancellations are history:
UPDATE, DELETE, a replacing INSERT (SQLite) and TRUNCATE (PostgreSQL) are refused, as for
the tables of migration 0006 (docs/decisions.md, "Bijstand").
"""
import sqlalchemy as sa
from alembic import op

from capaciteit.texts.assistance import ASSISTANCE_HISTORY_REFUSED

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = ("assistance_request", "assistance_event")


def upgrade() -> None:
    op.create_table(
        "assistance_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("powers", sa.JSON(), nullable=False),
        sa.Column("persons_needed", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("search_area", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("duration_amount", sa.Integer(), nullable=False),
        sa.Column("duration_unit", sa.String(length=8), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("report_location", sa.String(length=255), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
        sa.UniqueConstraint("year", "number", name="uq_assistance_request_number"),
    )
    op.create_index("ix_assistance_request_region_code", "assistance_request", ["region_code"])
    op.create_table(
        "assistance_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("organisation", sa.String(length=255), nullable=True),
        sa.Column("organisation_id", sa.String(length=64), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("subcategory", sa.String(length=64), nullable=True),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=True),
        sa.Column("compensation_eur", sa.Numeric(12, 2), nullable=True),
        sa.Column("compensation_unit", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["assistance_request.id"]),
        sa.ForeignKeyConstraint(["offer_id"], ["assistance_event.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_assistance_event_request_id", "assistance_event", ["request_id"])
    op.create_index("ix_assistance_event_offer_id", "assistance_event", ["offer_id"])
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        message = _literal(ASSISTANCE_HISTORY_REFUSED[table])
        for statement in (_postgres if postgres else _sqlite)(table, message):
            op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        for kind in ("no_truncate" if postgres else "no_replace", "no_update", "no_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{kind}"
                       + (f" ON {table}" if postgres else ""))
    op.drop_index("ix_assistance_event_offer_id", table_name="assistance_event")
    op.drop_index("ix_assistance_event_request_id", table_name="assistance_event")
    op.drop_table("assistance_event")
    op.drop_index("ix_assistance_request_region_code", table_name="assistance_request")
    op.drop_table("assistance_request")


def _sqlite(table: str, message: str) -> list[str]:
    refuse = f"BEGIN SELECT RAISE(ABORT, {message}); END"
    keys = "t.id = NEW.id" + (" OR t.reference = NEW.reference OR (t.year = NEW.year AND "
                              "t.number = NEW.number)" if table == "assistance_request" else "")
    return [f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} AS t WHERE {keys}) {refuse}",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} {refuse}",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} {refuse}"]


def _postgres(table: str, message: str) -> list[str]:
    # history_refuse() comes from migration 0006
    refuse = f"EXECUTE FUNCTION history_refuse({message})"
    return [f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT {refuse}",
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} FOR EACH ROW {refuse}",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} FOR EACH ROW {refuse}"]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
