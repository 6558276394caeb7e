-- Version 2 → 3: the evaluation checkpoint that incremental audits resume from.
CREATE TABLE checkpoint (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  run         INTEGER NOT NULL REFERENCES runs(id),
  as_of       TEXT NOT NULL,        -- YYYY-MM-DD
  end_ts      INTEGER NOT NULL,     -- every event with ts < end_ts was read
  max_seq     INTEGER NOT NULL,     -- the highest events.seq when the run began reading
  fingerprint TEXT NOT NULL,        -- rules, calendars, organisation, checkpoint format
  state       BLOB NOT NULL         -- the operators' state (see engine/eval/checkpoint.h)
);

-- The findings the checkpoint's run had made from events (they never change once made), one
-- row each in the order made: a night appends its own instead of rewriting them all.
CREATE TABLE checkpoint_findings (
  n    INTEGER PRIMARY KEY,
  data BLOB NOT NULL
);
