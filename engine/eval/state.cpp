#include "eval/state.h"

namespace jiandu::eval {

void StateWriter::event(const EventPtr& e) {
  if (!e) return out.u64(0);
  auto [it, fresh] = index_.emplace(e.get(), events_.size() + 1);
  if (fresh) events_.push_back(e);
  out.u64(it->second);
}

void StateWriter::write_events(ByteWriter& w) const {
  w.u64(events_.size());
  for (auto& e : events_) {
    w.i64(e->seq);
    w.str(e->id);
    w.i64(e->ts.utc);
    w.i64(e->ts.offset);
    w.str(*e->type_name);
    w.i64(e->org);
    w.i64(e->person);
    w.boolean(e->has_ref);
    w.str(e->ref);
    w.str(e->attrs_text());
  }
}

void StateReader::read_events() {
  size_t n = in.count();
  events_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    auto e = std::make_shared<Event>();
    e->seq = in.i64();
    e->id = in.str();
    // What import lets in: years 1–9999, offsets within a day, units and people that exist.
    int64_t utc = in.i64(), offset = in.i64();
    if (utc < -62135596800 || utc > 253402300799 || offset < -86400 || offset > 86400)
      throw CheckpointError("an event with a moment no record can have");
    e->ts.utc = utc;
    e->ts.offset = int(offset);
    e->date = e->ts.local_date();
    e->type_name = intern_(in.str());
    int64_t org = in.i64(), person = in.i64();
    if (org < -1 || org >= int64_t(orgs) || person < -1 || person >= int64_t(people))
      throw CheckpointError("an event of a unit or person not in the organisation");
    e->org = int(org);
    e->person = int(person);
    e->has_ref = in.boolean();
    e->ref = in.str();
    e->set_attrs(in.str());
    events_.push_back(std::move(e));
  }
}

EventPtr StateReader::event() {
  uint64_t i = in.u64();
  if (i == 0) return nullptr;
  if (i > events_.size()) throw CheckpointError("a reference to an event not in its table");
  return events_[size_t(i - 1)];
}

}  // namespace jiandu::eval
