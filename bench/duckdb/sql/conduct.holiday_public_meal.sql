-- DuckDB form of bench/sql/conduct.holiday_public_meal.sql (see there for what it checks).
-- JSON true: json_type says BOOLEAN for true and false alike, so the text tells them apart.
SELECT e.org AS subject, '' AS period, e.id AS key, 'violation' AS outcome
FROM events e
JOIN days d ON d.day = DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER)
WHERE e.type = 'expense.meal'
  AND e.ts < :end_utc
  AND json_type(e.attrs, '$.public_funds') = 'BOOLEAN' AND json_extract_string(e.attrs, '$.public_funds') = 'true'
  AND d.holiday = 1
  AND d.day >= DATE '2025-01-01';
