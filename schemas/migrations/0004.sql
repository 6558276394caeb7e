-- Version 3 → 4: nothing unjudged goes unrecorded, an alert knows the calendar its due date
-- was counted on and the person to be dealt with, evidence files are kept, and a run records
-- a trail that did not verify.
-- The obligations a run could not judge (bad data in a record, …), each with its rule,
-- subject, record and reason: `jiandu status` and the report list the last run's.
CREATE TABLE run_faults (
  id      INTEGER PRIMARY KEY,
  run     INTEGER NOT NULL REFERENCES runs(id),
  rule    TEXT NOT NULL,
  subject TEXT,                   -- the org unit or person id, when known
  event   TEXT,                   -- the record it failed on, when there was one
  reason  TEXT NOT NULL
);
CREATE INDEX run_faults_run ON run_faults(run);
-- The obligation's due date as last computed, and the provisional years it was counted
-- over (JSON array; NULL when every year counted was official): a change is a trail entry.
ALTER TABLE alerts ADD COLUMN due TEXT;
ALTER TABLE alerts ADD COLUMN provisional TEXT;
-- Alerts opened before version 4 keep the due date their explanation recorded, so that the
-- first audit after the upgrade does not take each one for a recomputed date.
UPDATE alerts SET due = json_extract(explanation, '$.numbers.due') WHERE json_valid(explanation);
-- The person to be dealt with (处理对象): the subject of a person rule, else the owner at the
-- lapse. The four forms are recommended for this person, on their own earlier lapses.
ALTER TABLE alerts ADD COLUMN target TEXT;
UPDATE alerts SET target = CASE WHEN subject_type = 'person' THEN subject_id ELSE owner_then END;
CREATE INDEX alerts_target ON alerts(target);
-- What jiandu verify found when the audit began, when the trail did not verify (else NULL).
ALTER TABLE runs ADD COLUMN chain TEXT;
-- Evidence files attached to trail entries, by their SHA-256 (the entry holds the hash).
CREATE TABLE evidence_files (
  sha256  TEXT PRIMARY KEY,
  bytes   INTEGER NOT NULL,
  content BLOB NOT NULL,
  added   TEXT NOT NULL
);
