-- DuckDB form of bench/sql/conduct.public_meal_spending_30d.sql (see there for what it checks).
WITH meals AS (
  SELECT e.org, e.ts, e.seq, (e.ts + e.utc_offset) // 86400 AS dn,
         CAST(json_extract(e.attrs, '$.amount') AS DOUBLE) AS amount
  FROM events e
  WHERE e.type = 'expense.meal' AND e.ts < :end_utc
    AND json_type(e.attrs, '$.public_funds') = 'BOOLEAN' AND json_extract_string(e.attrs, '$.public_funds') = 'true'
    AND json_extract(e.attrs, '$.amount') IS NOT NULL AND json_type(e.attrs, '$.amount') <> 'NULL'
    AND DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) >= DATE '2025-01-01'
),
windowed AS (
  SELECT org, ts, seq, dn,
         sum(amount) OVER (PARTITION BY org ORDER BY ts, seq ROWS UNBOUNDED PRECEDING)
           - coalesce(sum(amount) OVER (PARTITION BY org ORDER BY dn RANGE BETWEEN UNBOUNDED PRECEDING AND 30 PRECEDING), 0)
           AS total
  FROM meals
),
crossed AS (
  SELECT org, dn, total >= 5000 AS over,
         lag(total >= 5000, 1, false) OVER (PARTITION BY org ORDER BY ts, seq) AS was_over
  FROM windowed
)
SELECT org AS subject, '' AS period, CAST(DATE '1970-01-01' + CAST(dn AS INTEGER) AS VARCHAR) AS key, 'exceeded' AS outcome
FROM crossed
WHERE over AND NOT was_over;
