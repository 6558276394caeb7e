-- Version 5 → 6: the store keeps its deployment catalog's text, versioned, instead of a path
-- (a moved file stopped every command; an edited one silently changed how stored events were
-- read). A store that named a file gets that file's text as version 1 when it is migrated
-- (store/store.cpp). And audits that failed get a row of their own (they left none before).
CREATE TABLE catalogs (
  version INTEGER PRIMARY KEY,      -- 1, 2, …: the newest is the one in use
  name    TEXT NOT NULL,            -- the file it was read from, for people
  text    TEXT NOT NULL,            -- the YAML as given
  sha256  TEXT NOT NULL,
  added   TEXT NOT NULL,            -- UTC, ISO 8601
  note    TEXT NOT NULL DEFAULT ''  -- why a new version was accepted
);
-- An audit that did not commit: when, as of which day, and why (written in its own
-- transaction after the audit's was rolled back).
CREATE TABLE failed_runs (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,            -- UTC, ISO 8601
  as_of   TEXT NOT NULL,
  reason  TEXT NOT NULL
);
