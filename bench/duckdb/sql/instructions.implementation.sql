-- DuckDB form of bench/sql/instructions.implementation.sql (see there for what it checks).
WITH steps(i, name, type, after, n, unit) AS (
  VALUES (1, 'studied',  'instruction.studied',  0, 5,  'workdays'),
         (2, 'planned',  'instruction.planned',  1, 10, 'workdays'),
         (3, 'ledger',   'instruction.ledger',   2, 5,  'workdays'),
         (4, 'feedback', 'instruction.feedback', 3, 3,  'months')
),
ev AS MATERIALIZED (  -- the first event of each type for each ref, in time order
  SELECT ref, type, org, ts, seq, day FROM (
    SELECT e.ref, e.type, e.org, e.ts, e.seq, DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) AS day,
           row_number() OVER (PARTITION BY e.ref, e.type ORDER BY e.ts, e.seq) AS rn
    FROM events e
    WHERE e.type IN ('instruction.studied', 'instruction.planned', 'instruction.ledger', 'instruction.feedback')
      AND e.ts < :end_utc AND e.ref IS NOT NULL)
  WHERE rn = 1
),
cases AS MATERIALIZED (  -- the first instruction.received of each ref on or after the effective date
  SELECT ref, org, ts, seq, day FROM (
    SELECT e.ref, e.org, e.ts, e.seq, DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) AS day,
           row_number() OVER (PARTITION BY e.ref ORDER BY e.ts, e.seq) AS rn
    FROM events e
    WHERE e.type = 'instruction.received' AND e.ts < :end_utc AND e.ref IS NOT NULL
      AND DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) >= DATE '2025-01-01')
  WHERE rn = 1
),
judged AS (
  SELECT c.org, c.ref, s.name, s.n, s.unit,
         d.day AS done, d.ts AS d_ts, d.seq AS d_seq, c.ts AS c_ts, c.seq AS c_seq,
         -- the step it follows: the case itself, or that step's first event
         CASE WHEN s.after = 0 THEN c.day ELSE b.day END AS before_day,
         CASE WHEN s.after = 0 THEN c.ts ELSE b.ts END AS b_ts,
         CASE WHEN s.after = 0 THEN c.seq ELSE b.seq END AS b_seq,
         c.day AS case_day
  FROM cases c
  CROSS JOIN steps s
  LEFT JOIN ev d ON d.ref = c.ref AND d.type = s.type
  LEFT JOIN steps sb ON sb.i = s.after
  LEFT JOIN ev b ON b.ref = c.ref AND b.type = sb.type
),
dated AS (
  SELECT j.*,
         (d_ts < c_ts OR (d_ts = c_ts AND d_seq < c_seq)                       -- before the case
          OR before_day IS NULL OR b_ts > d_ts OR (b_ts = d_ts AND b_seq > d_seq)) -- before the step it follows
           AS early,
         CASE WHEN before_day IS NULL THEN NULL
              WHEN unit = 'workdays' THEN
                (SELECT w.day FROM days x JOIN workdays w ON w.n = x.wd + j.n WHERE x.day = greatest(j.before_day, j.case_day))
              ELSE  -- N months on: the same day of the month, or the month's last day
                CAST(greatest(before_day, case_day) + to_months(n) AS DATE)  -- DuckDB clamps to the month's last day
         END AS due
  FROM judged j
)
SELECT org AS subject, '' AS period, ref || '|' || name AS key,
       CASE WHEN done IS NOT NULL AND early THEN 'out_of_order'
            WHEN done IS NOT NULL THEN 'late'
            ELSE 'missing' END AS outcome
FROM dated
WHERE (done IS NOT NULL AND early)
   OR (done IS NOT NULL AND NOT early AND done > due)
   OR (done IS NULL AND before_day IS NOT NULL AND due < :as_of);
