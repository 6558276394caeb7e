-- DuckDB form of bench/sql/discipline.inquiry_reply_15wd.sql (see there for what it checks).
WITH letters AS (
  SELECT e.seq, e.ts, e.org, e.person, e.ref,
         DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) AS day,
         (e.ts + e.utc_offset) % 86400 != 0 AS timed
  FROM events e
  WHERE e.type = 'inquiry.letter' AND e.ts < :end_utc
    AND e.ref IS NOT NULL AND e.person IS NOT NULL
    AND DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) >= DATE '2025-01-01'
),
due AS (
  SELECT l.*, w.day AS due, warn.day AS warn_from
  FROM letters l
  JOIN days d ON d.day = l.day
  JOIN workdays w ON w.n = d.wd + 15
  JOIN workdays warn ON warn.n = d.wd + 15 - 3
),
answered AS MATERIALIZED (
  SELECT u.*,
         (SELECT min(DATE '1970-01-01' + CAST((r.ts + r.utc_offset) // 86400 AS INTEGER)) FROM events r
          WHERE r.ref = u.ref AND r.type = 'inquiry.reply' AND r.person = u.person
            AND r.ts < :end_utc AND r.seq != u.seq
            AND (DATE '1970-01-01' + CAST((r.ts + r.utc_offset) // 86400 AS INTEGER) > u.day
                 OR (DATE '1970-01-01' + CAST((r.ts + r.utc_offset) // 86400 AS INTEGER) = u.day
                     AND NOT (u.timed AND (r.ts + r.utc_offset) % 86400 != 0 AND r.ts < u.ts)))) AS answered
  FROM due u
)
SELECT person AS subject, '' AS period, ref || '|' || person AS key,
       CASE WHEN answered IS NOT NULL THEN 'late'
            WHEN due < :as_of THEN 'missing'
            ELSE 'due_soon' END AS outcome
FROM answered
WHERE answered > due
   OR (answered IS NULL AND (due < :as_of OR :as_of >= warn_from));
