// match: each event that satisfies `when`, within the rule's effective dates.
#include "eval/kinds/common.h"

namespace jiandu::eval {
namespace {

class Match : public Operator {
 public:
  using Operator::Operator;

  void on_event(const EventPtr& e, Context& ctx) override {
    bool tracing = ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *e));
    if (!effective_on(e->date)) {
      if (tracing) ctx.trace->say(e->id, describe(*e) + " 不在规则有效期内，不予判断");
      return;
    }
    if (!holds(ctx, preds.when, rule.when, *e)) {
      if (tracing) ctx.trace->say(e->id, describe(*e) + " 不符合规则条件");
      return;
    }
    if (tracing) ctx.trace->say(e->id, describe(*e) + " 符合规则条件：" + expr::print(*rule.when) + " → 违规");
    Frame f = ctx.frame(*e);
    Finding x = finding(ctx, f, check::Outcome::violation);
    subject_of(x, rule, ctx.orgs, *e);
    x.person = e->person;
    x.key = e->id;
    x.date = e->date;
    x.evidence = {e->id};
    x.numbers = {{"event", e->id}, {"time", e->ts.str()}};
    if (ctx.calendar.has_year(e->date.year()) && ctx.calendar.is_holiday(e->date))
      x.numbers["holiday"] = ctx.calendar.holiday_name(e->date);
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  void finish(Context&) override {}
  void save(StateWriter&, Context&) override {}  // each event is judged alone: nothing is held
  void restore(StateReader&) override {}
};

}  // namespace

std::unique_ptr<Operator> make_match(const check::Rule& r, const compile::RulePreds& p) {
  return std::make_unique<Match>(r, p);
}

}  // namespace jiandu::eval
