-- DuckDB form of bench/sql/conduct.private_car_use.sql (see there for what it checks).
SELECT e.org AS subject, '' AS period, e.id AS key, 'violation' AS outcome
FROM events e
WHERE e.type = 'car.use'
  AND e.ts < :end_utc
  AND json_extract_string(e.attrs, '$.purpose') = 'private'
  AND DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) >= DATE '2025-01-01';
