#include "store/event_cursor.h"

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

}  // namespace jiandu
