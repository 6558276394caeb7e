#include "store/event_rows.h"

namespace jiandu {

EventWriter::EventWriter(SQLite::Database& db, int64_t batch)
    : q_(db,
         "INSERT INTO events(seq, id, ts, utc_offset, type, org, person, ref, attrs, batch, org_no, person_no) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, (SELECT no FROM orgs WHERE id = ?6), (SELECT no FROM people WHERE id = ?7))"),
      batch_(batch),
      next_seq_(db.execAndGet("SELECT coalesce(max(seq), 0) + 1 FROM events").getInt64()) {}

int64_t EventWriter::insert(const std::string& id, int64_t utc, int utc_offset, const std::string& type, const std::string& org,
                            const std::optional<std::string>& person, const std::optional<std::string>& ref, const std::string& attrs) {
  auto maybe = [&](int i, const std::optional<std::string>& v) {
    if (v)
      q_.bind(i, *v);
    else
      q_.bind(i);
  };
  q_.reset();
  q_.bind(1, next_seq_);
  q_.bind(2, id);
  q_.bind(3, utc);
  q_.bind(4, utc_offset);
  q_.bind(5, type);
  q_.bind(6, org);
  maybe(7, person);
  maybe(8, ref);
  q_.bind(9, attrs);
  q_.bind(10, batch_);
  q_.exec();
  return next_seq_++;
}

}  // namespace jiandu
