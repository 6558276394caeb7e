// match: each event that satisfies `when`, within the rule's effective dates — unless, with
// `unless_before`, an event with the same `correlate` keys satisfied it earlier in time order
// (the precondition the `when` event needed: consulted before sanctioning). The keys seen are
// the only state, kept across checkpoints.
#include <unordered_map>

#include "eval/kinds/common.h"

namespace jiandu::eval {
namespace {

class Match : public Operator {
 public:
  using Operator::Operator;

  void on_event(const EventPtr& e, Context& ctx) override {
    bool tracing = ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *e));
    std::optional<std::string> key;
    if (rule.unless_before) {
      key = key_of(*e, rule.correlate, ctx.orgs);
      // A precondition counts whenever it was recorded, in the rule's dates or before them.
      Frame f = key ? ctx.frame(*e) : Frame{};
      if (key && ctx.test(*rule.unless_before, f)) {
        seen_.try_emplace(*key, e->date);
        if (tracing || ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *e), *key))
          ctx.trace->say(*key, describe(*e) + " 满足前置条件（关联 " + *key + "）：" + expr::print(*rule.unless_before));
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
      if (!key) return ctx.fault("record " + e->id + " lacks a correlation key (" + keys_text(rule.correlate) + ") to look for its precondition");
      if (auto it = seen_.find(*key); it != seen_.end()) {
        if (tracing) ctx.trace->say(*key, describe(*e) + " 符合规则条件，但此前（" + it->second.str() + "）已满足前置条件 → 合规");
        return;
      }
      if (tracing) ctx.trace->say(*key, describe(*e) + " 符合规则条件，此前没有满足前置条件的记录（" + expr::print(*rule.unless_before) + "）→ 违规");
    } else if (tracing) {
      ctx.trace->say(e->id, describe(*e) + " 符合规则条件：" + expr::print(*rule.when) + " → 违规");
    }
    Frame f = ctx.frame(*e);
    Finding x = finding(ctx, f, check::Outcome::violation);
    subject_of(x, rule, ctx.orgs, *e);
    x.person = e->person;
    x.key = key ? *key + "|" + e->id : e->id;
    x.date = e->date;
    x.evidence = {e->id};
    x.numbers = {{"event", e->id}, {"time", e->ts.str()}};
    if (ctx.calendar.has_year(e->date.year()) && ctx.calendar.is_holiday(e->date))
      x.numbers["holiday"] = ctx.calendar.holiday_name(e->date);
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  void finish(Context&) override {}
  // Without `unless_before` each event is judged alone: nothing is held.
  void save(StateWriter& w, Context&) override {
    w.u64(seen_.size());
    for (auto& [key, day] : seen_) {
      w.str(key);
      w.date(day);
    }
  }
  void restore(StateReader& r) override {
    for (size_t n = r.count(); n > 0; --n) {
      std::string key = r.str();
      seen_[key] = r.date();
    }
  }

 private:
  std::unordered_map<std::string, Date> seen_;  // correlation key → the day its precondition was first met
};

}  // namespace

std::unique_ptr<Operator> make_match(const check::Rule& r, const compile::RulePreds& p) {
  return std::make_unique<Match>(r, p);
}

}  // namespace jiandu::eval
