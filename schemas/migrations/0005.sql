-- Version 4 → 5: the accounts of the web workplace (docs/web.md), and the checkpoint's checksum. People log in as a
-- person of the organisation records; what they see and may do follows from that person.
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
-- The checkpoint gets a checksum over itself and its findings: one that does not match is not
-- resumed from. Checkpoints written before have none, so the next audit reads every event.
ALTER TABLE checkpoint ADD COLUMN checksum TEXT;
