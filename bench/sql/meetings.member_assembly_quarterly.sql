-- meetings.member_assembly_quarterly (periodic): each party branch holds at least one meeting.member_assembly
-- quarterly (支部党员大会每季度至少召开一次). Whole periods since the effective date, judged the day after their due
-- date (5 working days after the period's end). An event counts for the period whose days it
-- falls in; the grace is only how long a period's records may take to arrive (no 补开).
-- periods: every=quarter due=5 workdays from=2025-01-01
WITH
p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'meetings.member_assembly_quarterly'
),
own AS MATERIALIZED (  -- the periods in which each unit held one
  SELECT DISTINCT e.org, d.q_idx AS idx
  FROM events e
  CROSS JOIN days d ON d.day = date(e.ts + e.utc_offset, 'unixepoch')  -- CROSS: the events first
  WHERE e.type = 'meeting.member_assembly' AND e.ts < :end_utc
)
SELECT o.id AS subject, p.label AS period, '' AS key, 'missing' AS outcome
FROM orgs o
CROSS JOIN p
WHERE o.kind = 'party_branch'
  AND p."end" < :as_of AND p.due < :as_of       -- closed as of the run
  -- NOT IN builds its own index; a LEFT JOIN on the CTE was left to the planner's choice of
  -- an automatic index, which it stopped making (2.6 s instead of 60 ms on 100k events).
  AND (o.id, p.idx) NOT IN (SELECT org, idx FROM own WHERE idx IS NOT NULL);
