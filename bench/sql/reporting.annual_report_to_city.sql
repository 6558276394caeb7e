-- reporting.annual_report_to_city (periodic): each organ files report.annual_party_building
-- for the year (attrs.year = the year) from the year's start to its due date, two months after
-- the year (a month added to 31 December ends on the last day of February). Whole years
-- since the effective date, judged the day after the due date. Since the expectation names
-- the year, an event counts toward that one year only.
-- periods: every=year due=2 months from=2025-01-01
WITH p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'reporting.annual_report_to_city'
),
filed AS (
  SELECT e.org, p.idx, count(*) AS n
  FROM events e
  JOIN p ON p.idx = json_extract(e.attrs, '$.year')
        AND date(e.ts + e.utc_offset, 'unixepoch') BETWEEN p.start AND p.due
  WHERE e.type = 'report.annual_party_building' AND e.ts < :end_utc
  GROUP BY e.org, p.idx
)
SELECT o.id AS subject, p.label AS period, '' AS key, 'missing' AS outcome
FROM orgs o CROSS JOIN p
LEFT JOIN filed f ON f.org = o.id AND f.idx = p.idx
WHERE o.kind = 'organ'
  AND p."end" < :as_of AND p.due < :as_of
  AND f.n IS NULL;
