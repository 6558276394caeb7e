#pragma once
// The events of the store in time order — `(ts, seq)`, ts in UTC seconds — between two
// moments: how every run reads them. The views returned live until the next step.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store.h"

struct sqlite3_stmt;
namespace SQLite {
class Statement;
}

namespace jiandu {

class EventCursor {
 public:
  // The events with begin ≤ ts < end.
  EventCursor(Store& store, int64_t begin_utc, int64_t end_utc);
  ~EventCursor();
  EventCursor(const EventCursor&) = delete;
  EventCursor& operator=(const EventCursor&) = delete;

  bool next();  // false at the end
  int64_t seq() const;
  std::string_view id() const;
  int64_t ts() const;      // UTC seconds
  int utc_offset() const;  // the offset it was recorded with, seconds east of UTC
  std::string_view type() const;
  int64_t org_no() const;                    // orgs.no of the event's unit (-1: none recorded)
  std::optional<int64_t> person_no() const;  // people.no of its person, if it names one
  std::optional<std::string_view> ref() const;
  std::string_view attrs() const;  // the JSON object text

 private:
  std::string_view text(int column) const;
  // Through SQLite's C API, as the floor reads the table (SQLiteCpp's Column holds a shared
  // handle: two atomic count changes per column read, several columns per event).
  struct Finalize {
    void operator()(sqlite3_stmt* s) const;
  };
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

// How often each event type occurs among the events with begin ≤ ts < end, from a sample of
// runs of consecutive events spread evenly over the time they span (a few milliseconds on
// any store): what a run expects each rule to be shown, to share rules out among threads.
std::vector<std::pair<std::string, int64_t>> sample_types(Store& store, int64_t begin_utc, int64_t end_utc);

}  // namespace jiandu
