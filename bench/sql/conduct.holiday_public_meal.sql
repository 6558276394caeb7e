-- conduct.holiday_public_meal (match): an expense.meal paid with public funds (attrs.public_funds
-- is JSON true) on an official rest day of the calendar (days.holiday), from the effective date.
SELECT e.org AS subject, '' AS period, e.id AS key, 'violation' AS outcome
FROM events e
JOIN days d ON d.day = date(e.ts + e.utc_offset, 'unixepoch')
WHERE e.type = 'expense.meal'
  AND e.ts < :end_utc
  AND json_type(e.attrs, '$.public_funds') = 'true'
  AND d.holiday = 1
  AND d.day >= '2025-01-01';
