"""Core indicators (figures.indicator, figures.indicator_level, a fixed list of figure units), more drug types,
the country level and short names and aliases of jurisdictions.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDICATORS = ("drug_cases", "target_cases", "suspects_arrested", "criminal_detentions", "prosecutions",
              "drug_users_found", "new_drug_users", "compulsory_rehab", "community_rehab", "community_recovery",
              "administrative_detentions", "outflow_traffickers", "drug_labs_destroyed", "drug_dens_destroyed",
              "venues_closed", "education_events", "people_educated")
LEVELS = ("ministry", "provincial", "city", "ministry_and_provincial", "unspecified")
UNITS = ("case", "person", "person_time", "event", "copy", "site", "venue", "percent", "rank", "yuan", "bed", "kg",
         "other")
DRUGS = ("heroin", "methamphetamine", "magu", "ketamine", "opium", "cannabis", "mdma", "cocaine", "synthetic",
         "precursor", "mixed", "unspecified")
OLD_DRUGS = ("heroin", "methamphetamine", "magu", "ketamine", "cannabis", "precursor", "mixed", "unspecified")
OLD_LEVELS = ("province", "prefecture", "county")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f'"{column}" IN (' + ", ".join(f"'{v}'" for v in values) + ")"


def _replace(table: str, name: str, sql: str) -> None:
    op.drop_constraint(name, table, type_="check")
    op.create_check_constraint(name, table, sql)


def upgrade() -> None:
    op.add_column("figures", sa.Column("indicator", sa.Text(), nullable=True))
    op.add_column("figures", sa.Column("indicator_level", sa.Text(), nullable=True))
    op.create_check_constraint("figures_indicator_0", "figures", _in("indicator", INDICATORS))
    op.create_check_constraint("figures_indicator_level_0", "figures", _in("indicator_level", LEVELS))
    op.create_check_constraint("figures_unit_1", "figures", _in("unit", UNITS))
    op.add_column("jurisdictions", sa.Column("short_zh", sa.Text(), nullable=True))
    op.add_column("jurisdictions", sa.Column("aliases", sa.Text(), nullable=True))
    _replace("jurisdictions", "jurisdictions_level_1", _in("level", ("country", *OLD_LEVELS)))
    _replace("routes", "routes_drug_type_1", _in("drug_type", DRUGS))
    _replace("seizures", "seizures_drug_type_1", _in("drug_type", DRUGS))


def downgrade() -> None:
    _replace("seizures", "seizures_drug_type_1", _in("drug_type", OLD_DRUGS))
    _replace("routes", "routes_drug_type_1", _in("drug_type", OLD_DRUGS))
    _replace("jurisdictions", "jurisdictions_level_1", _in("level", OLD_LEVELS))
    op.drop_column("jurisdictions", "aliases")
    op.drop_column("jurisdictions", "short_zh")
    op.drop_constraint("figures_unit_1", "figures", type_="check")
    op.drop_column("figures", "indicator_level")
    op.drop_column("figures", "indicator")
