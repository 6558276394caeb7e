#include "store/event_cursor.h"

#include <map>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace jiandu {

void EventCursor::Finalize::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

// (No memory mapping: its pages would count as the run's memory, growing with the store.)
EventCursor::EventCursor(Store& store, int64_t begin_utc, int64_t end_utc) {
  static constexpr char kSql[] =
      "SELECT seq, id, ts, utc_offset, type, org_no, person_no, ref, attrs FROM events WHERE ts >= ? AND ts < ? ORDER BY ts, seq";
  sqlite3* db = store.db().getHandle();
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, kSql, sizeof kSql, &s, nullptr);
  stmt_.reset(s);
  if (rc != SQLITE_OK) throw SQLite::Exception(db, rc);
  sqlite3_bind_int64(s, 1, begin_utc);
  sqlite3_bind_int64(s, 2, end_utc);
}

EventCursor::~EventCursor() = default;

bool EventCursor::next() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw SQLite::Exception(sqlite3_db_handle(stmt_.get()), rc);
}

std::string_view EventCursor::text(int c) const {
  // The text first, then its length: the order SQLite documents for a value read as text.
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), c));
  return {p ? p : "", size_t(sqlite3_column_bytes(stmt_.get(), c))};
}

int64_t EventCursor::seq() const { return sqlite3_column_int64(stmt_.get(), 0); }
std::string_view EventCursor::id() const { return text(1); }
int64_t EventCursor::ts() const { return sqlite3_column_int64(stmt_.get(), 2); }
int EventCursor::utc_offset() const { return sqlite3_column_int(stmt_.get(), 3); }
std::string_view EventCursor::type() const { return text(4); }
int64_t EventCursor::org_no() const {
  return sqlite3_column_type(stmt_.get(), 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(stmt_.get(), 5);
}
std::optional<int64_t> EventCursor::person_no() const {
  if (sqlite3_column_type(stmt_.get(), 6) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt_.get(), 6);
}
std::optional<std::string_view> EventCursor::ref() const {
  if (sqlite3_column_type(stmt_.get(), 7) == SQLITE_NULL) return std::nullopt;
  return text(7);
}
std::string_view EventCursor::attrs() const { return text(8); }

std::vector<std::pair<std::string, int64_t>> sample_types(Store& store, int64_t begin_utc, int64_t end_utc) {
  constexpr int kPoints = 16, kRun = 1024;
  auto bound = [&](const char* order) -> std::optional<int64_t> {
    SQLite::Statement q(store.db(), std::string("SELECT ts FROM events WHERE ts >= ? AND ts < ? ORDER BY ts ") + order + " LIMIT 1");
    q.bind(1, begin_utc);
    q.bind(2, end_utc);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
  };
  auto first = bound("ASC"), last = bound("DESC");
  std::map<std::string, int64_t, std::less<>> counts;
  if (first && last) {
    SQLite::Statement q(store.db(), "SELECT type FROM events WHERE ts >= ? AND ts < ? ORDER BY ts, seq LIMIT ?");
    // The points in 128-bit arithmetic: the span of two int64 moments need not fit in one.
    __int128 span = __int128(*last) - *first;
    for (int i = 0; i < kPoints; ++i) {
      q.reset();
      q.bind(1, int64_t(*first + span * i / kPoints));
      q.bind(2, end_utc);
      q.bind(3, kRun);
      while (q.executeStep()) {
        auto col = q.getColumn(0);
        std::string_view type(static_cast<const char*>(col.getText()), size_t(col.getBytes()));
        auto it = counts.find(type);
        if (it == counts.end()) it = counts.emplace(std::string(type), 0).first;
        ++it->second;
      }
    }
  }
  return {counts.begin(), counts.end()};
}

}  // namespace jiandu
