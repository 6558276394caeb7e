-- DuckDB form of bench/sql/meetings.member_assembly_quarterly.sql (see there for what it checks).
WITH
p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'meetings.member_assembly_quarterly'
),
own AS MATERIALIZED (  -- the periods in which each unit held one
  SELECT DISTINCT e.org, d.q_idx AS idx
  FROM events e
  JOIN days d ON d.day = DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER)
  WHERE e.type = 'meeting.member_assembly' AND e.ts < :end_utc
)
SELECT o.id AS subject, p.label AS period, '' AS key, 'missing' AS outcome
FROM orgs o
CROSS JOIN p
WHERE o.kind = 'party_branch'
  AND p."end" < :as_of AND p.due < :as_of       -- closed as of the run
  AND NOT EXISTS (SELECT 1 FROM own w WHERE w.org = o.id AND w.idx = p.idx);
