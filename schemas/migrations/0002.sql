-- Version 1 → 2: the alert ledger (audit runs, alerts, trail entries).
CREATE TABLE runs (
  id         INTEGER PRIMARY KEY,
  started    TEXT NOT NULL,
  finished   TEXT,
  as_of      TEXT NOT NULL,         -- YYYY-MM-DD
  rules_hash TEXT NOT NULL,
  watermark  INTEGER NOT NULL,      -- highest events.seq seen
  findings   INTEGER NOT NULL DEFAULT 0,
  opened     INTEGER NOT NULL DEFAULT 0,
  changed    INTEGER NOT NULL DEFAULT 0,
  faults     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE alerts (
  id           TEXT PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  rule         TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  org          TEXT REFERENCES orgs(id),
  period       TEXT,
  severity     TEXT NOT NULL,
  title        TEXT NOT NULL,
  message      TEXT NOT NULL,
  status       TEXT NOT NULL,
  owner_role   TEXT,
  owner_then   TEXT,                -- who held the owner role on the day of the lapse
  owner_now    TEXT,                -- who holds it now
  escalated_to TEXT,                -- 问责: the holder of the link the alert was escalated to
  level        INTEGER NOT NULL DEFAULT 0,  -- steps up the responsibility chain
  form         INTEGER,                     -- recommended form of the four forms
  lapse_date   TEXT NOT NULL,
  rectify_due  TEXT,
  explanation  TEXT NOT NULL,       -- JSON: rule hash, evidence, numbers, calendar
  first_run    INTEGER NOT NULL REFERENCES runs(id),
  last_run     INTEGER NOT NULL REFERENCES runs(id),
  closed_on    TEXT                 -- the as-of date it was closed, for the reopen window
);
CREATE INDEX alerts_status ON alerts(status);
CREATE INDEX alerts_org ON alerts(org);
CREATE INDEX alerts_rule ON alerts(rule);
CREATE INDEX alerts_subject ON alerts(rule, subject_type, subject_id);

-- Every finding key an alert stands for: its own, and those of recurrences that reopened it.
CREATE TABLE alert_keys (
  key   TEXT PRIMARY KEY,
  alert TEXT NOT NULL REFERENCES alerts(id)
);

CREATE TABLE trail (
  id        INTEGER PRIMARY KEY,
  alert     TEXT NOT NULL REFERENCES alerts(id),
  at        TEXT NOT NULL,          -- the as-of date or the moment of a person's action
  from_state TEXT,
  to_state  TEXT NOT NULL,
  actor     TEXT NOT NULL,          -- "system" or a person id
  reason    TEXT NOT NULL,
  evidence  TEXT NOT NULL DEFAULT '[]',
  run       INTEGER REFERENCES runs(id),
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX trail_alert ON trail(alert);
