"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 01:20:42.681066
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('population_load',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference_date', sa.Date(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=320), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('warnings_accepted', sa.JSON(), nullable=False),
    sa.Column('restored_from_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['restored_from_id'], ['submission.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('region_code', 'version', name='uq_submission_version')
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_sha256'), ['sha256'], unique=False)

    op.create_table('capacity_record',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('gemeente_code', sa.String(length=6), nullable=True),
    sa.Column('organisation', sa.String(length=255), nullable=False),
    sa.Column('organisation_id', sa.String(length=64), nullable=True),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('subcategory', sa.String(length=64), nullable=False),
    sa.Column('persons', sa.Integer(), nullable=False),
    sa.Column('fte', sa.Float(), nullable=False),
    sa.Column('deployable_persons', sa.Integer(), nullable=False),
    sa.Column('deployable_within_hours', sa.Integer(), nullable=False),
    sa.Column('powers', sa.Text(), nullable=False),
    sa.Column('peildatum', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('capacity_record', schema=None) as batch_op:
        batch_op.create_index('ix_capacity_record_submission', ['submission_id'], unique=False)

    op.create_table('current_version',
    sa.Column('region_code', sa.String(length=4), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], ),
    sa.PrimaryKeyConstraint('region_code')
    )
    op.create_table('population',
    sa.Column('load_id', sa.Integer(), nullable=False),
    sa.Column('gemeente_code', sa.String(length=6), nullable=False),
    sa.Column('inhabitants', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['load_id'], ['population_load.id'], ),
    sa.PrimaryKeyConstraint('load_id', 'gemeente_code')
    )


def downgrade() -> None:
    op.drop_table('population')
    op.drop_table('current_version')
    with op.batch_alter_table('capacity_record', schema=None) as batch_op:
        batch_op.drop_index('ix_capacity_record_submission')

    op.drop_table('capacity_record')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_sha256'))
        batch_op.drop_index(batch_op.f('ix_submission_region_code'))

    op.drop_table('submission')
    op.drop_table('population_load')
