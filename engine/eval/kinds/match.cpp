// match: each event that satisfies `when`, within the rule's effective dates — unless, with
// `unless_before`, an event with the same `correlate` keys satisfied it earlier in time order
// (the precondition the `when` event needed: consulted before sanctioning); or, with `after`,
// only when such an earlier event came at most `within` before it (no promotion in the
// effect period of a sanction). The earlier events met, by key, are the only state, kept
// across checkpoints.
#include <unordered_map>

#include "eval/kinds/common.h"

namespace jiandu::eval {
namespace {

class Match : public StatefulOperator<Match> {
 public:
  using StatefulOperator::StatefulOperator;

  void on_event(const EventPtr& e, Context& ctx) override {
    // (The subject's id only when explaining: a string made per event otherwise.)
    bool tracing = ctx.trace && ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *e));
    std::optional<std::string> key;
    const Seen* since = nullptr;  // with `after`: the event the `when` event follows
    Date until;
    if (const expr::Expr& earlier = rule.unless_before ? rule.unless_before : rule.after) {
      key = key_of(*e, rule.correlate, ctx.orgs);
      // An earlier event counts whenever it was recorded, in the rule's dates or before them.
      Frame f = key ? ctx.frame(*e) : Frame{};
      if (key && ctx.test(earlier.program(), f)) {
        // A precondition is met once and for all; a span runs from the latest such event.
        if (rule.unless_before)
          seen_.try_emplace(*key, Seen{e->date, e->id});
        else
          seen_[*key] = Seen{e->date, e->id};
        if (tracing || (ctx.trace && ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *e), *key)))
          ctx.trace->say(*key, describe(*e) + (rule.unless_before ? " 满足前置条件（关联 " : " 开始限制期（关联 ") + *key + "）：" +
                                   expr::print(*earlier) +
                                   (rule.after ? "，至 " + add_duration(e->date, *rule.within, ctx.calendar).str() : ""));
        return;
      }
    }
    if (!effective_on(e->date)) {
      if (tracing) ctx.trace->say(e->id, describe(*e) + " 不在规则有效期内，不予判断");
      return;
    }
    if (!holds(ctx, preds.when, rule.when, *e)) {
      if (tracing) ctx.trace->say(e->id, describe(*e) + " 不符合规则条件");
      return;
    }
    if (rule.unless_before) {
      if (!key)
        return ctx.fault("record " + e->id + " lacks a correlation key (" + keys_text(rule.correlate) + ") to look for its precondition");
      if (auto it = seen_.find(*key); it != seen_.end()) {
        if (tracing) ctx.trace->say(*key, describe(*e) + " 符合规则条件，但此前（" + it->second.day.str() + "）已满足前置条件 → 合规");
        return;
      }
      if (tracing)
        ctx.trace->say(*key, describe(*e) + " 符合规则条件，此前没有满足前置条件的记录（" + expr::print(*rule.unless_before) + "）→ 违规");
    } else if (rule.after) {
      if (!key)
        return ctx.fault("record " + e->id + " lacks a correlation key (" + keys_text(rule.correlate) +
                         ") to look for the event it may follow");
      auto it = seen_.find(*key);
      if (it == seen_.end()) {
        if (tracing)
          ctx.trace->say(*key, describe(*e) + " 符合规则条件，此前没有开始限制期的记录（" + expr::print(*rule.after) + "）→ 合规");
        return;
      }
      since = &it->second;
      until = add_duration(since->day, *rule.within, ctx.calendar);
      if (e->date > until) {
        if (tracing)
          ctx.trace->say(*key, describe(*e) + " 符合规则条件，但限制期（" + since->day.str() + " 起 " + rule.within->zh() + "，至 " +
                                   until.str() + "）已过 → 合规");
        return;
      }
      if (tracing)
        ctx.trace->say(*key, describe(*e) + " 符合规则条件，在限制期内（" + since->event + "，" + since->day.str() + " 起 " +
                                 rule.within->zh() + "，至 " + until.str() + "）→ 违规");
    } else if (tracing) {
      ctx.trace->say(e->id, describe(*e) + " 符合规则条件：" + expr::print(*rule.when) + " → 违规");
    }
    Frame f = ctx.frame(*e);
    Finding x = finding(f, check::Outcome::violation);
    subject_of(x, rule, ctx.orgs, *e);
    x.person = e->person;
    x.key = key ? *key + "|" + e->id : e->id;
    x.date = e->date;
    x.evidence = {e->id};
    x.numbers = {{"event", e->id}, {"time", e->ts.str()}};
    if (since) {
      x.evidence.insert(x.evidence.begin(), since->event);
      x.numbers["after"] = since->event;
      x.numbers["since"] = since->day.str();
      x.numbers["within"] = rule.within->str();
      x.numbers["until"] = until.str();
    }
    if (ctx.calendar.has_year(e->date.year()) && ctx.calendar.is_holiday(e->date))
      x.numbers["holiday"] = ctx.calendar.holiday_name(e->date);
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  void finish(Context&) const override {}
  // Without `unless_before` each event is judged alone: nothing is held.
  template <class A>
  void state(A& a) {
    a.keyed(seen_, [&](Seen& x) {
      a(x.day);
      a(x.event);
    });
  }

 private:
  struct Seen {
    Date day;
    std::string event;
  };
  // Correlation key → the precondition first met (unless_before), or the latest event that
  // opened a span (after).
  std::unordered_map<std::string, Seen> seen_;
};

}  // namespace

std::unique_ptr<Operator> make_match(const check::Rule& r, const compile::RulePreds& p) { return std::make_unique<Match>(r, p); }

}  // namespace jiandu::eval
