-- Version 6 → 7: one outcome vocabulary, and a quarantine that is managed.
-- A deadline's duty whose due date passed with nothing done was `overdue`; it is `missing`,
-- as in a sequence or a periodic rule (docs/rule-language.md §3.8). The alert keeps its key.
UPDATE alerts SET outcome = 'missing' WHERE outcome = 'overdue';
UPDATE alerts SET explanation = json_set(explanation, '$.outcome', 'missing')
  WHERE json_valid(explanation) AND json_extract(explanation, '$.outcome') = 'overdue';
-- A quarantined record is held until it is retried into the store (imported) or dropped by
-- someone with a reason; either way its row stays (`jiandu quarantine`, docs/operations.md).
ALTER TABLE rejected ADD COLUMN fields TEXT;                         -- the record as read (JSON), to retry it
ALTER TABLE rejected ADD COLUMN state TEXT NOT NULL DEFAULT 'held';  -- held | imported | dropped
ALTER TABLE rejected ADD COLUMN settled_at TEXT;                     -- UTC, ISO 8601
ALTER TABLE rejected ADD COLUMN settled_by TEXT;                     -- the account that retried or dropped it
ALTER TABLE rejected ADD COLUMN settled_batch INTEGER REFERENCES batches(id);  -- the retry's batch
ALTER TABLE rejected ADD COLUMN note TEXT;                           -- why it was dropped
CREATE INDEX rejected_state ON rejected(state);
-- How each audit read the events (resumed from the checkpoint, or every event and why) and how
-- many it read, for `jiandu runs`; and what the checkpoint's state was computed from, part by
-- part (each rule file, calendar year, organisation table, the catalog), so that a full read
-- names what changed.
ALTER TABLE runs ADD COLUMN events_read INTEGER;
ALTER TABLE runs ADD COLUMN read TEXT;
ALTER TABLE checkpoint ADD COLUMN parts TEXT;
-- A failed audit notes the last run that had committed when it failed: its place in the
-- history, which a time to the second cannot give (a failure in the same second as a run).
ALTER TABLE failed_runs ADD COLUMN after_run INTEGER;
