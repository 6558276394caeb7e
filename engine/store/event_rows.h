#pragma once
// The one statement that writes an event (import, jiandu gen): bind id, ts, utc_offset,
// type, org, person, ref, attrs, batch. seq, the order of arrival, is the next number: the
// table is clustered by (ts, seq) (schemas/store.sql, version 8), so it is not a rowid.
namespace jiandu {

inline constexpr const char* kInsertEvent =
    "INSERT INTO events(seq, id, ts, utc_offset, type, org, person, ref, attrs, batch) "
    "VALUES((SELECT coalesce(max(seq), 0) + 1 FROM events), ?, ?, ?, ?, ?, ?, ?, ?, ?)";

}  // namespace jiandu
