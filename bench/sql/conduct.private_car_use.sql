-- conduct.private_car_use (match): every car.use event with attrs.purpose "private", from the
-- rule's effective date. One finding per event: subject the event's unit, key the event id.
SELECT e.org AS subject, '' AS period, e.id AS key, 'violation' AS outcome
FROM events e
WHERE e.type = 'car.use'
  AND e.ts < :end_utc
  AND json_extract(e.attrs, '$.purpose') = 'private'
  AND date(e.ts + e.utc_offset, 'unixepoch') >= '2025-01-01';
