-- discipline.inquiry_reply_15wd (deadline): each inquiry.letter (from the effective date) is
-- answered by an inquiry.reply with the same ref and person within 15 working days after the
-- letter's local day (the day itself not counted). An answer counts from the letter's day on;
-- on that same day a timed answer stamped before a timed letter does not count (a record at
-- exactly 00:00 is taken as dated, not timed).
-- Outcomes: late (answered after the due date), missing (unanswered, due date passed as of the
-- run), due_soon (unanswered, within 3 working days of the due date). Subject: the person.
-- Reading: the first answer after the letter answers it — true when a ref names one case,
-- as here (the engine also pairs several open letters of one key first-in, first-out).
WITH letters AS (
  SELECT e.seq, e.ts, e.org, e.person, e.ref,
         date(e.ts + e.utc_offset, 'unixepoch') AS day,
         (e.ts + e.utc_offset) % 86400 != 0 AS timed
  FROM events e
  WHERE e.type = 'inquiry.letter' AND e.ts < :end_utc
    AND e.ref IS NOT NULL AND e.person IS NOT NULL
    AND date(e.ts + e.utc_offset, 'unixepoch') >= '2025-01-01'
),
due AS (
  SELECT l.*, w.day AS due, warn.day AS warn_from
  FROM letters l
  JOIN days d ON d.day = l.day
  JOIN workdays w ON w.n = d.wd + 15
  JOIN workdays warn ON warn.n = d.wd + 15 - 3
),
answered AS MATERIALIZED (
  SELECT u.*,
         (SELECT min(date(r.ts + r.utc_offset, 'unixepoch')) FROM events r INDEXED BY events_ref  -- the planner, without statistics, would take events_type_ts
          WHERE r.ref = u.ref AND r.ref IS NOT NULL AND r.type = 'inquiry.reply' AND r.person = u.person
            AND r.ts < :end_utc AND r.seq != u.seq
            AND (date(r.ts + r.utc_offset, 'unixepoch') > u.day
                 OR (date(r.ts + r.utc_offset, 'unixepoch') = u.day
                     AND NOT (u.timed AND (r.ts + r.utc_offset) % 86400 != 0 AND r.ts < u.ts)))) AS answered
  FROM due u
)
SELECT person AS subject, '' AS period, ref || '|' || person AS key,
       CASE WHEN answered IS NOT NULL THEN 'late'
            WHEN due < :as_of THEN 'missing'
            ELSE 'due_soon' END AS outcome
FROM answered
WHERE answered > due
   OR (answered IS NULL AND (due < :as_of OR :as_of >= warn_from));
