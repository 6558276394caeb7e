-- DuckDB form of bench/sql/meetings.branch_committee_monthly.sql (see there for what it checks).
WITH
p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'meetings.branch_committee_monthly'
),
own AS MATERIALIZED (  -- the periods in which each unit held one
  SELECT DISTINCT e.org, d.m_idx AS idx
  FROM events e
  JOIN days d ON d.day = DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER)
  WHERE e.type = 'meeting.branch_committee' AND e.ts < :end_utc
    AND (json_extract(e.attrs, '$.attendees') IS NULL OR json_type(e.attrs, '$.attendees') = 'NULL'
         OR json_extract(e.attrs, '$.members_total') IS NULL OR json_type(e.attrs, '$.members_total') = 'NULL'
         OR CAST(json_extract(e.attrs, '$.attendees') AS DOUBLE) * 2 >= CAST(json_extract(e.attrs, '$.members_total') AS DOUBLE))
)
SELECT o.id AS subject, p.label AS period, '' AS key, 'missing' AS outcome
FROM orgs o
CROSS JOIN p
WHERE o.kind = 'party_branch'
  AND p."end" < :as_of AND p.due < :as_of       -- closed as of the run
  AND NOT EXISTS (SELECT 1 FROM own w WHERE w.org = o.id AND w.idx = p.idx);
