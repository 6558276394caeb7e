-- DuckDB form of bench/sql/reporting.annual_report_to_city.sql (see there for what it checks).
-- attrs.year compared as a number: SQLite's json_extract gives the number, DuckDB's gives JSON.
WITH p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'reporting.annual_report_to_city'
),
filed AS (
  SELECT e.org, p.idx, count(*) AS n
  FROM events e
  JOIN p ON p.idx = TRY_CAST(json_extract(e.attrs, '$.year') AS DOUBLE)
        AND DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) BETWEEN p.start AND p.due
  WHERE e.type = 'report.annual_party_building' AND e.ts < :end_utc
  GROUP BY e.org, p.idx
)
SELECT o.id AS subject, p.label AS period, '' AS key, 'missing' AS outcome
FROM orgs o CROSS JOIN p
WHERE o.kind = 'organ'
  AND p."end" < :as_of AND p.due < :as_of
  AND NOT EXISTS (SELECT 1 FROM filed f WHERE f.org = o.id AND f.idx = p.idx);
