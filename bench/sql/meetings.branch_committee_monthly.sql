-- meetings.branch_committee_monthly (periodic): each party branch holds at least one meeting.branch_committee
-- monthly (支部委员会会议每月至少召开一次). Whole periods since the effective date, judged the day after their due
-- date (5 working days after the period's end). An event counts for the period whose days it
-- falls in; the grace is only how long a period's records may take to arrive (no 补开). Only a
-- meeting with half of the committee or more counts (半数以上 includes half); one without both
-- head counts counts.
-- periods: every=month due=5 workdays from=2025-01-01
WITH
p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'meetings.branch_committee_monthly'
),
own AS MATERIALIZED (  -- the periods in which each unit held one
  SELECT DISTINCT e.org, d.m_idx AS idx
  FROM events e
  CROSS JOIN days d ON d.day = date(e.ts + e.utc_offset, 'unixepoch')  -- CROSS: the events first
  WHERE e.type = 'meeting.branch_committee' AND e.ts < :end_utc
    AND (json_extract(e.attrs, '$.attendees') IS NULL OR json_extract(e.attrs, '$.members_total') IS NULL
         OR json_extract(e.attrs, '$.attendees') * 2 >= json_extract(e.attrs, '$.members_total'))
)
SELECT o.id AS subject, p.label AS period, '' AS key, 'missing' AS outcome
FROM orgs o
CROSS JOIN p
WHERE o.kind = 'party_branch'
  AND p."end" < :as_of AND p.due < :as_of       -- closed as of the run
  -- NOT IN builds its own index; a LEFT JOIN on the CTE was left to the planner's choice of
  -- an automatic index, which it stopped making (2.6 s instead of 60 ms on 100k events).
  AND (o.id, p.idx) NOT IN (SELECT org, idx FROM own WHERE idx IS NOT NULL);
