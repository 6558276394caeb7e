#include "eval/feeder.h"

#include <algorithm>
#include <tuple>

namespace jiandu::eval {

Feeder::Feeder(Context& main, const std::vector<Operator*>& every, const std::vector<Operator*>& ops, const std::vector<double>& cost,
               int threads)
    : main_(main), every_(every) {
  threads = std::max(1, std::min<int>(threads, int(ops.size())));
  share_out(ops, cost, threads);
  if (threads == 1) return;
  ring_.resize(kRing);
  for (auto& b : ring_) {
    b.items.reserve(kBatch);
    b.ids.resize(kBatch);
  }
  filling_ = &ring_[0];
  workers_.resize(size_t(threads));  // never resized again: the contexts refer to the findings
  for (auto& w : workers_) {
    w.ctx.reset(new Context{main.plan, main.interp, main.orgs, main.calendar, main.as_of, w.findings});
    w.ctx->memo.assign(main.memo.size(), 0);
    w.ctx->memo_epoch.assign(main.memo_epoch.size(), 0);
  }
  for (size_t i = 0; i < workers_.size(); ++i) workers_[i].thread = std::thread([this, i] { work(int(i)); });
}

// The costliest operator first, each to the worker with the least so far (ties: the lower
// worker, the earlier operator), so that no worker waits long for another at a batch's end.
void Feeder::share_out(const std::vector<Operator*>& ops, const std::vector<double>& cost, int threads) {
  std::vector<size_t> order(ops.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto cost_of = [&](size_t i) { return i < cost.size() ? cost[i] : 0.0; };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost_of(a) > cost_of(b); });
  std::vector<double> load(size_t(threads), 0.0);
  for (size_t i : order) {
    size_t w = size_t(std::min_element(load.begin(), load.end()) - load.begin());
    ops[i]->worker = int(w);
    load[w] += std::max(cost_of(i), 1.0);
  }
}

Feeder::~Feeder() { stop_workers(); }  // a run that stopped early: the workers stop where they are

void Feeder::stop_workers() {
  {
    std::lock_guard lk(mu_);
    finished_ = true;
  }
  ready_.notify_all();
  for (auto& w : workers_)
    if (w.thread.joinable()) w.thread.join();
}

Event& Feeder::next_event() {
  if (workers_.empty()) {
    if (!next_ || next_.use_count() > 1) {
      auto made = std::make_shared<Event>();
      next_writable_ = made.get();
      next_ = std::move(made);
    }
    return *next_writable_;
  }
  std::shared_ptr<Event> e;
  if (spare_.empty()) {
    e = std::make_shared<Event>();
  } else {
    e = std::move(spare_.back());
    spare_.pop_back();
  }
  next_writable_ = e.get();
  next_ = std::move(e);
  return *next_writable_;
}

void Feeder::set_ids(std::string_view org, std::optional<std::string_view> person) {
  if (workers_.empty()) {
    next_writable_->org = main_.orgs.org_index(org);
    next_writable_->person = person ? main_.orgs.person_index(*person) : -1;
    return;
  }
  Ids& ids = filling_->ids[filling_->items.size()];
  ids.org.assign(org);
  ids.has_person = bool(person);
  ids.person.assign(person ? *person : std::string_view());
}

void Feeder::finish_event(Event& e, const Ids& ids) const {
  e.org = main_.orgs.org_index(ids.org);
  e.person = ids.has_person ? main_.orgs.person_index(ids.person) : -1;
}

// A worker's share of a batch's events made whole (the shares are contiguous: each worker
// touches its own part of the batch), then the wait for the others' shares.
void Feeder::prepare(Batch& b, int worker) {
  size_t n = b.items.size(), count = workers_.size();
  for (size_t i = n * size_t(worker) / count, end = n * (size_t(worker) + 1) / count; i < end; ++i) {
    Item& item = b.items[i];
    if (item.writable) finish_event(*item.writable, b.ids[i]);
    item.event->decode_attrs();  // shared by every worker from now on: read only
  }
  std::unique_lock lk(mu_);
  if (++b.prepared == int(count))
    ready_.notify_all();
  else
    ready_.wait(lk, [&] { return b.prepared == int(count); });
}

void Feeder::feed_next(const std::vector<Operator*>* typed) {
  if (stopped_) return;
  if (workers_.empty()) return dispatch(main_, next_, typed, true, 0, ordinal_++, nullptr);
  filling_->items.push_back(Item{std::move(next_), next_writable_, typed, true});
  next_ = nullptr;
  if (filling_->items.size() == kBatch) publish(false);
}

void Feeder::feed(const EventPtr& e, const std::vector<Operator*>* typed) {
  if (stopped_) return;
  if (workers_.empty()) return dispatch(main_, e, typed, false, 0, ordinal_++, nullptr);
  filling_->items.push_back(Item{e, nullptr, typed, false});
  if (filling_->items.size() == kBatch) publish(false);
}

void Feeder::dispatch(Context& c, const EventPtr& e, const std::vector<Operator*>* typed, bool to_every, int worker, uint64_t ordinal,
                      Worker* w) {
  ++c.epoch;
  c.current = e.get();
  uint32_t place = 0;
  auto one = [&](Operator* op) {
    if (op->worker == worker) {
      size_t before = w ? w->findings.size() : 0;
      c.stats = op->stats;
      ++c.stats->events;
      try {
        op->on_event(e, c);
      } catch (const EvalFault& f) {
        c.fault(f.what());
      } catch (const CalendarError& f) {  // no calendar covers a date: the run cannot go on
        throw CalendarError("rule " + op->rule.id + ", record " + e->id + ": " + f.what());
      }
      if (w)
        for (size_t i = before; i < w->findings.size(); ++i) w->places.emplace_back(ordinal, place);
    }
    ++place;
  };
  if (typed)
    for (auto* op : *typed) one(op);
  if (to_every)
    for (auto* op : every_) one(op);
}

void Feeder::publish(bool last) {
  uint64_t first = ordinal_;
  ordinal_ += filling_->items.size();
  {
    std::lock_guard lk(mu_);
    filling_->first = first;
    filling_->last = last;
    filling_->prepared = 0;
    filling_->done = 0;
    filling_->number = ++published_;
  }
  ready_.notify_all();
  if (last) return;
  // The next slot of the ring, once every worker is done with what it held.
  Batch& next = ring_[published_ % kRing];
  {
    std::unique_lock lk(mu_);
    free_.wait(lk, [&] { return next.number == 0 || next.done == int(workers_.size()) || failed_; });
    if (failed_) {
      stopped_ = true;  // the run cannot go on: finish() says why
      return;
    }
  }
  recycle(next);
  filling_ = &next;
}

void Feeder::recycle(Batch& b) {
  for (auto& item : b.items)
    if (item.writable && item.event.use_count() == 1) spare_.push_back(std::const_pointer_cast<Event>(std::move(item.event)));
  b.items.clear();
}

void Feeder::work(int index) {
  Worker& me = workers_[size_t(index)];
  bool failed = false;  // this worker's rules stopped: it only prepares its shares from then on
  for (uint64_t n = 1;; ++n) {
    Batch& b = ring_[(n - 1) % kRing];
    {
      std::unique_lock lk(mu_);
      // After a worker failed the others still go through what was handed out, so that the
      // failure reported is the first by event, as on one thread.
      ready_.wait(lk, [&] { return b.number == n || finished_; });
      if (b.number != n) return;
    }
    prepare(b, index);
    uint64_t at = b.first;
    if (!failed) try {
        for (const Item& item : b.items) dispatch(*me.ctx, item.event, item.typed, item.to_every, index, at++, &me);
      } catch (...) {
        failed = true;
        std::lock_guard lk(mu_);
        if (at < failed_at_) {
          failed_at_ = at;  // the first by event, as one thread would have stopped
          failed_ = std::current_exception();
        }
      }
    bool last = b.last;
    {
      std::lock_guard lk(mu_);
      ++b.done;
    }
    free_.notify_all();
    if (last) return;
  }
}

void Feeder::finish() {
  if (workers_.empty()) return;
  if (!stopped_) publish(true);
  stop_workers();  // each has gone through every batch handed out
  if (failed_) std::rethrow_exception(failed_);
  // One thread's order: by event, then by the operator's place in its dispatch.
  std::vector<std::tuple<uint64_t, uint32_t, size_t, size_t>> order;
  for (size_t k = 0; k < workers_.size(); ++k)
    for (size_t i = 0; i < workers_[k].findings.size(); ++i)
      order.emplace_back(workers_[k].places[i].first, workers_[k].places[i].second, k, i);
  std::sort(order.begin(), order.end());
  main_.findings.reserve(main_.findings.size() + order.size());
  for (auto& [ordinal, place, k, i] : order) main_.findings.push_back(std::move(workers_[k].findings[i]));
}

}  // namespace jiandu::eval
