#include "eval/run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "eval/checkpoint.h"
#include "eval/feeder.h"
#include "eval/operator.h"
#include "eval/role_events.h"
#include "store/event_cursor.h"

namespace jiandu::eval {

namespace {

// The events each operator is expected to be shown, from a sample of the store's types (the
// role events, few, counted as they are): what the threads share rules out by.
std::vector<double> expected_cost(Store& store, const std::map<std::string, std::vector<Operator*>>& by_type,
                                  const std::vector<Operator*>& every, const std::vector<Operator*>& ops, size_t role_events,
                                  int64_t begin_utc, int64_t end_utc) {
  std::map<const Operator*, double> cost;
  double all = 0;
  for (auto& [type, n] : sample_types(store, begin_utc, end_utc)) {
    all += double(n);
    if (auto it = by_type.find(type); it != by_type.end())
      for (auto* op : it->second) cost[op] += double(n);
  }
  for (auto* op : every) cost[op] += all;
  for (const char* type : {kRoleStart, kRoleEnd})
    if (auto it = by_type.find(type); it != by_type.end())
      for (auto* op : it->second) cost[op] += double(role_events);
  std::vector<double> out;
  for (auto* op : ops) out.push_back(cost[op]);
  return out;
}

// What an operator judged on a thread of its own: its findings, or what stopped it.
struct Judged {
  std::vector<Finding> findings;
  std::exception_ptr failed;
};

// Every operator's finish() on `threads` threads, the next operator to whichever is free:
// judging reads an operator's state and the shared read-only graph, calendar and plan, and
// writes only the operator's own list and counts.
std::map<const check::Rule*, Judged> judge_in_parallel(const std::vector<std::pair<const check::Rule*, Operator*>>& ops,
                                                       const Context& main, int threads) {
  std::map<const check::Rule*, Judged> out;
  for (auto& [r, op] : ops) out[r];  // every entry made before any thread looks one up
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < ops.size();) {
      auto& [r, op] = ops[i];
      Judged& j = out.at(r);
      Context c = main.fork(j.findings);
      c.stats = op->stats;
      try {
        op->finish(c);
      } catch (...) {
        j.failed = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

}  // namespace

RunResult run(Store& store, const compile::Plan& plan, const org::OrgGraph& orgs, const Calendar& calendar, const RunOptions& opts) {
  RunResult result;
  Interp interp(orgs, calendar);
  Context ctx{plan, interp, orgs, calendar, opts.as_of, result.findings};
  ctx.trace = opts.trace;
  ctx.memo.assign(plan.predicates.size(), 0);
  ctx.memo_epoch.assign(plan.predicates.size(), 0);

  std::map<const check::Rule*, std::unique_ptr<Operator>> ops;
  for (auto* r : plan.order) {
    result.stats[r->id];
    if (r->kind != check::Kind::escalation) ops[r] = make_operator(*r, plan.preds.at(r));
  }
  // The dispatch table by type name, resolved to operators once.
  std::map<std::string, std::vector<Operator*>> by_type;
  for (auto& [type, rules] : plan.dispatch)
    for (auto* r : rules) by_type[type].push_back(ops[r].get());
  std::vector<Operator*> every;
  for (auto* r : plan.every_event) every.push_back(ops[r].get());

  // Type names interned with their dispatch: one entry per distinct type name.
  struct TypeEntry {
    std::string name;
    const std::vector<Operator*>* ops = nullptr;
  };
  // Looked up by the cursor's view of the name (most events differ in type from the one before).
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<TypeEntry>, NameHash, std::equal_to<>> types;
  auto intern = [&](std::string_view type) {
    auto found = types.find(type);
    if (found != types.end()) return found->second.get();
    auto& slot = types[std::string(type)];
    slot = std::make_unique<TypeEntry>();
    slot->name = std::string(type);
    auto it = by_type.find(slot->name);
    slot->ops = it == by_type.end() ? nullptr : &it->second;
    return slot.get();
  };
  RunState state{{}, result.findings, result.stats, result.events, result.watermark};
  for (auto* r : plan.order)
    if (r->kind != check::Kind::escalation) state.ops.emplace_back(r, ops[r].get());
  auto clock = std::chrono::steady_clock::now();
  auto lap = [&](const char* stage) {
    auto now = std::chrono::steady_clock::now();
    result.timings.emplace_back(stage, std::chrono::duration<double>(now - clock).count());
    clock = now;
  };
  if (opts.resume)
    restore_state(
        opts.resume->state, *opts.resume->findings, state, [&](std::string_view t) { return &intern(t)->name; }, orgs.orgs().size(),
        orgs.people().size());
  size_t resumed_findings = result.findings.size();
  lap("checkpoint read");

  // Every event up to the end of the as-of day in the store's zone, in time order (from
  // where the resumed run stopped). Events are streamed; the operators keep only what is
  // still open.
  int64_t end_local = int64_t(opts.as_of.add_days(1).days) * 86400;
  int64_t end_utc = store.zone().to_utc(end_local);
  int64_t begin_utc = opts.resume ? opts.resume->end_ts : INT64_MIN;
  result.end_ts = std::max(end_utc, begin_utc);
  EventCursor q(store, begin_utc, end_utc);
  // The role records as events (eval/role_events.h), made only when a rule reads them and
  // fed before the stored events of the same instant.
  auto derived_entry = [&](const char* type) { return by_type.count(type) ? intern(type) : nullptr; };
  TypeEntry* role_start = derived_entry(kRoleStart);
  TypeEntry* role_end = derived_entry(kRoleEnd);
  std::vector<EventPtr> derived =
      role_events(orgs, store.zone(), begin_utc, end_utc, role_start ? &role_start->name : nullptr, role_end ? &role_end->name : nullptr);
  size_t next_derived = 0;
  std::vector<Operator*> all_ops;
  for (auto& [r, op] : state.ops) {
    op->stats = &result.stats[r->id];
    all_ops.push_back(op);
  }
  int threads = opts.trace ? 1 : opts.threads;
  Feeder feeder(ctx, every, all_ops,
                threads > 1 ? expected_cost(store, by_type, every, all_ops, derived.size(), begin_utc, end_utc) : std::vector<double>{},
                threads);
  // Rules over every event read stored records only: a role event is read by naming its type.
  auto derived_until = [&](int64_t utc) {
    for (; next_derived < derived.size() && derived[next_derived]->ts.utc <= utc; ++next_derived) {
      const EventPtr& e = derived[next_derived];
      feeder.feed(e, (*e->type_name == kRoleStart ? role_start : role_end)->ops);
    }
  };
  TypeEntry* last = nullptr;
  while (q.next() && !feeder.stopped()) {
    std::string_view type = q.type();
    if (!last || last->name != type) last = intern(type);
    ++result.events;
    ++result.new_events;
    int64_t seq = q.seq();
    result.watermark = std::max(result.watermark, seq);
    const std::vector<Operator*>* typed = last->ops;
    int64_t ts = q.ts();
    if (next_derived < derived.size()) derived_until(ts);
    if (!typed && every.empty()) continue;  // no rule reads this type: nothing to build
    Event& w = feeder.next_event();
    w.seq = seq;
    w.id.assign(q.id());
    w.ts = Timestamp{ts, q.utc_offset()};
    w.date = w.ts.local_date();
    w.type_name = &last->name;
    w.org = orgs.org_of_number(q.org_no());
    auto person = q.person_no();
    w.person = person ? orgs.person_of_number(*person) : -1;
    auto ref = q.ref();
    w.has_ref = bool(ref);
    w.ref.assign(ref ? *ref : std::string_view());
    w.set_attrs(q.attrs());
    feeder.feed_next(typed);
  }
  if (!feeder.stopped()) derived_until(INT64_MAX);
  feeder.finish();
  ctx.current = nullptr;
  lap("new events");
  if (opts.save) {
    result.state = save_state(state, ctx);
    result.new_findings = encode_findings(result.findings, resumed_findings);
  }
  lap("checkpoint encoded");
  // Judgements as of the date, then the rules that read findings, in topological order.
  // On threads the operators judge at once, each into its own list; the lists are appended
  // in plan order and the escalations run there, so the findings are one thread's.
  std::map<const check::Rule*, Judged> judged;
  if (threads > 1) {
    judged = judge_in_parallel(state.ops, ctx, threads);
    size_t n = result.findings.size();
    for (auto& [r, j] : judged) n += j.findings.size();
    result.findings.reserve(n);  // appended once, not moved again each time the list grows
  }
  for (auto* r : plan.order) {
    ctx.stats = &result.stats[r->id];
    try {
      if (r->kind == check::Kind::escalation) {
        escalate(*r, plan, ctx);
      } else if (auto it = judged.find(r); it != judged.end()) {
        if (it->second.failed) std::rethrow_exception(it->second.failed);
        for (auto& f : it->second.findings) result.findings.push_back(std::move(f));
      } else {
        ops[r]->finish(ctx);
      }
    } catch (const CalendarError& f) {
      throw CalendarError("rule " + r->id + ", judging as of " + opts.as_of.str() + ": " + f.what());
    }
  }
  lap("judgements as of the date");
  if (opts.org) {
    int root = orgs.org_index(*opts.org);
    std::erase_if(result.findings, [&](const Finding& f) { return f.org < 0 || !orgs.within(f.org, root); });
  }
  // By rule, date and stable key; each key is built once and the findings are moved once (a
  // comparison built two keys, and sorting moved the findings themselves, 6% of an audit).
  auto& fs = result.findings;
  std::vector<std::string> keys;
  keys.reserve(fs.size());
  for (auto& f : fs) keys.push_back(f.stable_key());
  std::vector<uint32_t> order(fs.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const Finding &x = fs[a], &y = fs[b];
    if (x.rule->id != y.rule->id) return x.rule->id < y.rule->id;
    if (x.date != y.date) return x.date < y.date;
    return keys[a] < keys[b];
  });
  // Permuted in place, cycle by cycle: a second list of every finding would double the
  // memory the run touches (fresh pages were a fifth of a nightly audit).
  for (size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    Finding held = std::move(fs[start]);
    size_t at = start;
    for (size_t from = order[at]; from != start; at = from, from = order[at]) {
      fs[at] = std::move(fs[from]);
      order[at] = uint32_t(at);  // placed
    }
    fs[at] = std::move(held);
    order[at] = uint32_t(at);
  }
  lap("findings sorted");
  return result;
}

}  // namespace jiandu::eval
