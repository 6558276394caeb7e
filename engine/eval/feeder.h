#pragma once
// Feeding the operators their events in time order, on the run's thread or on several. With
// threads, each operator belongs to one worker at a time (its state is its own; operators are
// shared out by their expected cost, and again once their cost per event has been measured on
// the first batches, from a batch all workers start after the last measured one); a reader hands the workers batches
// of records in order, every worker sees every event and feeds its own operators, and the
// findings they make are merged in the order one thread would have made them (by event, then
// by the operator's place in the event's dispatch). So the findings, the faults (each rule's
// own) and the operators' states are the same for any number of threads.
//
// The reader only copies what the store returned: an event's attributes are decoded by the
// first worker whose rule reads them (eval/value.h), so the part of a run that cannot be
// shared is the store's own.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "eval/operator.h"

namespace jiandu::eval {

class Feeder {
 public:
  // `every`: the operators shown every stored event. `ops`: all operators of the run, fed on
  // the run's own thread (`threads` 1, `main` its context) or, on `threads` N > 1, by N - 1
  // workers while the run's thread reads; the workers share them out by `cost` (one per
  // operator: the events it is expected to be shown).
  Feeder(Context& main, const std::vector<Operator*>& every, const std::vector<Operator*>& ops, const std::vector<double>& cost,
         int threads);
  ~Feeder();
  Feeder(const Feeder&) = delete;
  Feeder& operator=(const Feeder&) = delete;

  // A writable event for the next stored record (its fields all to be set by the caller; the
  // attributes are decoded by the feeder): an object no operator keeps, reused, or a new one.
  Event& next_event();
  // Feeds the event from next_event() to `typed` and the every-event operators.
  void feed_next(const std::vector<Operator*>* typed);
  // Feeds an event made elsewhere (a role event) to `typed` only.
  void feed(const EventPtr& e, const std::vector<Operator*>* typed);
  // Waits for the workers; their findings are appended to the main context's in one
  // thread's order. Rethrows what stopped a worker (a date no calendar covers).
  void finish();
  // A worker has failed: the events still to come need not be read.
  bool stopped() const { return stopped_; }

 private:
  struct Item {
    EventPtr event;
    Event* writable = nullptr;  // set for a stored record the feeder may reuse
    const std::vector<Operator*>* typed = nullptr;
    bool to_every = false;
  };
  struct Batch {
    std::vector<Item> items;
    uint64_t number = 0;  // the batch's place in the run, from 1 (0: empty)
    uint64_t first = 0;   // the first item's ordinal in the run
    size_t plan = 0;      // which sharing out of the operators feeds it (plans_)
    int done = 0;         // workers done with the batch
    bool last = false;
  };
  // A worker: its context, its findings and each one's place (event ordinal, dispatch place).
  struct Worker {
    std::unique_ptr<Context> ctx;
    std::vector<Finding> findings;
    std::vector<std::pair<uint64_t, uint32_t>> places;
    std::vector<double> spent;    // by operator slot: seconds in on_event over the measured batches
    std::vector<uint64_t> shown;  // and the events it was shown there
    uint64_t completed = 0;       // the last batch it is done with (guarded by mu_)
    std::thread thread;
  };
  static constexpr size_t kBatch = 2048, kRing = 4;
  // The batches each operator's cost is measured over, and the first fed by what was measured:
  // the reader shares out again once the last measured batch is done by every worker (it waits
  // for that batch's ring slot before filling the batch kRing after it).
  static constexpr uint64_t kMeasured = kRing, kRemeasuredFrom = 2 * kRing;
  using Plan = std::vector<int>;  // by operator slot: its worker

  // Feeds `e` to the operators of `worker` among its dispatch (w: the worker's findings to
  // place, or null on one thread).
  void dispatch(Context& c, const EventPtr& e, const std::vector<Operator*>* typed, bool to_every, int worker, uint64_t ordinal, Worker* w,
                const Plan* plan = nullptr, bool measure = false);
  void stop_workers();
  static Plan share_out(const std::vector<double>& cost, int threads);
  void share_out_again();
  void publish(bool last);
  void work(int index);
  void recycle(Batch& b);

  Context& main_;
  const std::vector<Operator*>& every_;
  std::vector<double> expected_;  // by slot: the events each operator is expected to be shown
  std::vector<Plan> plans_;       // reserved for both: never reallocated while workers read it
  EventPtr next_;
  Event* next_writable_ = nullptr;
  std::vector<std::shared_ptr<Event>> spare_;  // events no operator kept, for reuse

  std::vector<Worker> workers_;
  std::vector<Batch> ring_;
  Batch* filling_ = nullptr;
  uint64_t published_ = 0, ordinal_ = 0;
  std::mutex mu_;
  std::condition_variable ready_, free_;
  std::exception_ptr failed_;
  uint64_t failed_at_ = UINT64_MAX;
  bool finished_ = false;
  bool stopped_ = false;  // the reader's own: a worker failed, nothing more is handed out
};

}  // namespace jiandu::eval
