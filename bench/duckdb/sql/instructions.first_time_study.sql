-- DuckDB form of bench/sql/instructions.first_time_study.sql (see there for what it checks).
WITH received AS (
  SELECT e.seq, e.ts, e.org, e.ref,
         DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) AS day,
         (e.ts + e.utc_offset) % 86400 != 0 AS timed
  FROM events e
  WHERE e.type = 'instruction.received' AND e.ts < :end_utc AND e.ref IS NOT NULL
    AND DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) >= DATE '2025-01-01'
),
due AS (
  SELECT r.*, w.day AS due
  FROM received r JOIN days d ON d.day = r.day JOIN workdays w ON w.n = d.wd + 5
),
answered AS MATERIALIZED (
  SELECT u.*,
         (SELECT min(DATE '1970-01-01' + CAST((s.ts + s.utc_offset) // 86400 AS INTEGER)) FROM events s
          WHERE s.ref = u.ref AND s.type = 'instruction.studied' AND s.ts < :end_utc AND s.seq != u.seq
            AND (DATE '1970-01-01' + CAST((s.ts + s.utc_offset) // 86400 AS INTEGER) > u.day
                 OR (DATE '1970-01-01' + CAST((s.ts + s.utc_offset) // 86400 AS INTEGER) = u.day
                     AND NOT (u.timed AND (s.ts + s.utc_offset) % 86400 != 0 AND s.ts < u.ts)))) AS answered
  FROM due u
)
SELECT org AS subject, '' AS period, ref AS key,
       CASE WHEN answered IS NOT NULL THEN 'late' ELSE 'missing' END AS outcome
FROM answered
WHERE answered > due OR (answered IS NULL AND due < :as_of);
