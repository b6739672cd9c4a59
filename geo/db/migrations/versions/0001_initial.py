"""One table per curated file (constraints mirror the validator), boundaries, source texts, history, data version.

Revision ID: 0001
Revises: (none)
"""
from alembic import op
import geoalchemy2
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('boundaries',
    sa.Column('layer', sa.Text(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('code', sa.Text(), nullable=True),
    sa.Column('props', postgresql.JSON(astext_type=sa.Text()), nullable=False),  # json, not jsonb: keeps key order
    sa.Column('geom', geoalchemy2.types.Geometry(geometry_type='MULTIPOLYGON', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry', nullable=False), nullable=False),
    sa.PrimaryKeyConstraint('layer', 'ord')
    )
    op.create_index('boundaries_code', 'boundaries', ['code'], unique=False)
    op.create_index('boundaries_geom_gist', 'boundaries', ['geom'], unique=False, postgresql_using='gist')
    op.create_table('cases',
    sa.Column('case_id', sa.Text(), nullable=False),
    sa.Column('case_number', sa.Text(), nullable=True),
    sa.Column('level', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('adcode', sa.Text(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('period_label', sa.Text(), nullable=True),
    sa.Column('period_label_en', sa.Text(), nullable=True),
    sa.Column('suspects', sa.BigInteger(), nullable=True),
    sa.Column('suspects_qualifier', sa.Text(), nullable=True),
    sa.Column('vehicles', sa.BigInteger(), nullable=True),
    sa.Column('cash_cny', sa.Numeric(), nullable=True),
    sa.Column('cash_qualifier', sa.Text(), nullable=True),
    sa.Column('cash_as_written', sa.Text(), nullable=True),
    sa.Column('route_id', sa.Text(), nullable=True),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('"adcode" <> \'\'', name='cases_adcode_0'),
    sa.CheckConstraint('"adcode" ~ \'^[0-9]{6}$\'', name='cases_adcode_1'),
    sa.CheckConstraint('"case_id" <> \'\'', name='cases_case_id_0'),
    sa.CheckConstraint('"cash_cny" >= 0', name='cases_cash_cny_0'),
    sa.CheckConstraint('"cash_qualifier" IN (\'exact\', \'plus\', \'about\', \'at_most\')', name='cases_cash_qualifier_0'),
    sa.CheckConstraint('"level" <> \'\'', name='cases_level_0'),
    sa.CheckConstraint('"level" IN (\'ministry_target\', \'provincial_target\', \'other\')', name='cases_level_1'),
    sa.CheckConstraint('"name_en" <> \'\'', name='cases_name_en_0'),
    sa.CheckConstraint('"name_zh" <> \'\'', name='cases_name_zh_0'),
    sa.CheckConstraint('"quote" <> \'\'', name='cases_quote_0'),
    sa.CheckConstraint('"source_file" <> \'\'', name='cases_source_file_0'),
    sa.CheckConstraint('"suspects" >= 0', name='cases_suspects_0'),
    sa.CheckConstraint('"suspects_qualifier" IN (\'exact\', \'plus\', \'about\', \'at_most\')', name='cases_suspects_qualifier_0'),
    sa.CheckConstraint('"vehicles" >= 0', name='cases_vehicles_0'),
    sa.CheckConstraint('"visibility" IN (\'public\', \'internal\')', name='cases_visibility_0'),
    sa.CheckConstraint('period_end >= period_start', name='cases_period'),
    sa.PrimaryKeyConstraint('case_id'),
    sa.UniqueConstraint('line_no')
    )
    op.create_index('cases_adcode', 'cases', ['adcode'], unique=False)
    op.create_table('checkpoints',
    sa.Column('checkpoint_id', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('adcode', sa.Text(), nullable=False),
    sa.Column('lon', sa.Numeric(), nullable=False),
    sa.Column('lat', sa.Numeric(), nullable=False),
    sa.Column('precision', sa.Text(), nullable=False),
    sa.Column('coord_method', sa.Text(), nullable=False),
    sa.Column('period_label', sa.Text(), nullable=True),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('geom', geoalchemy2.types.Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry'), sa.Computed('ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4326)', persisted=True), nullable=True),
    sa.CheckConstraint('"adcode" <> \'\'', name='checkpoints_adcode_0'),
    sa.CheckConstraint('"adcode" ~ \'^[0-9]{6}$\'', name='checkpoints_adcode_1'),
    sa.CheckConstraint('"checkpoint_id" <> \'\'', name='checkpoints_checkpoint_id_0'),
    sa.CheckConstraint('"coord_method" <> \'\'', name='checkpoints_coord_method_0'),
    sa.CheckConstraint('"kind" <> \'\'', name='checkpoints_kind_0'),
    sa.CheckConstraint('"kind" IN (\'interprovincial_checkpoint\', \'police_checkpoint\', \'inspection_station\', \'work_station_out_of_province\')', name='checkpoints_kind_1'),
    sa.CheckConstraint('"lat" BETWEEN 3.0 AND 54.0', name='checkpoints_lat_0'),
    sa.CheckConstraint('"lon" BETWEEN 73.0 AND 135.5', name='checkpoints_lon_0'),
    sa.CheckConstraint('"name_en" <> \'\'', name='checkpoints_name_en_0'),
    sa.CheckConstraint('"name_zh" <> \'\'', name='checkpoints_name_zh_0'),
    sa.CheckConstraint('"precision" <> \'\'', name='checkpoints_precision_0'),
    sa.CheckConstraint('"precision" IN (\'exact\', \'town\', \'county_centroid\', \'prefecture_centroid\', \'province_centroid\', \'approximate\')', name='checkpoints_precision_1'),
    sa.CheckConstraint('"quote" <> \'\'', name='checkpoints_quote_0'),
    sa.CheckConstraint('"source_file" <> \'\'', name='checkpoints_source_file_0'),
    sa.CheckConstraint('"visibility" IN (\'public\', \'internal\')', name='checkpoints_visibility_0'),
    sa.PrimaryKeyConstraint('checkpoint_id'),
    sa.UniqueConstraint('line_no')
    )
    op.create_index('checkpoints_adcode', 'checkpoints', ['adcode'], unique=False)
    op.create_index('checkpoints_geom_gist', 'checkpoints', ['geom'], unique=False, postgresql_using='gist')
    op.create_table('csv_headers',
    sa.Column('table_name', sa.Text(), nullable=False),
    sa.Column('columns', sa.ARRAY(sa.Text()), nullable=False),
    sa.PrimaryKeyConstraint('table_name')
    )
    op.create_table('data_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('id = 1', name='data_version_one_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('demo_sites',
    sa.Column('record_id', sa.Text(), nullable=False),
    sa.Column('adcode', sa.Text(), nullable=False),
    sa.Column('category', sa.Text(), nullable=False),
    sa.Column('level', sa.Text(), nullable=False),
    sa.Column('count', sa.Numeric(), nullable=False),
    sa.Column('qualifier', sa.Text(), nullable=False),
    sa.Column('period_label', sa.Text(), nullable=True),
    sa.Column('period_label_en', sa.Text(), nullable=True),
    sa.Column('label_zh', sa.Text(), nullable=False),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('"adcode" <> \'\'', name='demo_sites_adcode_0'),
    sa.CheckConstraint('"adcode" ~ \'^[0-9]{6}$\'', name='demo_sites_adcode_1'),
    sa.CheckConstraint('"category" <> \'\'', name='demo_sites_category_0'),
    sa.CheckConstraint('"category" IN (\'city\', \'school\', \'town\', \'village\', \'community\', \'rehab_point\', \'rehab_workstation\', \'education_centre\', \'theme_park\', \'rehab_community\', \'unit\', \'other\')', name='demo_sites_category_1'),
    sa.CheckConstraint('"count" >= 0', name='demo_sites_count_0'),
    sa.CheckConstraint('"label_zh" <> \'\'', name='demo_sites_label_zh_0'),
    sa.CheckConstraint('"level" <> \'\'', name='demo_sites_level_0'),
    sa.CheckConstraint('"level" IN (\'national\', \'provincial\', \'city\', \'county\', \'unspecified\')', name='demo_sites_level_1'),
    sa.CheckConstraint('"qualifier" <> \'\'', name='demo_sites_qualifier_0'),
    sa.CheckConstraint('"qualifier" IN (\'exact\', \'plus\', \'about\', \'at_most\')', name='demo_sites_qualifier_1'),
    sa.CheckConstraint('"quote" <> \'\'', name='demo_sites_quote_0'),
    sa.CheckConstraint('"record_id" <> \'\'', name='demo_sites_record_id_0'),
    sa.CheckConstraint('"source_file" <> \'\'', name='demo_sites_source_file_0'),
    sa.CheckConstraint('"visibility" IN (\'public\', \'internal\')', name='demo_sites_visibility_0'),
    sa.PrimaryKeyConstraint('record_id'),
    sa.UniqueConstraint('line_no')
    )
    op.create_index('demo_sites_adcode', 'demo_sites', ['adcode'], unique=False)
    op.create_table('figures',
    sa.Column('figure_id', sa.Text(), nullable=False),
    sa.Column('adcode', sa.Text(), nullable=False),
    sa.Column('category', sa.Text(), nullable=False),
    sa.Column('metric', sa.Text(), nullable=False),
    sa.Column('value', sa.Numeric(), nullable=True),
    sa.Column('qualifier', sa.Text(), nullable=False),
    sa.Column('unit', sa.Text(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('period_label', sa.Text(), nullable=True),
    sa.Column('period_label_en', sa.Text(), nullable=True),
    sa.Column('change_value', sa.Numeric(), nullable=True),
    sa.Column('change_unit', sa.Text(), nullable=True),
    sa.Column('change_basis', sa.Text(), nullable=True),
    sa.Column('label_zh', sa.Text(), nullable=False),
    sa.Column('label_en', sa.Text(), nullable=False),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('"adcode" <> \'\'', name='figures_adcode_0'),
    sa.CheckConstraint('"adcode" ~ \'^[0-9]{6}$\'', name='figures_adcode_1'),
    sa.CheckConstraint('"category" <> \'\'', name='figures_category_0'),
    sa.CheckConstraint('"category" IN (\'enforcement\', \'education\', \'rehab\', \'outflow\', \'checkpoint\', \'ranking\', \'other\')', name='figures_category_1'),
    sa.CheckConstraint('"change_basis" IN (\'yoy\', \'vs_earlier\')', name='figures_change_basis_0'),
    sa.CheckConstraint('"change_unit" IN (\'percent\', \'count\', \'percentage_point\')', name='figures_change_unit_0'),
    sa.CheckConstraint('"figure_id" <> \'\'', name='figures_figure_id_0'),
    sa.CheckConstraint('"label_en" <> \'\'', name='figures_label_en_0'),
    sa.CheckConstraint('"label_zh" <> \'\'', name='figures_label_zh_0'),
    sa.CheckConstraint('"metric" <> \'\'', name='figures_metric_0'),
    sa.CheckConstraint('"qualifier" <> \'\'', name='figures_qualifier_0'),
    sa.CheckConstraint('"qualifier" IN (\'exact\', \'plus\', \'about\', \'at_most\')', name='figures_qualifier_1'),
    sa.CheckConstraint('"quote" <> \'\'', name='figures_quote_0'),
    sa.CheckConstraint('"source_file" <> \'\'', name='figures_source_file_0'),
    sa.CheckConstraint('"unit" <> \'\'', name='figures_unit_0'),
    sa.CheckConstraint('"value" >= 0', name='figures_value_0'),
    sa.CheckConstraint('"visibility" IN (\'public\', \'internal\')', name='figures_visibility_0'),
    sa.CheckConstraint('period_end >= period_start', name='figures_period'),
    sa.PrimaryKeyConstraint('figure_id'),
    sa.UniqueConstraint('line_no')
    )
    op.create_index('figures_adcode', 'figures', ['adcode'], unique=False)
    op.create_table('jurisdictions',
    sa.Column('adcode', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('level', sa.Text(), nullable=False),
    sa.Column('parent_adcode', sa.Text(), nullable=True),
    sa.Column('lon', sa.Numeric(), nullable=False),
    sa.Column('lat', sa.Numeric(), nullable=False),
    sa.Column('precision', sa.Text(), nullable=False),
    sa.Column('coord_method', sa.Text(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('geom', geoalchemy2.types.Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry'), sa.Computed('ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4326)', persisted=True), nullable=True),
    sa.CheckConstraint('"adcode" <> \'\'', name='jurisdictions_adcode_0'),
    sa.CheckConstraint('"adcode" ~ \'^[0-9]{6}$\'', name='jurisdictions_adcode_1'),
    sa.CheckConstraint('"coord_method" <> \'\'', name='jurisdictions_coord_method_0'),
    sa.CheckConstraint('"lat" BETWEEN 3.0 AND 54.0', name='jurisdictions_lat_0'),
    sa.CheckConstraint('"level" <> \'\'', name='jurisdictions_level_0'),
    sa.CheckConstraint('"level" IN (\'province\', \'prefecture\', \'county\')', name='jurisdictions_level_1'),
    sa.CheckConstraint('"lon" BETWEEN 73.0 AND 135.5', name='jurisdictions_lon_0'),
    sa.CheckConstraint('"name_en" <> \'\'', name='jurisdictions_name_en_0'),
    sa.CheckConstraint('"name_zh" <> \'\'', name='jurisdictions_name_zh_0'),
    sa.CheckConstraint('"parent_adcode" ~ \'^[0-9]{6}$\'', name='jurisdictions_parent_adcode_0'),
    sa.CheckConstraint('"precision" <> \'\'', name='jurisdictions_precision_0'),
    sa.CheckConstraint('"precision" IN (\'exact\', \'town\', \'county_centroid\', \'prefecture_centroid\', \'province_centroid\', \'approximate\')', name='jurisdictions_precision_1'),
    sa.PrimaryKeyConstraint('adcode'),
    sa.UniqueConstraint('line_no')
    )
    op.create_index('jurisdictions_geom_gist', 'jurisdictions', ['geom'], unique=False, postgresql_using='gist')
    op.create_table('places',
    sa.Column('place_id', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('adcode', sa.Text(), nullable=True),
    sa.Column('lon', sa.Numeric(), nullable=False),
    sa.Column('lat', sa.Numeric(), nullable=False),
    sa.Column('precision', sa.Text(), nullable=False),
    sa.Column('coord_method', sa.Text(), nullable=False),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('geom', geoalchemy2.types.Geometry(geometry_type='POINT', srid=4326, dimension=2, spatial_index=False, from_text='ST_GeomFromEWKT', name='geometry'), sa.Computed('ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4326)', persisted=True), nullable=True),
    sa.CheckConstraint('"adcode" ~ \'^[0-9]{6}$\'', name='places_adcode_0'),
    sa.CheckConstraint('"coord_method" <> \'\'', name='places_coord_method_0'),
    sa.CheckConstraint('"kind" <> \'\'', name='places_kind_0'),
    sa.CheckConstraint('"kind" IN (\'country\', \'region\', \'town\', \'village\', \'other\')', name='places_kind_1'),
    sa.CheckConstraint('"lat" BETWEEN 3.0 AND 54.0', name='places_lat_0'),
    sa.CheckConstraint('"lon" BETWEEN 73.0 AND 135.5', name='places_lon_0'),
    sa.CheckConstraint('"name_en" <> \'\'', name='places_name_en_0'),
    sa.CheckConstraint('"name_zh" <> \'\'', name='places_name_zh_0'),
    sa.CheckConstraint('"place_id" <> \'\'', name='places_place_id_0'),
    sa.CheckConstraint('"precision" <> \'\'', name='places_precision_0'),
    sa.CheckConstraint('"precision" IN (\'exact\', \'town\', \'county_centroid\', \'prefecture_centroid\', \'province_centroid\', \'approximate\')', name='places_precision_1'),
    sa.CheckConstraint('"quote" <> \'\'', name='places_quote_0'),
    sa.CheckConstraint('"source_file" <> \'\'', name='places_source_file_0'),
    sa.CheckConstraint('"visibility" IN (\'public\', \'internal\')', name='places_visibility_0'),
    sa.PrimaryKeyConstraint('place_id'),
    sa.UniqueConstraint('line_no')
    )
    op.create_index('places_adcode', 'places', ['adcode'], unique=False)
    op.create_index('places_geom_gist', 'places', ['geom'], unique=False, postgresql_using='gist')
    op.create_table('route_waypoints',
    sa.Column('route_id', sa.Text(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('place_ref', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('as_written', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('"as_written" <> \'\'', name='route_waypoints_as_written_0'),
    sa.CheckConstraint('"place_ref" <> \'\'', name='route_waypoints_place_ref_0'),
    sa.CheckConstraint('"role" <> \'\'', name='route_waypoints_role_0'),
    sa.CheckConstraint('"role" IN (\'origin\', \'transit\', \'destination\')', name='route_waypoints_role_1'),
    sa.CheckConstraint('"route_id" <> \'\'', name='route_waypoints_route_id_0'),
    sa.CheckConstraint('"seq" >= 0', name='route_waypoints_seq_0'),
    sa.PrimaryKeyConstraint('line_no')
    )
    op.create_table('routes',
    sa.Column('route_id', sa.Text(), nullable=False),
    sa.Column('name_zh', sa.Text(), nullable=False),
    sa.Column('name_en', sa.Text(), nullable=False),
    sa.Column('drug_type', sa.Text(), nullable=False),
    sa.Column('case_id', sa.Text(), nullable=True),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('"drug_type" <> \'\'', name='routes_drug_type_0'),
    sa.CheckConstraint('"drug_type" IN (\'heroin\', \'methamphetamine\', \'magu\', \'ketamine\', \'cannabis\', \'precursor\', \'mixed\', \'unspecified\')', name='routes_drug_type_1'),
    sa.CheckConstraint('"name_en" <> \'\'', name='routes_name_en_0'),
    sa.CheckConstraint('"name_zh" <> \'\'', name='routes_name_zh_0'),
    sa.CheckConstraint('"quote" <> \'\'', name='routes_quote_0'),
    sa.CheckConstraint('"route_id" <> \'\'', name='routes_route_id_0'),
    sa.CheckConstraint('"source_file" <> \'\'', name='routes_source_file_0'),
    sa.CheckConstraint('"visibility" IN (\'public\', \'internal\')', name='routes_visibility_0'),
    sa.PrimaryKeyConstraint('route_id'),
    sa.UniqueConstraint('line_no')
    )
    op.create_table('seizures',
    sa.Column('seizure_id', sa.Text(), nullable=False),
    sa.Column('adcode', sa.Text(), nullable=False),
    sa.Column('case_id', sa.Text(), nullable=True),
    sa.Column('drug_type', sa.Text(), nullable=False),
    sa.Column('drug_as_written', sa.Text(), nullable=False),
    sa.Column('quantity', sa.Numeric(), nullable=False),
    sa.Column('qualifier', sa.Text(), nullable=False),
    sa.Column('unit', sa.Text(), nullable=False),
    sa.Column('alt_quantity', sa.Numeric(), nullable=True),
    sa.Column('alt_qualifier', sa.Text(), nullable=True),
    sa.Column('alt_unit', sa.Text(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('period_label', sa.Text(), nullable=True),
    sa.Column('period_label_en', sa.Text(), nullable=True),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('visibility', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('"adcode" <> \'\'', name='seizures_adcode_0'),
    sa.CheckConstraint('"adcode" ~ \'^[0-9]{6}$\'', name='seizures_adcode_1'),
    sa.CheckConstraint('"alt_qualifier" IN (\'exact\', \'plus\', \'about\', \'at_most\')', name='seizures_alt_qualifier_0'),
    sa.CheckConstraint('"alt_quantity" >= 0', name='seizures_alt_quantity_0'),
    sa.CheckConstraint('"alt_unit" IN (\'kg\', \'g\', \'tablet\')', name='seizures_alt_unit_0'),
    sa.CheckConstraint('"drug_as_written" <> \'\'', name='seizures_drug_as_written_0'),
    sa.CheckConstraint('"drug_type" <> \'\'', name='seizures_drug_type_0'),
    sa.CheckConstraint('"drug_type" IN (\'heroin\', \'methamphetamine\', \'magu\', \'ketamine\', \'cannabis\', \'precursor\', \'mixed\', \'unspecified\')', name='seizures_drug_type_1'),
    sa.CheckConstraint('"qualifier" <> \'\'', name='seizures_qualifier_0'),
    sa.CheckConstraint('"qualifier" IN (\'exact\', \'plus\', \'about\', \'at_most\')', name='seizures_qualifier_1'),
    sa.CheckConstraint('"quantity" >= 0', name='seizures_quantity_0'),
    sa.CheckConstraint('"quote" <> \'\'', name='seizures_quote_0'),
    sa.CheckConstraint('"seizure_id" <> \'\'', name='seizures_seizure_id_0'),
    sa.CheckConstraint('"source_file" <> \'\'', name='seizures_source_file_0'),
    sa.CheckConstraint('"unit" <> \'\'', name='seizures_unit_0'),
    sa.CheckConstraint('"unit" IN (\'kg\', \'g\', \'tablet\')', name='seizures_unit_1'),
    sa.CheckConstraint('"visibility" IN (\'public\', \'internal\')', name='seizures_visibility_0'),
    sa.CheckConstraint('period_end >= period_start', name='seizures_period'),
    sa.PrimaryKeyConstraint('seizure_id'),
    sa.UniqueConstraint('line_no')
    )
    op.create_index('seizures_adcode', 'seizures', ['adcode'], unique=False)
    op.create_table('source_texts',
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('sources',
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('title_zh', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=True),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('doc_date', sa.Date(), nullable=False),
    sa.Column('doc_date_basis', sa.Text(), nullable=True),
    sa.Column('city_adcode', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.CheckConstraint('"city_adcode" <> \'\'', name='sources_city_adcode_0'),
    sa.CheckConstraint('"city_adcode" ~ \'^[0-9]{6}$\'', name='sources_city_adcode_1'),
    sa.CheckConstraint('"source_file" <> \'\'', name='sources_source_file_0'),
    sa.CheckConstraint('"title_zh" <> \'\'', name='sources_title_zh_0'),
    sa.PrimaryKeyConstraint('source_file'),
    sa.UniqueConstraint('line_no')
    )
    op.create_table('versions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('table_name', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_name', sa.Text(), nullable=False),
    sa.Column('csv', sa.Text(), nullable=False),
    sa.Column('sha256', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('versions_table', 'versions', ['table_name', 'id'], unique=False)
    op.create_table('history',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('time', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_name', sa.Text(), nullable=False),
    sa.Column('table_name', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('changed', sa.Integer(), nullable=False),
    sa.Column('removed', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('previous', sa.BigInteger(), nullable=True),
    sa.Column('restored_from', sa.BigInteger(), nullable=True),
    sa.Column('sha256', sa.Text(), nullable=False),
    sa.CheckConstraint("action IN ('update', 'restore', 'import')", name='history_action'),
    sa.ForeignKeyConstraint(['previous'], ['versions.id'], ),
    sa.ForeignKeyConstraint(['restored_from'], ['versions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )

    # references between curated tables run both ways (cases ↔ routes): added once every table exists, and
    # checked at commit, so a whole table can be replaced inside one transaction
    op.create_foreign_key('cases_adcode_fkey', 'cases', 'jurisdictions', ['adcode'], ['adcode'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('cases_route_id_fkey', 'cases', 'routes', ['route_id'], ['route_id'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('cases_source_file_fkey', 'cases', 'source_texts', ['source_file'], ['name'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('checkpoints_adcode_fkey', 'checkpoints', 'jurisdictions', ['adcode'], ['adcode'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('checkpoints_source_file_fkey', 'checkpoints', 'source_texts', ['source_file'], ['name'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('demo_sites_adcode_fkey', 'demo_sites', 'jurisdictions', ['adcode'], ['adcode'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('demo_sites_source_file_fkey', 'demo_sites', 'source_texts', ['source_file'], ['name'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('figures_adcode_fkey', 'figures', 'jurisdictions', ['adcode'], ['adcode'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('figures_source_file_fkey', 'figures', 'source_texts', ['source_file'], ['name'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('places_adcode_fkey', 'places', 'jurisdictions', ['adcode'], ['adcode'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('places_source_file_fkey', 'places', 'source_texts', ['source_file'], ['name'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('route_waypoints_route_id_fkey', 'route_waypoints', 'routes', ['route_id'], ['route_id'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('routes_case_id_fkey', 'routes', 'cases', ['case_id'], ['case_id'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('routes_source_file_fkey', 'routes', 'source_texts', ['source_file'], ['name'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('seizures_adcode_fkey', 'seizures', 'jurisdictions', ['adcode'], ['adcode'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('seizures_case_id_fkey', 'seizures', 'cases', ['case_id'], ['case_id'], deferrable=True,
                          initially='DEFERRED')
    op.create_foreign_key('seizures_source_file_fkey', 'seizures', 'source_texts', ['source_file'], ['name'], deferrable=True,
                          initially='DEFERRED')
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")


def downgrade() -> None:
    for name in ('history', 'versions', 'sources', 'source_texts', 'seizures', 'routes', 'route_waypoints', 'places', 'jurisdictions', 'figures', 'demo_sites', 'data_version', 'csv_headers', 'checkpoints', 'cases', 'boundaries'):
        op.execute(f'DROP TABLE IF EXISTS "{name}" CASCADE')
