#pragma once
// The run-time node of one rule: fed the events its dispatch sends it, in time order, then
// asked for its findings as of the run's date. One implementation per rule kind.
#include <memory>
#include <vector>

#include "base/calendar.h"
#include "compile/plan.h"
#include "eval/archive.h"
#include "eval/finding.h"
#include "eval/interp.h"
#include "eval/run.h"
#include "eval/state.h"

namespace jiandu::eval {

// `jiandu explain`: the story of one rule and one subject, in sentences an inspector reads.
struct Trace {
  std::string rule, subject;  // the rule, and the subject id (org, person or ref)
  struct Line {
    std::string period;  // the period or key it is about, for --period
    std::string text;
  };
  std::vector<Line> lines;
  size_t dropped = 0;
  size_t pending = 0;  // obligations opened whose due date has not passed
  void say(std::string period, std::string text) {
    if (lines.size() < 400)
      lines.push_back({std::move(period), std::move(text)});
    else
      ++dropped;
  }
};

// What every operator shares during a run.
struct Context {
  const compile::Plan& plan;
  const Interp& interp;
  const org::OrgGraph& orgs;
  const Calendar& calendar;
  Date as_of;
  std::vector<Finding>& findings;
  RuleStats* stats = nullptr;  // of the operator being called
  Trace* trace = nullptr;      // set by explain

  // Is the operator of `rule` explaining `subject` (an org, person or ref id)?
  bool tracing(const check::Rule& rule, const std::string& subject) const {
    return trace && trace->rule == rule.id && trace->subject == subject;
  }
  // The same for a case with a correlation key: also when the subject explained is one of
  // the key's parts (a ref such as hx2026-02, asked for with --subject).
  bool tracing(const check::Rule& rule, const std::string& subject, std::string_view key) const {
    if (!trace || trace->rule != rule.id) return false;
    if (trace->subject == subject) return true;
    for (size_t at = 0; at <= key.size();) {
      size_t bar = key.find('|', at);
      if (bar == std::string_view::npos) bar = key.size();
      if (key.substr(at, bar - at) == trace->subject) return true;
      at = bar + 1;
    }
    return false;
  }

  // The per-event cache of shared predicates.
  std::vector<int8_t> memo{};
  std::vector<uint64_t> memo_epoch{};
  uint64_t epoch = 0;
  Frame predicate_frame{};
  uint64_t predicate_frame_epoch = UINT64_MAX;

  // A condition's value for the current event; each of its shared predicates is computed
  // at most once per event, whoever asks.
  bool predicate(int condition, const Event& e);
  // Evaluates an expression that reads more than the event; faults count against the rule.
  bool test(const expr::Program& p, Frame& f);
  // A fault about the event being fed (when there is one), or the subject given.
  void fault(const std::string& what, std::string subject = "");
  // A context over the same run for another thread: its own findings list and predicate memo.
  Context fork(std::vector<Finding>& into) const;
  const Event* current = nullptr;  // the event being fed, for the faults it causes
  Frame frame(const Event& e) const;
};

class Operator {
 public:
  Operator(const check::Rule& r, const compile::RulePreds& p) : rule(r), preds(p) {}
  virtual ~Operator() = default;
  virtual void on_event(const EventPtr& e, Context& ctx) = 0;
  // Judging as of ctx.as_of reads the state and changes nothing: a checkpoint is the state
  // after the last event, and a resumed run judges from it what a full run does.
  virtual void finish(Context& ctx) const = 0;
  // What is held open between events, for a checkpoint taken after the events up to the
  // end of ctx.as_of: `restore`, on a fresh operator, reads it back so that a resumed run
  // finds what a full one does. What can no longer change (a period whose due date has
  // passed) may be saved settled: its verdict, not what led to it.
  virtual void save(StateWriter& w, Context& ctx) = 0;
  virtual void restore(StateReader& r) = 0;

  const check::Rule& rule;
  const compile::RulePreds& preds;
  // Set by the run: where the rule's counts are kept (no lookup per event), and its place
  // among the run's operators (by which eval/feeder.h says which thread feeds it).
  RuleStats* stats = nullptr;
  int slot = 0;

 protected:
  bool effective_on(Date d) const { return rule.from <= d && (!rule.to || d <= *rule.to); }
  // A finding with the rule's common fields and the rendered message.
  Finding finding(Frame& f, check::Outcome outcome) const;
};

// An operator whose state is one description (eval/archive.h): saving and restoring both
// run Kind::state(A&). A kind that settles what can no longer change before a checkpoint is
// taken (a period whose due date passed) does so in Kind::settle(ctx), which save calls first.
template <class Kind>
class StatefulOperator : public Operator {
 public:
  using Operator::Operator;
  void save(StateWriter& w, Context& ctx) final {
    self().settle(ctx);
    Saver a(w);
    self().state(a);
  }
  void restore(StateReader& r) final {
    Loader a(r);
    self().state(a);
  }
  void settle(Context&) {}  // nothing to settle

 private:
  Kind& self() { return static_cast<Kind&>(*this); }
};

std::unique_ptr<Operator> make_operator(const check::Rule& r, const compile::RulePreds& p);
// Findings of escalation rules, from the findings of the rules they read.
void escalate(const check::Rule& r, const compile::Plan& plan, Context& ctx);

// Durations on the calendar (throws CalendarError for a year without a calendar).
Date add_duration(Date d, const load::Duration& dur, const Calendar& cal);
Date sub_duration(Date d, const load::Duration& dur, const Calendar& cal);
// A due date `dur` after `d` under the rule: with `on_rest_day: next_workday` a calendar-day
// duration that ends on a rest day moves to the next working day (民法典 Art. 203).
Date due_after(Date d, const load::Duration& dur, const check::Rule& r, const Calendar& cal);
// The duration `dur` comes to for this trigger: itself, or, for `trigger.attrs.NAME UNIT`,
// the count the trigger records (else the rule's own duration given after `or`). Throws
// EvalFault when the trigger has no such count and no fallback, or a count that is not a
// whole number from 0 to 999999.
load::Duration duration_for(const load::Duration& dur, const Event& trigger);
// Whether a due date of the rule's `dur` was counted on the working-day calendar.
bool counted_on_calendar(const load::Duration& dur, const check::Rule& r);
// Records the calendar a finding's dates from `a` to `b` were counted on: its description,
// and, when `counted`, the provisional years among them (the finding then says so).
void mark_calendar(Finding& x, const Calendar& cal, Date a, Date b, bool counted);
// The correlation key of an event: its key values joined, or nullopt when one is missing.
std::optional<std::string> key_of(const Event& e, const std::vector<check::Key>& keys, const org::OrgGraph& orgs);
// The keys, as a fault names them: "ref, person".
std::string keys_text(const std::vector<check::Key>& keys);

}  // namespace jiandu::eval
