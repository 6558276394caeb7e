#include "eval/feeder.h"

#include <algorithm>
#include <chrono>
#include <tuple>

namespace jiandu::eval {

Feeder::Feeder(Context& main, const std::vector<Operator*>& every, const std::vector<Operator*>& ops, const std::vector<double>& cost,
               int threads)
    : main_(main), every_(every) {
  for (size_t i = 0; i < ops.size(); ++i) {
    ops[i]->slot = int(i);
    expected_.push_back(i < cost.size() ? cost[i] : 0.0);
  }
  if (threads <= 1 || ops.empty()) return;
  // The reading thread is one of the run's threads: reading the store is a third or more of a
  // run, so a worker per thread besides it (on 2 cores: 1 worker, the reader ahead of it)
  // keeps every core busy without a third thread taking turns with the two.
  int workers = std::min<int>(threads - 1, int(ops.size()));
  plans_.reserve(2);
  plans_.push_back(share_out(expected_, workers));
  ring_.resize(kRing);
  for (auto& b : ring_) b.items.reserve(kBatch);
  filling_ = &ring_[0];
  workers_.resize(size_t(workers));  // never resized again: the contexts refer to the findings
  for (auto& w : workers_) {
    w.ctx = std::make_unique<Context>(main.fork(w.findings));
    w.spent.assign(ops.size(), 0.0);
    w.shown.assign(ops.size(), 0);
  }
  for (size_t i = 0; i < workers_.size(); ++i) workers_[i].thread = std::thread([this, i] { work(int(i)); });
}

// The costliest operator first, each to the worker with the least so far (ties: the lower
// worker, the earlier operator), so that no worker waits long for another at a batch's end.
Feeder::Plan Feeder::share_out(const std::vector<double>& cost, int threads) {
  std::vector<size_t> order(cost.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost[a] > cost[b]; });
  std::vector<double> load(size_t(threads), 0.0);
  Plan plan(cost.size(), 0);
  for (size_t i : order) {
    size_t w = size_t(std::min_element(load.begin(), load.end()) - load.begin());
    plan[i] = int(w);
    load[w] += std::max(cost[i], 1e-9);
  }
  return plan;
}

// Each operator's expected cost: its measured time per event shown (the mean of all, for one
// not shown any yet) times the events it is expected to be shown. Called by the reader once
// every worker is done with the measured batches (their spent and shown are settled).
void Feeder::share_out_again() {
  size_t n = expected_.size();
  std::vector<double> spent(n, 0.0), shown(n, 0.0);
  for (auto& w : workers_)
    for (size_t i = 0; i < n; ++i) spent[i] += w.spent[i], shown[i] += double(w.shown[i]);
  double all_spent = 0, all_shown = 0;
  for (size_t i = 0; i < n; ++i) all_spent += spent[i], all_shown += shown[i];
  double mean = all_shown > 0 ? all_spent / all_shown : 1.0;
  std::vector<double> cost(n);
  for (size_t i = 0; i < n; ++i) cost[i] = (shown[i] > 0 ? spent[i] / shown[i] : mean) * std::max(expected_[i], 1.0);
  plans_.push_back(share_out(cost, int(workers_.size())));
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
                      Worker* w, const Plan* plan, bool measure) {
  ++c.epoch;
  c.current = e.get();
  uint32_t place = 0;
  auto one = [&](Operator* op) {
    if (!plan || (*plan)[size_t(op->slot)] == worker) {
      size_t before = w ? w->findings.size() : 0;
      c.stats = op->stats;
      ++c.stats->events;
      std::chrono::steady_clock::time_point t0;
      if (measure) t0 = std::chrono::steady_clock::now();
      try {
        op->on_event(e, c);
        if (measure) {
          w->spent[size_t(op->slot)] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
          ++w->shown[size_t(op->slot)];
        }
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
    filling_->plan = plans_.size() - 1;
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
  // The slot just freed held the last measured batch: every worker is done with it.
  if (published_ + 1 == kRemeasuredFrom) share_out_again();
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
  bool failed = false;  // this worker's rules stopped: it only marks the batches done from then on
  size_t plan_before = 0;
  for (uint64_t n = 1;; ++n) {
    Batch& b = ring_[(n - 1) % kRing];
    {
      std::unique_lock lk(mu_);
      // After a worker failed the others still go through what was handed out, so that the
      // failure reported is the first by event, as on one thread.
      ready_.wait(lk, [&] { return b.number == n || finished_; });
      if (b.number != n) return;
      // Operators change hands with the plan: the batch before must be done by every worker
      // (its old owner included) before any feeds this one.
      if (b.plan != plan_before)
        free_.wait(lk,
                   [&] { return std::all_of(workers_.begin(), workers_.end(), [&](const Worker& w) { return w.completed + 1 >= n; }); });
    }
    plan_before = b.plan;
    uint64_t at = b.first;
    if (!failed) try {
        const Plan& plan = plans_[b.plan];
        bool measure = b.number <= kMeasured;
        for (const Item& item : b.items) dispatch(*me.ctx, item.event, item.typed, item.to_every, index, at++, &me, &plan, measure);
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
      me.completed = n;
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
