-- Version 3 → 4: nothing unjudged goes unrecorded, and an alert knows the calendar its due
-- date was counted on.
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
