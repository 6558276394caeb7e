-- The jiandu store: the complete current schema, applied to a new store.
-- An older store is brought here by the steps in schemas/migrations/ (NNNN.sql upgrades
-- version NNNN-1 to NNNN). Keep both in step: tests/store compares a migrated store with a
-- fresh one. Version: PRAGMA user_version = 6.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,           -- zone, created
  value TEXT NOT NULL
);

-- Import batches: one transaction each; a batch that fails leaves no row.
CREATE TABLE batches (
  id        INTEGER PRIMARY KEY,
  started   TEXT NOT NULL,          -- UTC, ISO 8601
  finished  TEXT,
  files     TEXT NOT NULL,          -- JSON array of the files read
  added     INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  rejected  INTEGER NOT NULL DEFAULT 0
);

-- (Version 9) `no`: the unit's number, given when it is first imported (the next after the
-- highest) and never changed; events carry it beside the id (org_no), so that a run resolves
-- an event's unit by number. The same for people.
CREATE TABLE orgs (
  id     TEXT PRIMARY KEY,
  parent TEXT REFERENCES orgs(id),
  kind   TEXT NOT NULL,
  name   TEXT NOT NULL,
  batch  INTEGER NOT NULL REFERENCES batches(id),
  no     INTEGER
);
CREATE INDEX orgs_parent ON orgs(parent);
CREATE UNIQUE INDEX orgs_no ON orgs(no);

CREATE TABLE people (
  id    TEXT PRIMARY KEY,
  name  TEXT NOT NULL,
  org   TEXT REFERENCES orgs(id),
  batch INTEGER NOT NULL REFERENCES batches(id),
  no    INTEGER
);
CREATE UNIQUE INDEX people_no ON people(no);

-- Who held which role in which unit, for which days (valid_to inclusive; NULL = still held).
CREATE TABLE roles (
  id         INTEGER PRIMARY KEY,
  person     TEXT NOT NULL REFERENCES people(id),
  org        TEXT NOT NULL REFERENCES orgs(id),
  role       TEXT NOT NULL,
  valid_from TEXT NOT NULL,         -- YYYY-MM-DD
  valid_to   TEXT,                  -- YYYY-MM-DD or NULL
  batch      INTEGER NOT NULL REFERENCES batches(id),
  UNIQUE (person, org, role, valid_from)
);
CREATE INDEX roles_org_role ON roles(org, role);

-- Events: seq is the order of arrival (the data watermark, assigned by import as the next
-- number); ts is the instant in UTC seconds, utc_offset the store zone's offset at that
-- instant (local day = ts + offset). (Version 8) The table is clustered by (ts, seq), the
-- order every run reads it in, so that read is sequential however late records arrive.
-- (Version 9) org_no and person_no: the numbers of org and person (orgs.no, people.no).
CREATE TABLE events (
  seq        INTEGER NOT NULL UNIQUE,
  id         TEXT NOT NULL UNIQUE,
  ts         INTEGER NOT NULL,
  utc_offset INTEGER NOT NULL,
  type       TEXT NOT NULL,
  org        TEXT NOT NULL REFERENCES orgs(id),
  person     TEXT REFERENCES people(id),
  ref        TEXT,
  attrs      TEXT NOT NULL DEFAULT '{}',   -- canonical JSON object
  batch      INTEGER NOT NULL REFERENCES batches(id),
  org_no     INTEGER REFERENCES orgs(no),     -- (version 9) orgs.no of org
  person_no  INTEGER REFERENCES people(no),   -- people.no of person, NULL with it
  PRIMARY KEY (ts, seq)
) WITHOUT ROWID;
CREATE INDEX events_type_ts ON events(type, ts);
CREATE INDEX events_org_ts ON events(org, ts);
CREATE INDEX events_ref ON events(ref) WHERE ref IS NOT NULL;

-- Records that could not be imported, with their reason: nothing is dropped silently.
CREATE TABLE rejected (
  id     INTEGER PRIMARY KEY,
  batch  INTEGER NOT NULL REFERENCES batches(id),
  file   TEXT NOT NULL,
  line   INTEGER NOT NULL,
  kind   TEXT NOT NULL,             -- orgs | people | roles | events
  code   TEXT NOT NULL,             -- stable reason code, e.g. bad_timestamp
  reason TEXT NOT NULL,
  raw    TEXT NOT NULL,
  -- (version 7) the record as read (JSON), and what became of it: held until retried into the
  -- store (imported) or dropped by someone with a reason; the row stays either way
  fields        TEXT,
  state         TEXT NOT NULL DEFAULT 'held',  -- held | imported | dropped
  settled_at    TEXT,                          -- UTC, ISO 8601
  settled_by    TEXT,                          -- the account that retried or dropped it
  settled_batch INTEGER REFERENCES batches(id),
  note          TEXT                           -- why it was dropped
);
CREATE INDEX rejected_batch ON rejected(batch);
CREATE INDEX rejected_state ON rejected(state);

-- Readable local times for people who query the store with sqlite3.
CREATE VIEW events_local AS
  SELECT seq, id, datetime(ts + utc_offset, 'unixepoch') AS local_time, type, org, person, ref, attrs
  FROM events;

-- ── The alert ledger (version 2) ──────────────────────────────────────────────
-- One row per audit run: what was run over what.
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
  faults     INTEGER NOT NULL DEFAULT 0,
  -- (version 4) what verify found when the audit began, when the trail did not verify
  chain      TEXT,
  events_read INTEGER,  -- (version 7) how many events it read
  read        TEXT      -- (version 7) how: "resumed from the audit as of D", or "all: why"
);

-- The obligations a run could not judge (version 4): each with its rule, subject, record
-- and reason. `jiandu status` and the report list the last run's.
CREATE TABLE run_faults (
  id      INTEGER PRIMARY KEY,
  run     INTEGER NOT NULL REFERENCES runs(id),
  rule    TEXT NOT NULL,
  subject TEXT,
  event   TEXT,
  reason  TEXT NOT NULL
);
CREATE INDEX run_faults_run ON run_faults(run);

-- An alert: a finding with a stable key (rule, subject, period or correlation key).
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
  closed_on    TEXT,                -- the as-of date it was closed, for the reopen window
  -- (version 4) the due date of the obligation as last computed, and the provisional years it
  -- was counted over (a JSON array, NULL when every year counted was official)
  due          TEXT,
  provisional  TEXT,
  -- (version 4) the person to be dealt with: the subject of a person rule, else the owner at
  -- the lapse; the four forms are recommended for this person, on their own earlier lapses
  target       TEXT
);
CREATE INDEX alerts_status ON alerts(status);
CREATE INDEX alerts_org ON alerts(org);
CREATE INDEX alerts_rule ON alerts(rule);
CREATE INDEX alerts_subject ON alerts(rule, subject_type, subject_id);
CREATE INDEX alerts_target ON alerts(target);

-- Every finding key an alert stands for: its own, and those of recurrences that reopened it.
CREATE TABLE alert_keys (
  key   TEXT PRIMARY KEY,
  alert TEXT NOT NULL REFERENCES alerts(id)
);

-- The append-only, hash-chained trail of every alert.
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

-- Evidence files attached to trail entries (version 4), by their SHA-256: the entry that
-- attaches one holds its name, size and hash inside the chain, so an altered file is found.
CREATE TABLE evidence_files (
  sha256  TEXT PRIMARY KEY,
  bytes   INTEGER NOT NULL,
  content BLOB NOT NULL,
  added   TEXT NOT NULL
);

-- ── The evaluation checkpoint (version 3) ────────────────────────────────────
-- The state the last audit's run held after its last event (open obligations, windows,
-- tallies; settled periods as their lapses): the next audit resumes from it and reads only
-- the events after end_ts. One row, replaced by each audit in its transaction.
CREATE TABLE checkpoint (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  run         INTEGER NOT NULL REFERENCES runs(id),
  as_of       TEXT NOT NULL,        -- YYYY-MM-DD
  end_ts      INTEGER NOT NULL,     -- every event with ts < end_ts was read
  max_seq     INTEGER NOT NULL,     -- the highest events.seq when the run began reading
  fingerprint TEXT NOT NULL,        -- rules, calendars, organisation, checkpoint format
  state       BLOB NOT NULL,        -- the operators' state (see engine/eval/checkpoint.h)
  -- (version 5) SHA-256 over the row and every checkpoint_findings row: a damaged or edited
  -- checkpoint is not resumed from (the audit reads every event instead and says why)
  checksum    TEXT,
  parts       TEXT  -- (version 7) the fingerprint part by part (JSON: rule file, calendar year, organisation table, catalog → hash)
);

-- The findings the checkpoint's run had made from events (they never change once made), one
-- row each in the order made: a night appends its own instead of rewriting them all.
CREATE TABLE checkpoint_findings (
  n    INTEGER PRIMARY KEY,
  data BLOB NOT NULL
);

-- ── The web workplace's accounts (version 5) ─────────────────────────────────
-- Passwords are Argon2id strings (libsodium crypto_pwhash_str), and session and API tokens are
-- kept only as their SHA-256: a copy of the store lets nobody in.
CREATE TABLE users (
  login    TEXT PRIMARY KEY,
  person   TEXT NOT NULL REFERENCES people(id),
  pwhash   TEXT NOT NULL,
  admin    INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created  TEXT NOT NULL,           -- UTC, ISO 8601
  changed  TEXT NOT NULL            -- the last change of password or state
);
-- Logged-in sessions: idle and absolute timeouts are counted from seen and created (unix
-- seconds); logging out or disabling the account deletes the rows
CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,
  login      TEXT NOT NULL REFERENCES users(login),
  created    INTEGER NOT NULL,
  seen       INTEGER NOT NULL,
  address    TEXT NOT NULL
);
CREATE INDEX web_sessions_login ON web_sessions(login);
-- Tokens for scripts calling the JSON API (Authorization: Bearer), one or more per account.
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  login      TEXT NOT NULL REFERENCES users(login),
  label      TEXT NOT NULL,
  created    TEXT NOT NULL
);
-- Every login attempt, for the login history and the throttle (failures per account and
-- per address in a window). outcome: ok, bad_password, unknown, disabled, throttled.
CREATE TABLE logins (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,         -- unix seconds
  login   TEXT NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX logins_login_at ON logins(login, at);
CREATE INDEX logins_address_at ON logins(address, at);
-- A rejected row is looked up by file and line before it is stored again (re-imports).
CREATE INDEX rejected_file_line ON rejected(file, line);
-- (version 6) The deployment's event catalog, versioned: its text, not a path.
CREATE TABLE catalogs (
  version INTEGER PRIMARY KEY,      -- 1, 2, …: the newest is the one in use
  name    TEXT NOT NULL,            -- the file it was read from, for people
  text    TEXT NOT NULL,            -- the YAML as given
  sha256  TEXT NOT NULL,
  added   TEXT NOT NULL,            -- UTC, ISO 8601
  note    TEXT NOT NULL DEFAULT ''  -- why a new version was accepted
);
-- (version 6) An audit that did not commit, recorded in a transaction of its own.
CREATE TABLE failed_runs (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,            -- UTC, ISO 8601
  as_of   TEXT NOT NULL,
  reason  TEXT NOT NULL,
  after_run INTEGER         -- (version 7) the last run that had committed when it failed: its place in the history
);
