"""PostGIS checks the file validator cannot make cheaply, reported as validation problems."""
from __future__ import annotations

import json

import sqlalchemy as sa

from geo import settings
from geo.data.validate import Problem
from geo.db.engine import engine

# tables whose rows carry a point and name the jurisdiction it lies in
POINT_TABLES = {"jurisdictions": "adcode", "places": "place_id", "checkpoints": "checkpoint_id"}
OUTSIDE = """
SELECT t.line_no, t.lon::text || ', ' || t.lat::text, t.adcode, t.precision, tol.metres,
       round(ST_Distance(b.geom::geography, t.geom::geography))::bigint
FROM "{table}" t
JOIN boundaries b ON b.code = t.adcode AND b.layer IN ('provinces', 'prefectures', 'counties')
JOIN (SELECT key AS precision, value::float8 AS metres FROM jsonb_each_text(CAST(:tolerance AS jsonb))) tol
  ON tol.precision = t.precision
WHERE NOT ST_Covers(b.geom, t.geom)
  AND NOT ST_DWithin(b.geom::geography, t.geom::geography, tol.metres)
ORDER BY t.line_no
"""


def points_outside(url: str) -> list[Problem]:
    """Every point farther outside the boundary of the jurisdiction it names than its precision allows
    (settings.DB_POINT_TOLERANCE_M); the GiST index on the points and the boundary join keep it fast."""
    problems = []
    with engine(url).connect() as conn:
        for table in POINT_TABLES:
            result = conn.execute(sa.text(OUTSIDE.format(table=table)),
                                  {"tolerance": json.dumps(settings.DB_POINT_TOLERANCE_M)})
            problems += [Problem(f"{table}.csv", line, "lon", value,
                                 f"a point inside {adcode}, or within {metres:.0f} m of it for precision {precision} "
                                 f"(it is {distance} m outside)")
                         for line, value, adcode, precision, metres, distance in result]
    return problems
