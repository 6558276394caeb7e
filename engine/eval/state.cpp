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
    w.str(e->attrs_text);
  }
}

void StateReader::read_events() {
  size_t n = in.count();
  events_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    auto e = std::make_shared<Event>();
    e->seq = in.i64();
    e->id = in.str();
    e->ts.utc = in.i64();
    e->ts.offset = int(in.i64());
    e->date = e->ts.local_date();
    e->type_name = intern_(in.str());
    e->org = int(in.i64());
    e->person = int(in.i64());
    e->has_ref = in.boolean();
    e->ref = in.str();
    e->attrs_text = in.str();
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
