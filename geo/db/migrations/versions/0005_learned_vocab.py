"""Learned vocabulary of report intake: phrases staff corrected during review, with who and when.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learned_vocab",
        sa.Column("ident", sa.Text(), primary_key=True),  # hash of field and phrase: one entry per phrase and field
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("user_name", sa.Text(), nullable=False),
        sa.Column("learned_at", sa.Text(), nullable=False),
        sa.Column("example", sa.Text(), nullable=False, server_default=""),
        sa.CheckConstraint("field IN ('indicator', 'drug', 'place')", name="learned_vocab_field"),
        sa.CheckConstraint("length(phrase) > 0", name="learned_vocab_phrase"),
    )


def downgrade() -> None:
    op.drop_table("learned_vocab")
