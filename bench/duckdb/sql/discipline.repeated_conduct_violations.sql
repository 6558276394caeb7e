-- DuckDB form of bench/sql/discipline.repeated_conduct_violations.sql (see there for what it checks).
-- JSON true told from false by its text (json_type says BOOLEAN for both); numbers read as numbers.
WITH ev AS MATERIALIZED (
  SELECT e.id, e.person, e.ts, e.seq, e.type, e.attrs, d.day, d.dn, d.holiday
  FROM events e
  JOIN days d ON d.day = DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER)
  WHERE e.type IN ('expense.meal', 'car.use', 'reception.official', 'expense.gift', 'expense.allowance')
    AND e.ts < :end_utc AND d.day >= '2025-01-01'
),
violations AS (
  -- conduct.holiday_public_meal
  SELECT person, day FROM ev WHERE type = 'expense.meal' AND (json_type(attrs, '$.public_funds') = 'BOOLEAN' AND json_extract_string(attrs, '$.public_funds') = 'true') AND holiday = 1
  UNION ALL  -- conduct.private_car_use
  SELECT person, day FROM ev WHERE type = 'car.use' AND json_extract_string(attrs, '$.purpose') = 'private'
  UNION ALL  -- conduct.reception_companions
  SELECT person, day FROM ev WHERE type = 'reception.official'
    AND ((TRY_CAST(json_extract(attrs, '$.guests') AS DOUBLE) <= 10 AND TRY_CAST(json_extract(attrs, '$.companions') AS DOUBLE) > 3)
      OR (TRY_CAST(json_extract(attrs, '$.guests') AS DOUBLE) > 10 AND TRY_CAST(json_extract(attrs, '$.companions') AS DOUBLE) * 3 > TRY_CAST(json_extract(attrs, '$.guests') AS DOUBLE)))
  UNION ALL  -- conduct.holiday_gift
  SELECT person, day FROM ev WHERE type = 'expense.gift' AND holiday = 1
  UNION ALL  -- conduct.allowance_unapproved
  SELECT person, day FROM ev WHERE type = 'expense.allowance' AND NOT coalesce((json_type(attrs, '$.approved') = 'BOOLEAN' AND json_extract_string(attrs, '$.approved') = 'true'), false)
  UNION ALL  -- conduct.reception_without_letter
  SELECT person, day FROM ev WHERE type = 'reception.official' AND NOT coalesce((json_type(attrs, '$.has_letter') = 'BOOLEAN' AND json_extract_string(attrs, '$.has_letter') = 'true'), false)
  UNION ALL  -- conduct.reception_liquor
  SELECT person, day FROM ev WHERE type = 'reception.official' AND (json_type(attrs, '$.liquor') = 'BOOLEAN' AND json_extract_string(attrs, '$.liquor') = 'true')
  -- conduct.public_meal_spending_30d is by unit: its findings carry no person.
),
holiday_trips AS (  -- conduct.holiday_car_use: a person's car trips on rest days over 30 days
  SELECT person, ts, seq, day,
         row_number() OVER (PARTITION BY person ORDER BY ts, seq)
           - count(*) OVER (PARTITION BY person ORDER BY dn RANGE BETWEEN UNBOUNDED PRECEDING AND 30 PRECEDING) AS n
  FROM ev WHERE type = 'car.use' AND holiday = 1 AND person IS NOT NULL
),
holiday_car AS (
  SELECT person, day FROM (
    SELECT person, day, n >= 2 AS over, lag(n >= 2, 1, false) OVER (PARTITION BY person ORDER BY ts, seq) AS was_over
    FROM holiday_trips)
  WHERE over AND NOT was_over
),
lapses AS MATERIALIZED (  -- each person's lapses, by day
  SELECT person, day, count(*) AS n
  FROM (SELECT * FROM violations UNION ALL SELECT * FROM holiday_car)
  WHERE person IS NOT NULL
  GROUP BY person, day
),
windowed AS (
  SELECT a.person, a.day, a.n,
         (SELECT sum(b.n) FROM lapses b
          WHERE b.person = a.person AND b.day <= a.day
            AND b.day > CAST(a.day - to_months(12) AS DATE)) AS cnt  -- DuckDB clamps 29 February to the 28th
  FROM lapses a
),
crossed AS (
  SELECT person, day, cnt, cnt - n + 1 AS cnt_first,
         lag(cnt, 1, 0) OVER (PARTITION BY person ORDER BY day) AS prev_cnt
  FROM windowed
)
-- Within one day the count grows by one a lapse: the crossing happens on that day unless
-- the person was already over the line before it and still is at its first lapse.
SELECT person AS subject, '' AS period, CAST(day AS VARCHAR) AS key, 'repeated' AS outcome
FROM crossed
WHERE cnt >= 2 AND NOT (prev_cnt >= 2 AND cnt_first >= 2);
