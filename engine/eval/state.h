#pragma once
// Saving and restoring what the operators hold open between events (obligations, windows,
// tallies, cases), so that the next run resumes where the last stopped instead of
// re-reading history. Events held by several operators are written once, in a table ahead
// of the operators' state, and referred to by number.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/bytes.h"
#include "eval/value.h"

namespace jiandu::eval {

using EventPtr = std::shared_ptr<const Event>;

class StateWriter {
 public:
  ByteWriter out;

  // A reference to an event (or to none): its number in the event table.
  void event(const EventPtr& e);
  void date(Date d) { out.i64(d.days); }
  void str(std::string_view s) { out.str(s); }
  void i64(int64_t v) { out.i64(v); }
  void u64(uint64_t v) { out.u64(v); }

  // The event table, to be written ahead of the state that refers to it.
  void write_events(ByteWriter& w) const;

 private:
  std::vector<EventPtr> events_;
  std::unordered_map<const Event*, uint64_t> index_;
};

class StateReader {
 public:
  // `intern` gives the run's one copy of an event type's name.
  StateReader(ByteReader& in, std::function<const std::string*(std::string_view)> intern) : in(in), intern_(std::move(intern)) {}
  ByteReader& in;
  // The organisation's size: a unit or person index past it is damage.
  size_t orgs = 0, people = 0;
  // A saved unit or person index (-1: none), refused when past the organisation.
  int org_index() { return index_below(orgs); }
  int person_index() { return index_below(people); }

  void read_events();
  EventPtr event();
  // The same where an event must be there (an obligation's trigger).
  EventPtr required_event() {
    auto e = event();
    if (!e) throw CheckpointError("an open obligation without the record that opened it");
    return e;
  }
  // Days since 1970 for years 1–9999, or the operators' "no day yet" (INT32_MIN): anything
  // else is damage (date arithmetic on it would overflow).
  Date date() {
    int64_t d = in.i64();
    if (d != INT32_MIN && (d < -719162 || d > 2932896)) throw CheckpointError("a date no record can have");
    return Date{int32_t(d)};
  }
  std::string str() { return std::string(in.str()); }
  int64_t i64() { return in.i64(); }
  uint64_t u64() { return in.u64(); }
  size_t count() { return in.count(); }

 private:
  int index_below(size_t n) {
    int64_t v = in.i64();
    if (v < -1 || v >= int64_t(n)) throw CheckpointError("a unit or person not in the organisation");
    return int(v);
  }
  std::function<const std::string*(std::string_view)> intern_;
  std::vector<EventPtr> events_;
};

}  // namespace jiandu::eval
