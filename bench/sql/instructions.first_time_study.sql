-- instructions.first_time_study (deadline): each instruction.received (from the effective date)
-- is studied (instruction.studied, same ref) within 5 working days after its local day.
-- Outcomes: late, missing (no warn window). Subject: the unit of the instruction.
-- Reading: the first answer after the trigger answers it (one case per ref, as here).
WITH received AS (
  SELECT e.seq, e.ts, e.org, e.ref,
         date(e.ts + e.utc_offset, 'unixepoch') AS day,
         (e.ts + e.utc_offset) % 86400 != 0 AS timed
  FROM events e
  WHERE e.type = 'instruction.received' AND e.ts < :end_utc AND e.ref IS NOT NULL
    AND date(e.ts + e.utc_offset, 'unixepoch') >= '2025-01-01'
),
due AS (
  SELECT r.*, w.day AS due
  FROM received r JOIN days d ON d.day = r.day JOIN workdays w ON w.n = d.wd + 5
),
answered AS MATERIALIZED (
  SELECT u.*,
         (SELECT min(date(s.ts + s.utc_offset, 'unixepoch')) FROM events s INDEXED BY events_ref  -- the planner, without statistics, would take events_type_ts
          WHERE s.ref = u.ref AND s.ref IS NOT NULL AND s.type = 'instruction.studied' AND s.ts < :end_utc AND s.seq != u.seq
            AND (date(s.ts + s.utc_offset, 'unixepoch') > u.day
                 OR (date(s.ts + s.utc_offset, 'unixepoch') = u.day
                     AND NOT (u.timed AND (s.ts + s.utc_offset) % 86400 != 0 AND s.ts < u.ts)))) AS answered
  FROM due u
)
SELECT org AS subject, '' AS period, ref AS key,
       CASE WHEN answered IS NOT NULL THEN 'late' ELSE 'missing' END AS outcome
FROM answered
WHERE answered > due OR (answered IS NULL AND due < :as_of);
