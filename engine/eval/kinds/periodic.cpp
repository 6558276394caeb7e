// periodic: for each subject in scope (units, or people with per: person) and each closed
// period since the rule took effect, the events that satisfy `expect` from the period's
// start to its due date, against at_least / at_most. Periods are in local dates.
#include "eval/kinds/periods.h"
#include "eval/kinds/tallies.h"

namespace jiandu::eval {
namespace {

class Periodic : public StatefulOperator<Periodic> {
 public:
  Periodic(const check::Rule& r, const compile::RulePreds& p) : StatefulOperator(r, p), periods_(r) {}

  void on_event(const EventPtr& e, Context& ctx) override {
    int subject = rule.per_person ? e->person : e->org;
    if (subject < 0) return;
    if (preds.expect >= 0 && !ctx.predicate(preds.expect, *e)) return;
    // Which period the event counts for. Its own, the period whose days it falls in: the
    // grace (`due`) is how long a period's records may take to arrive, not more time to do
    // the duty. An event that names its period (an `expect` reading `period`, such as
    // attrs.year == period.year) counts for the period it names. Under `makeup: true` it
    // makes up the earliest period still in its grace that is short (补开), marked as such.
    const int64_t own = period_index(rule.every, e->date);
    const bool names_period = preds.expect < 0;
    if (!rule.makeup && !names_period) {
      const Period& p = periods_.at(own, ctx.calendar);
      if (!periods_.judged_ever(p)) return;
      tallies_(subject, 0, own).add(*e);
      if (ctx.tracing(rule, subject_id(ctx, subject))) ctx.trace->say(p.label, describe(*e) + " 计入 " + p.label);
      return;
    }
    auto& eligible = eligible_;  // (reused: no allocation per event)
    eligible.clear();
    periods_.containing(e->date, ctx.calendar, [&](const Period& p) {
      if (!periods_.judged_ever(p)) return;  // a period before the rule took effect claims nothing
      if (preds.expect < 0) {
        Frame f = ctx.frame(*e);
        f[check::kPeriod] = &p;
        if (!ctx.test(rule.expect.program(), f)) return;
      }
      eligible.push_back(&p);
    });
    if (eligible.empty()) return;
    std::sort(eligible.begin(), eligible.end(), [](auto* a, auto* b) { return a->index < b->index; });
    const Period* to = eligible.back();
    bool made_up = false;
    if (rule.at_least) {  // the earliest period it may count for that is still short
      for (auto* p : eligible)
        if (tallies_(subject, 0, p->index).n < *rule.at_least) {
          to = p;
          break;
        }
      made_up = rule.makeup && !names_period && to->index < own;
    }
    auto& tally = tallies_(subject, 0, to->index);
    tally.add(*e);
    if (made_up) ++tally.late;
    if (ctx.tracing(rule, subject_id(ctx, subject)))
      ctx.trace->say(to->label, describe(*e) + " 计入 " + to->label + (made_up ? "（补开，期满后补足，记为迟办）" : ""));
  }

  std::string subject_id(Context& ctx, int s) const {
    return rule.per_person ? ctx.orgs.people()[size_t(s)].id : ctx.orgs.orgs()[size_t(s)].id;
  }

  // Periods whose due date passed before the checkpoint's date can take no more events: they
  // are settled — their lapses kept, their tallies no longer saved — so that the state carried
  // from night to night is the open periods', not the whole history's. This run still judges
  // them from their tallies (finish reads lapses only for what it resumed settled).
  void settle(Context& ctx) {
    auto subjects = in_scope(ctx, false);
    settled_through_ = periods_.settle(ctx.as_of, ctx.calendar, settled_through_, [&](const Period& p) {
      for (int s : subjects) {
        const Tally* t = tallies_.find(s, 0, p.index);
        if (lapse_of(t)) settled_.push_back({s, p.index, t ? *t : Tally{}});
      }
    });
  }

  template <class A>
  void state(A& a) {
    a(settled_through_);
    if constexpr (A::loading) resumed_through_ = settled_through_;
    auto subject = [&](int& s) { rule.per_person ? a.person(s) : a.org(s); };
    a.each(settled_, [&](Settled& x) {
      subject(x.subject);
      a(x.index);
      x.tally.state(a);
    });
    tallies_.state(a, settled_through_, [&](int& s, int&, int64_t& period) {
      subject(s);
      a(period);
    });
  }

  void finish(Context& ctx) const override {
    auto subjects = in_scope(ctx, true);
    if (ctx.trace && ctx.trace->rule == rule.id) {
      // The period under way, and those ended but still inside their grace (records of them
      // may still arrive): not judged yet, each named.
      int64_t now = period_index(rule.every, ctx.as_of);
      Period open = period_at(rule.every, now);
      ctx.trace->say(open.label,
                     open.label + "（" + open.start.str() + " 至 " + open.end.str() + "）尚未结束，截至 " + ctx.as_of.str() + " 不作判定");
      for (int64_t i = now - 1; i > now - 60; --i) {
        Period shape = period_at(rule.every, i);
        if (!periods_.judged_ever(shape)) break;
        try {
          const Period& p = periods_.judged(i, ctx.calendar);
          if (p.due < ctx.as_of) break;
          ctx.trace->say(p.label, p.label + " 已于 " + p.end.str() + " 结束，仍在判定期限内（至 " + p.due.str() +
                                      "，补报的记录仍计入），截至 " + ctx.as_of.str() + " 不作判定");
        } catch (const CalendarError&) {
          break;  // said as a fault when it is judged
        }
      }
    }
    auto settled = settled_.begin();  // in period, then subject order: as judged below
    periods_.closed(ctx.as_of, ctx.calendar, [&](const Period& p) {
      if (p.index <= resumed_through_) {
        for (; settled != settled_.end() && settled->index <= p.index; ++settled)
          if (settled->index == p.index)
            if (auto o = lapse_of(&settled->tally)) emit(ctx, settled->subject, p, settled->tally.n, &settled->tally, *o);
        return;
      }
      for (int s : subjects) {
        const Tally* t = tallies_.find(s, 0, p.index);
        int64_t count = t ? t->n : 0;
        if (ctx.tracing(rule, subject_id(ctx, s))) {
          std::string need =
              (rule.at_least ? "至少 " + std::to_string(*rule.at_least) + " 次" : "") +
              (rule.at_most ? (rule.at_least ? "、" : "") + std::string("至多 ") + std::to_string(*rule.at_most) + " 次" : "");
          auto verdict = lapse_of(t);
          int64_t late = t ? t->late : 0;
          ctx.trace->say(p.label, p.label + "（" + p.start.str() + " 至 " + p.end.str() + "，判定期限 " + p.due.str() +
                                      "）：符合条件的事件 " + std::to_string(count) + " 次" +
                                      (late ? "（其中补开 " + std::to_string(late) + " 次）" : "") + "，要求" + need + " → " +
                                      (!verdict                           ? "合格"
                                       : *verdict == check::Outcome::late ? "补开，迟办"
                                                                          : "不合格"));
        }
        auto outcome = lapse_of(t);
        if (!outcome) continue;
        emit(ctx, s, p, count, t, *outcome);
      }
    });
  }

 private:
  // The outcome of a period's count (`late` of them made up after the period), or none
  // when it meets the rule.
  std::optional<check::Outcome> lapse(int64_t count, int64_t late = 0) const {
    if (rule.at_least && count < *rule.at_least) return check::Outcome::missing;
    if (rule.at_most && count > *rule.at_most) return check::Outcome::excess;
    if (rule.at_least && count - late < *rule.at_least) return check::Outcome::late;
    return std::nullopt;
  }
  std::optional<check::Outcome> lapse_of(const Tally* t) const { return t ? lapse(t->n, t->late) : lapse(0); }

  // The subjects the rule applies to. A scope that fails on bad data counts as a fault
  // once per run: when judging, not again when saving.
  std::vector<int> in_scope(Context& ctx, bool judging) const {
    std::vector<int> subjects;
    size_t n = rule.per_person ? ctx.orgs.people().size() : ctx.orgs.orgs().size();
    Frame f;  // one for every subject's scope test: the slots are set anew each time
    for (size_t i = 0; i < n; ++i) {
      if (rule.per_person) {
        f[check::kPerson] = PersonRef{int(i)};
        int home = ctx.orgs.people()[i].org;
        f[check::kOrg] = home >= 0 ? Value(OrgRef{home}) : Value(Null{});
      } else {
        f[check::kOrg] = OrgRef{int(i)};
      }
      bool in = !rule.scope;
      if (!in && judging) {
        in = ctx.test(rule.scope.program(), f);
      } else if (!in) {
        try {
          in = ctx.interp.test(rule.scope.program(), f);
        } catch (...) {
          in = false;
        }
      }
      if (in)
        subjects.push_back(int(i));
      else if (judging && ctx.tracing(rule, subject_id(ctx, int(i))))
        ctx.trace->say("", "不在规则范围内（scope: " + expr::print(*rule.scope) + "）");
    }
    return subjects;
  }

  void emit(Context& ctx, int s, const Period& p, int64_t count, const Tally* t, check::Outcome outcome) const {
    Frame f;
    f[check::kEvent] = Null{};
    if (rule.per_person) {
      f[check::kPerson] = PersonRef{s};
      int home = ctx.orgs.people()[size_t(s)].org;
      f[check::kOrg] = home >= 0 ? Value(OrgRef{home}) : Value(Null{});
    } else {
      f[check::kOrg] = OrgRef{s};
    }
    f[check::kPeriod] = &p;
    f[check::kDue] = p.due;
    f[check::kCount] = count;
    Finding x = finding(f, outcome);
    if (rule.per_person)
      subject_person(x, ctx.orgs, s, -1);
    else
      subject_org(x, ctx.orgs, s);
    x.period = p.label;
    x.due = p.due;
    x.date = p.due;
    if (t) x.evidence = t->evidence;
    x.numbers = {{"period", p.label}, {"from", p.start.str()}, {"to", p.end.str()}, {"due", p.due.str()}, {"count", count}};
    if (t && t->late) x.numbers["made_up"] = t->late;
    mark_calendar(x, ctx.calendar, p.end, p.due, rule.due && counted_on_calendar(*rule.due, rule));
    if (rule.at_least) x.numbers["at_least"] = *rule.at_least;
    if (rule.at_most) x.numbers["at_most"] = *rule.at_most;
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  Periods periods_;
  TallyTable tallies_;
  std::vector<const Period*> eligible_;  // on_event's: the periods an event may count for
  struct Settled {
    int subject = -1;
    int64_t index = 0;
    Tally tally;
  };
  int64_t settled_through_ = INT64_MIN;  // every period up to here is settled: its lapses in settled_
  int64_t resumed_through_ = INT64_MIN;  // of them, those the checkpoint this run resumed from had settled
  std::vector<Settled> settled_;         // their lapses, by period, then subject
};

}  // namespace

std::unique_ptr<Operator> make_periodic(const check::Rule& r, const compile::RulePreds& p) { return std::make_unique<Periodic>(r, p); }

}  // namespace jiandu::eval
