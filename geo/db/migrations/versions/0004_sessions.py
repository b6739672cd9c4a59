"""Signed-in sessions shared by every replica (only the SHA-256 of each browser's token is stored).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("key", sa.Text(), nullable=False), sa.Column("user_name", sa.Text(), nullable=False),
        sa.Column("started", sa.Float(), nullable=False), sa.Column("last_seen", sa.Float(), nullable=False),
        sa.Column("ended", sa.Float(), server_default="0", nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("key"))
    op.create_index("sessions_user", "sessions", ["user_name"])


def downgrade() -> None:
    op.drop_index("sessions_user", table_name="sessions")
    op.drop_table("sessions")
