-- DuckDB form of bench/sql/responsibility.annual_duty_report.sql (see there for what it checks).
WITH RECURSIVE
p AS MATERIALIZED (
  SELECT idx, label, start, "end", due FROM periods WHERE rule = 'responsibility.annual_duty_report'
),
links(li, role, kind, type, each_holder) AS (
  VALUES (0, 'party_group_secretary', 'leadership_group', 'report.duty', 1),
         (1, 'branch_secretary', 'party_branch', 'report.duty', 1),
         (2, 'discipline_secretary', 'organ_discipline_committee', 'report.supervision', 0)
),
subtree(unit, org) AS (  -- every organ and the units below it (itself included)
  SELECT id, id FROM orgs WHERE kind = 'organ'
  UNION ALL
  SELECT s.unit, o.id FROM subtree s JOIN orgs o ON o.parent = s.org
),
reports AS MATERIALIZED (  -- the reports counted for each year, by person and by unit
  SELECT e.type, e.person, e.org, p.idx
  FROM events e
  JOIN p ON p.idx = TRY_CAST(json_extract(e.attrs, '$.year') AS DOUBLE)
        AND DATE '1970-01-01' + CAST((e.ts + e.utc_offset) // 86400 AS INTEGER) BETWEEN p.start AND p.due
  WHERE e.type IN ('report.duty', 'report.supervision') AND e.ts < :end_utc
),
slots AS (  -- each link's holding unit, in each closed year
  SELECT s.unit, o.id AS holding, l.*, p.idx, p.label, p."end"
  FROM subtree s
  JOIN orgs o ON o.id = s.org
  JOIN links l ON l.kind = o.kind
  CROSS JOIN p
  WHERE p."end" < :as_of AND p.due < :as_of
),
held AS (  -- the holders on the year's last day (none: a row with a NULL person)
  SELECT t.*, r.person
  FROM slots t
  LEFT JOIN roles r ON r.org = t.holding AND r.role = t.role
                   AND r.valid_from <= t."end" AND (r.valid_to IS NULL OR r.valid_to >= t."end")
)
SELECT unit AS subject, label AS period,
       role || '@' || holding || CASE WHEN each_holder = 1 AND person IS NOT NULL THEN ':' || person ELSE '' END AS key,
       CASE WHEN person IS NULL THEN 'vacant' ELSE 'missing_duty' END AS outcome
FROM held h
WHERE person IS NULL
   OR (each_holder = 1 AND NOT EXISTS (SELECT 1 FROM reports x WHERE x.type = h.type AND x.idx = h.idx AND x.person = h.person))
   OR (each_holder = 0 AND NOT EXISTS (SELECT 1 FROM reports x WHERE x.type = h.type AND x.idx = h.idx AND x.org = h.holding)
       AND h.person = (SELECT min(r2.person) FROM roles r2 WHERE r2.org = h.holding AND r2.role = h.role
                        AND r2.valid_from <= h."end" AND (r2.valid_to IS NULL OR r2.valid_to >= h."end")));
