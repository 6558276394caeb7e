#include "store/event_cursor.h"

#include <map>

#include <SQLiteCpp/Statement.h>

namespace jiandu {

// (No memory mapping: its pages would count as the run's memory, growing with the store.)
EventCursor::EventCursor(Store& store, int64_t begin_utc, int64_t end_utc)
    : q_(std::make_unique<SQLite::Statement>(store.db(),
                                             "SELECT seq, id, ts, utc_offset, type, org, person, ref, attrs FROM events "
                                             "WHERE ts >= ? AND ts < ? ORDER BY ts, seq")) {
  q_->bind(1, begin_utc);
  q_->bind(2, end_utc);
}

EventCursor::~EventCursor() = default;

bool EventCursor::next() { return q_->executeStep(); }

std::string_view EventCursor::text(int c) const {
  auto col = q_->getColumn(c);
  return {static_cast<const char*>(col.getText()), size_t(col.getBytes())};
}

int64_t EventCursor::seq() const { return q_->getColumn(0).getInt64(); }
std::string_view EventCursor::id() const { return text(1); }
int64_t EventCursor::ts() const { return q_->getColumn(2).getInt64(); }
int EventCursor::utc_offset() const { return q_->getColumn(3).getInt(); }
std::string_view EventCursor::type() const { return text(4); }
std::string_view EventCursor::org() const { return text(5); }
std::optional<std::string_view> EventCursor::person() const {
  if (q_->getColumn(6).isNull()) return std::nullopt;
  return text(6);
}
std::optional<std::string_view> EventCursor::ref() const {
  if (q_->getColumn(7).isNull()) return std::nullopt;
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
