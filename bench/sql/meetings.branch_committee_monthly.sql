-- meetings.branch_committee_monthly (periodic): each party branch holds at least one meeting.branch_committee
-- monthly (支部委员会会议每月至少召开一次). Whole periods since the effective date, judged the day after their due
-- date (5 working days after the period's end). An event counts toward its own period or,
-- inside the 5-working-day grace window, toward the period before; one event discharges one
-- period: the earliest eligible one still short (here: with none yet), else its own.
-- With at_least 1 that greedy pass is a chain from period to period: the first meeting of a
-- period goes back to the period before when that one kept none of its own and the meeting
-- falls on or before its due date. A recursive query walks the chain, branch by branch.
-- periods: every=month due=5 workdays from=2025-01-01
WITH RECURSIVE
p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'meetings.branch_committee_monthly'
),
own AS MATERIALIZED (  -- each unit's events in each period: how many, and the first one's day
  SELECT e.org, p.idx, count(*) AS n, min(date(e.ts + e.utc_offset, 'unixepoch')) AS first
  FROM events e
  CROSS JOIN days d ON d.day = date(e.ts + e.utc_offset, 'unixepoch')  -- CROSS: the events first
  CROSS JOIN p ON p.idx = d.m_idx
  WHERE e.type = 'meeting.branch_committee' AND e.ts < :end_utc
  GROUP BY e.org, p.idx
),
kept(org, idx, n) AS (  -- the events a period keeps once the period before took its share
  SELECT o.id, (SELECT min(idx) FROM p), coalesce(w.n, 0)
  FROM orgs o LEFT JOIN own w ON w.org = o.id AND w.idx = (SELECT min(idx) FROM p)
  WHERE o.kind = 'party_branch'
  UNION ALL
  SELECT k.org, cur.idx,
         coalesce(w.n, 0) - (CASE WHEN k.n = 0 AND w.first <= prev.due THEN 1 ELSE 0 END)
  FROM kept k
  JOIN p prev ON prev.idx = k.idx
  JOIN p cur ON cur.idx = k.idx + 1
  LEFT JOIN own w ON w.org = k.org AND w.idx = cur.idx
)
SELECT k.org AS subject, p.label AS period, '' AS key, 'missing' AS outcome
FROM kept k
JOIN p ON p.idx = k.idx
LEFT JOIN own nx ON nx.org = k.org AND nx.idx = k.idx + 1
WHERE p."end" < :as_of AND p.due < :as_of       -- closed as of the run
  AND k.n = 0                                    -- kept none of its own
  AND NOT coalesce(nx.first <= p.due, 0);        -- and the next period gave it none
