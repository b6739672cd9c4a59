"""Users, failed sign-ins and an append-only audit log.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.Text(), nullable=False), sa.Column("role", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.CheckConstraint("role IN ('viewer', 'staff', 'admin')", name="users_role"),
        sa.CheckConstraint("name ~ '^[A-Za-z0-9_.-]{1,40}$'", name="users_name"),
        sa.PrimaryKeyConstraint("name"))
    op.create_table(
        "sign_in_attempts",
        sa.Column("name", sa.Text(), nullable=False), sa.Column("failures", sa.ARRAY(sa.Float()), nullable=False),
        sa.Column("locked_until", sa.Float(), nullable=False), sa.PrimaryKeyConstraint("name"))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger(), sa.Identity(), nullable=False), sa.Column("time", sa.Text(), nullable=False),
        sa.Column("user_name", sa.Text(), nullable=False), sa.Column("role", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False), sa.Column("target", sa.Text(), nullable=False),
        sa.Column("client", sa.Text(), nullable=False),
        sa.Column("details", postgresql.JSON(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    op.create_index("audit_log_time", "audit_log", ["time"])
    # the app only appends: changing or deleting an audit event is refused by the database itself
    op.execute("CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
               "$$BEGIN RAISE EXCEPTION 'the audit log is append-only'; END$$")
    op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
               "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()")


def downgrade() -> None:
    op.drop_table("audit_log")
    op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    op.drop_table("sign_in_attempts")
    op.drop_table("users")
