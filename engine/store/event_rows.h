#pragma once
// The one way an event is written (import, jiandu gen). seq, the order of arrival, is the
// next number after the highest stored: the table is clustered by (ts, seq) (schemas/store.sql,
// version 8), so seq is not a rowid. It is read once, when the writer is made inside its
// batch's write transaction (no other writer can take a number meanwhile; seq is UNIQUE besides).
// The numbers of the event's unit and person (version 9) are looked up as it is written.
#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace jiandu {

class EventWriter {
 public:
  EventWriter(SQLite::Database& db, int64_t batch);
  // Returns the event's seq.
  int64_t insert(const std::string& id, int64_t utc, int utc_offset, const std::string& type, const std::string& org,
                 const std::optional<std::string>& person, const std::optional<std::string>& ref, const std::string& attrs);

 private:
  SQLite::Statement q_;
  int64_t batch_, next_seq_;
};

}  // namespace jiandu
