"""agreements

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 02:11:52.865970
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=True),
    sa.Column('partner_name', sa.String(length=255), nullable=False),
    sa.Column('partner_id', sa.String(length=64), nullable=True),
    sa.Column('partner_type', sa.String(length=32), nullable=False),
    sa.Column('committed_persons', sa.Integer(), nullable=False),
    sa.Column('powers', sa.Text(), nullable=False),
    sa.Column('activation_trigger', sa.Text(), nullable=False),
    sa.Column('lead_time_hours', sa.Integer(), nullable=False),
    sa.Column('compensation_arrangement', sa.Text(), nullable=False),
    sa.Column('compensation_eur', sa.Float(), nullable=True),
    sa.Column('compensation_unit', sa.String(length=32), nullable=True),
    sa.Column('payer', sa.String(length=255), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('document_reference', sa.String(length=255), nullable=False),
    sa.Column('contact_mailbox', sa.String(length=320), nullable=False),
    sa.Column('contact_person', sa.String(length=255), nullable=True),
    sa.Column('created_by', sa.String(length=320), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=320), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_region_code'), ['region_code'], unique=False)

    op.create_table('agreement_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('changed_by', sa.String(length=320), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agreement_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_change_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_scope',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('subcategory', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agreement_scope', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_scope_agreement_id'), ['agreement_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('agreement_scope', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_scope_agreement_id'))

    op.drop_table('agreement_scope')
    with op.batch_alter_table('agreement_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_change_agreement_id'))

    op.drop_table('agreement_change')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_region_code'))

    op.drop_table('agreement')
