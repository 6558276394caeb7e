#pragma once
// Statements that turn a new store's tables back into an older version's shape, for the
// migration tests (each compares a migrated store with a fresh one).
namespace jiandu::test {

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
