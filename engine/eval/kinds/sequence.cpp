// sequence: the first step opens a case keyed by the correlation keys; each later step is
// due `within` after the step it follows (the previous one, or `after`). Findings: `late`
// (a step done after its due date), `missing` (a step not done, its due date passed, as of
// the run), `out_of_order` (a step done before the step it follows). A step with `within:
// none` has no due date: it is never late or missing, but still ordered.
#include <map>
#include <unordered_map>

#include "eval/kinds/common.h"

namespace jiandu::eval {
namespace {

class Sequence : public StatefulOperator<Sequence> {
 public:
  using StatefulOperator::StatefulOperator;

  void on_event(const EventPtr& e, Context& ctx) override {
    std::optional<std::optional<std::string>> key;  // computed once, when needed
    auto key_now = [&]() -> const std::optional<std::string>& {
      if (!key) key = key_of(*e, rule.correlate, ctx.orgs);
      return *key;
    };
    for (size_t i = 0; i < rule.steps.size(); ++i) {
      const auto& step = rule.steps[i];
      if (i == 0) {
        if (!effective_on(e->date) || !holds(ctx, preds.steps[0], step.when, *e)) continue;
        if (!key_now()) {
          ctx.fault("step " + step.name + " event " + e->id + " lacks a correlation key");
          continue;
        }
        if (cases_.count(*key_now())) continue;
        Case& c = cases_[*key_now()];
        c.done.assign(rule.steps.size(), nullptr);
        c.early.assign(rule.steps.size(), false);
        c.done[0] = e;
        if (ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *e), *key_now()))
          ctx.trace->say(*key_now(), describe(*e) + " 开启事项（关联 " + *key_now() + "），首个环节“" + step.name + "”");
        // Steps recorded before the case began were done out of order.
        if (auto o = orphans_.find(*key_now()); o != orphans_.end()) {
          for (auto& [step, ev] : o->second) {
            c.done[step] = ev;
            c.early[step] = true;
          }
          orphans_.erase(o);
        }
        continue;
      }
      if (preds.steps[i] >= 0 && !ctx.predicate(preds.steps[i], *e)) continue;
      if (!key_now()) continue;
      auto it = cases_.find(*key_now());
      if (it == cases_.end()) {
        orphans_[*key_now()].emplace(i, e);  // kept until the case begins (the first only)
        continue;
      }
      if (it->second.done[i]) continue;
      Case& c = it->second;
      if (preds.steps[i] < 0) {  // the step reads earlier steps: bind them
        Frame f = bind(ctx, *e, c);
        if (!ctx.test(step.when.program(), f)) continue;
      }
      c.done[i] = e;
      bool traced = ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *c.done[0]), *key_now());
      const EventPtr& before = c.done[size_t(step.after)];
      if (!before) {
        c.early[i] = true;
        if (traced)
          ctx.trace->say(*key_now(), describe(*e) + " 完成环节“" + step.name + "”，但前一环节“" + rule.steps[size_t(step.after)].name +
                                         "”尚未完成 → 顺序不符");
        continue;
      }
      if (!step.within) {  // `within: none`: done, never late; it still orders the steps after it
        if (traced) ctx.trace->say(*key_now(), describe(*e) + " 完成环节“" + step.name + "”（本规则不计该环节时限）");
        continue;
      }
      Date due = due_after(start_of(c, size_t(step.after)), *step.within, rule, ctx.calendar);
      if (traced)
        ctx.trace->say(*key_now(), describe(*e) + " 完成环节“" + step.name + "”，期限 " + due.str() + "（" +
                                       rule.steps[size_t(step.after)].name + "后" + step.within->zh() + "）→ " +
                                       (e->date > due ? "逾期" : "按期"));
      if (e->date > due) emit(ctx, *key_now(), c, i, due, e->date, check::Outcome::late);
    }
  }

  template <class A>
  void state(A& a) {
    a.keyed(cases_, [&](Case& c) {
      size_t steps = a.count(c.done.size());
      if constexpr (A::loading) {
        a.check(steps == rule.steps.size(), [&] { return "a case of " + rule.id + " with another number of steps"; });
        a.check(c.done.empty(), [&] { return "a case of " + rule.id + " saved twice"; });
        c.done.resize(steps);
        c.early.resize(steps);
      }
      for (size_t i = 0; i < steps; ++i) {
        bool early = c.early[i];
        a.event(c.done[i]);
        a(early);
        c.early[i] = early;
        // A step done out of order is a step done: finish() reads its event.
        a.check(!early || c.done[i], [&] { return "a step of " + rule.id + " out of order without its record"; });
      }
    });
    a.keyed(orphans_, [&](std::map<size_t, EventPtr>& steps) {
      a.keyed(steps, [&](EventPtr& e) { a.required_event(e); });
      // (the steps are in order: the last is the largest)
      a.check(steps.empty() || steps.rbegin()->first < rule.steps.size(), [&] { return "a step of " + rule.id + " it does not have"; });
    });
  }

  void finish(Context& ctx) const override {
    for (auto& [key, c] : cases_)
      for (size_t i = 1; i < rule.steps.size(); ++i) {
        if (c.early[i]) {
          emit(ctx, key, c, i, std::nullopt, c.done[i]->date, check::Outcome::out_of_order);
          continue;
        }
        const EventPtr& before = c.done[size_t(rule.steps[i].after)];
        if (c.done[i] || !before || !rule.steps[i].within) continue;  // an untimed step is never missing
        Date due = due_after(start_of(c, size_t(rule.steps[i].after)), *rule.steps[i].within, rule, ctx.calendar);
        if (ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *c.done[0]), key)) {
          if (!(due < ctx.as_of)) ++ctx.trace->pending;
          ctx.trace->say(key, "截至 " + ctx.as_of.str() + "，事项 " + key + " 的环节“" + rule.steps[i].name + "”尚未完成：" +
                                  (due < ctx.as_of ? "已超过期限 " + due.str() + " → 逾期未办" : "期限 " + due.str() + " 尚未届满"));
        }
        if (due < ctx.as_of) emit(ctx, key, c, i, due, due, check::Outcome::missing);
      }
  }

 private:
  struct Case {
    std::vector<EventPtr> done;
    std::vector<bool> early;
  };

  // Where a step's clock starts: the step it follows, but never before the case began (a
  // step recorded out of order, before the first, does not start a clock early).
  Date start_of(const Case& c, size_t after) const { return std::max(c.done[after]->date, c.done[0]->date); }

  Frame bind(Context& ctx, const Event& e, const Case& c) const {
    Frame f = ctx.frame(e);
    for (size_t i = 0; i < c.done.size(); ++i) f[check::kFirstStep + int(i)] = c.done[i] ? Value(c.done[i].get()) : Value(Null{});
    return f;
  }

  void emit(Context& ctx, const std::string& key, const Case& c, size_t step, std::optional<Date> due, Date date,
            check::Outcome outcome) const {
    const EventPtr& first = c.done[0];
    Frame f = bind(ctx, c.done[step] ? *c.done[step] : *first, c);
    if (!c.done[step]) f[check::kEvent] = Null{};
    f[check::kTrigger] = first.get();
    if (due) f[check::kDue] = *due;
    f[check::kKey] = key;
    f[check::kStep] = rule.steps[step].name;
    Finding x = finding(f, outcome);
    subject_of(x, rule, ctx.orgs, *first);
    x.key = key + "|" + rule.steps[step].name;
    x.due = due;
    x.date = date;
    for (auto& d : c.done)
      if (d) x.evidence.push_back(d->id);
    const EventPtr& before = c.done[size_t(rule.steps[step].after)];
    const auto& within = rule.steps[step].within;
    x.numbers = {{"step", rule.steps[step].name},
                 {"after", rule.steps[size_t(rule.steps[step].after)].name},
                 {"within", within ? within->str() : "none"}};
    Date from = before ? start_of(c, size_t(rule.steps[step].after)) : first->date;
    mark_calendar(x, ctx.calendar, from, std::max(due.value_or(date), date), within && counted_on_calendar(*within, rule));
    if (before) x.numbers["after_done"] = before->date.str();
    if (due) x.numbers["due"] = due->str();
    if (c.done[step]) x.numbers["done"] = c.done[step]->date.str();
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  std::unordered_map<std::string, Case> cases_;
  std::unordered_map<std::string, std::map<size_t, EventPtr>> orphans_;
};

}  // namespace

std::unique_ptr<Operator> make_sequence(const check::Rule& r, const compile::RulePreds& p) { return std::make_unique<Sequence>(r, p); }

}  // namespace jiandu::eval
