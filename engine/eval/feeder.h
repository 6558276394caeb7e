#pragma once
// Feeding the operators their events in time order, on the run's thread or on several. With
// threads, each operator belongs to one worker (its state is its own; operators are shared out
// by their expected cost, the events they will be shown); a reader hands the workers batches
// of records in order, every worker sees every event and feeds its own operators, and the
// findings they make are merged in the order one thread would have made them (by event, then
// by the operator's place in the event's dispatch). So the findings, the faults (each rule's
// own) and the operators' states are the same for any number of threads.
//
// The reader only copies what the store returned: the workers finish each batch's events
// first, each its own share (unit and person ids resolved in the org graph, attributes
// decoded), and wait for one another before any of them dispatches — so the part of a run
// that cannot be shared is the store's own.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "eval/operator.h"

namespace jiandu::eval {

class Feeder {
 public:
  // `every`: the operators shown every stored event. `ops`: all operators of the run, which
  // `threads` workers share out (1: the run's own thread, `main` its context) by `cost` (one
  // per operator: the events it is expected to be shown).
  Feeder(Context& main, const std::vector<Operator*>& every, const std::vector<Operator*>& ops, const std::vector<double>& cost,
         int threads);
  ~Feeder();
  Feeder(const Feeder&) = delete;
  Feeder& operator=(const Feeder&) = delete;

  // A writable event for the next stored record (its fields all to be set by the caller but
  // org, person and the attributes' decoding, which set_ids() leaves to the feeder): an
  // object no operator keeps, reused, or a new one.
  Event& next_event();
  // The next event's unit and person as stored (the views are read at once).
  void set_ids(std::string_view org, std::optional<std::string_view> person);
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
    Event* writable = nullptr;  // set for a stored record the feeder may reuse and must finish
    const std::vector<Operator*>* typed = nullptr;
    bool to_every = false;
  };
  // A stored record's ids as read, until a worker resolves them.
  struct Ids {
    std::string org, person;
    bool has_person = false;
  };
  struct Batch {
    std::vector<Item> items;
    std::vector<Ids> ids;  // beside items (kept allocated from batch to batch)
    uint64_t number = 0;   // the batch's place in the run, from 1 (0: empty)
    uint64_t first = 0;    // the first item's ordinal in the run
    int prepared = 0;      // workers done with their share of finishing the events
    int done = 0;          // workers done with the batch
    bool last = false;
  };
  // A worker: its context, its findings and each one's place (event ordinal, dispatch place).
  struct Worker {
    std::unique_ptr<Context> ctx;
    std::vector<Finding> findings;
    std::vector<std::pair<uint64_t, uint32_t>> places;
    std::thread thread;
  };
  static constexpr size_t kBatch = 2048, kRing = 4;

  // Feeds `e` to the operators of `worker` among its dispatch (w: the worker's findings to
  // place, or null on one thread).
  void dispatch(Context& c, const EventPtr& e, const std::vector<Operator*>* typed, bool to_every, int worker, uint64_t ordinal, Worker* w);
  void stop_workers();
  void share_out(const std::vector<Operator*>& ops, const std::vector<double>& cost, int threads);
  void finish_event(Event& e, const Ids& ids) const;
  void prepare(Batch& b, int worker);
  void publish(bool last);
  void work(int index);
  void recycle(Batch& b);

  Context& main_;
  const std::vector<Operator*>& every_;
  EventPtr next_;
  Event* next_writable_ = nullptr;
  Ids next_ids_;                               // on one thread
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
