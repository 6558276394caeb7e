-- conduct.public_meal_spending_30d (threshold): per unit, the sum of attrs.amount of public-funds
-- meals (from the effective date) over a sliding window of 30 days ending at each meal (its day
-- and the 29 before, counting only the meals recorded up to it in time order). When the sum
-- reaches 5000 one finding (key: the meal's day); the unit re-arms once the sum falls below.
-- The window sum is a running total (in the engine's order, ts then seq) minus the running
-- total of the days that fell out of the window; the crossing is compared with the row before.
WITH meals AS (
  SELECT e.org, e.ts, e.seq, (e.ts + e.utc_offset) / 86400 AS dn,
         json_extract(e.attrs, '$.amount') AS amount
  FROM events e
  WHERE e.type = 'expense.meal' AND e.ts < :end_utc
    AND json_type(e.attrs, '$.public_funds') = 'true'
    AND json_extract(e.attrs, '$.amount') IS NOT NULL
    AND date(e.ts + e.utc_offset, 'unixepoch') >= '2025-01-01'
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
         lag(total >= 5000, 1, 0) OVER (PARTITION BY org ORDER BY ts, seq) AS was_over
  FROM windowed
)
SELECT org AS subject, '' AS period, date(dn * 86400, 'unixepoch') AS key, 'exceeded' AS outcome
FROM crossed
WHERE over AND NOT was_over;
