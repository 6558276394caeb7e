#pragma once
// Statements that turn a new store's tables back into an older version's shape, for the
// migration tests (each compares a migrated store with a fresh one).
namespace jiandu::test {

// Units and people without their numbers, as versions 1–8 left them (run after the events
// table is replaced: its version-9 columns refer to the numbers).
#define JIANDU_NUMBERS_BEFORE_VERSION_9 \
  "DROP INDEX orgs_no; ALTER TABLE orgs DROP COLUMN no; DROP INDEX people_no; ALTER TABLE people DROP COLUMN no; "

// The events table as version 8 left it: clustered by (ts, seq), without the numbers of its
// unit and person (version 9).
inline constexpr const char* kEventsBeforeVersion9 =
    "DROP VIEW events_local; DROP TABLE events; "
    "CREATE TABLE events (seq INTEGER NOT NULL UNIQUE, id TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL, utc_offset INTEGER NOT NULL, "
    "type TEXT NOT NULL, org TEXT NOT NULL REFERENCES orgs(id), person TEXT REFERENCES people(id), ref TEXT, "
    "attrs TEXT NOT NULL DEFAULT '{}', batch INTEGER NOT NULL REFERENCES batches(id), PRIMARY KEY (ts, seq)) WITHOUT ROWID; "
    "CREATE INDEX events_type_ts ON events(type, ts); CREATE INDEX events_org_ts ON events(org, ts); "
    "CREATE INDEX events_ref ON events(ref) WHERE ref IS NOT NULL; "
    "CREATE VIEW events_local AS SELECT seq, id, datetime(ts + utc_offset, 'unixepoch') AS local_time, type, org, person, ref, "
    "attrs FROM events; " JIANDU_NUMBERS_BEFORE_VERSION_9;

// The events table as versions 1–7 left it: a rowid table in the order of arrival, with an
// index on ts (version 8 clusters it by (ts, seq)); units and people without numbers.
inline constexpr const char* kEventsBeforeVersion8 =
    "DROP VIEW events_local; DROP TABLE events; "
    "CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL, utc_offset INTEGER NOT NULL, "
    "type TEXT NOT NULL, org TEXT NOT NULL REFERENCES orgs(id), person TEXT REFERENCES people(id), ref TEXT, "
    "attrs TEXT NOT NULL DEFAULT '{}', batch INTEGER NOT NULL REFERENCES batches(id)); "
    "CREATE INDEX events_ts ON events(ts); CREATE INDEX events_type_ts ON events(type, ts); "
    "CREATE INDEX events_org_ts ON events(org, ts); CREATE INDEX events_ref ON events(ref) WHERE ref IS NOT NULL; "
    "CREATE VIEW events_local AS SELECT seq, id, datetime(ts + utc_offset, 'unixepoch') AS local_time, type, org, person, ref, "
    "attrs FROM events; " JIANDU_NUMBERS_BEFORE_VERSION_9;

// The tables as versions 1–6 left them: a quarantine without fields, state or settlement
// (version 7) …
inline constexpr const char* kRejectedBeforeVersion7 =
    "DROP TABLE rejected; "
    "CREATE TABLE rejected (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL REFERENCES batches(id), file TEXT NOT NULL, "
    "line INTEGER NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, raw TEXT NOT NULL); "
    "CREATE INDEX rejected_batch ON rejected(batch); "
    // and no record of how a run read the events, a checkpoint's parts or a failure's place
    "ALTER TABLE runs DROP COLUMN read; ALTER TABLE runs DROP COLUMN events_read; "
    "ALTER TABLE checkpoint DROP COLUMN parts; ALTER TABLE failed_runs DROP COLUMN after_run; ";

}  // namespace jiandu::test
