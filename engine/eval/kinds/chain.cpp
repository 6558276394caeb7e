// chain: for each unit in scope and each closed period, each link's role — held in the
// unit (or the units of its subtree that `in` selects) at the period's end — is filled
// (else `vacant`), and each holder (each_holder) or the holding unit (collectively) produced
// at least `at_least` events satisfying `expect` from the period's start to its due date
// (else `missing_duty`). A requirement link (`require`) is judged of each holding unit on
// the period's last day — its make-up through the org graph — and is `violation` when unmet.
#include "base/vocabulary.h"
#include "eval/kinds/periods.h"
#include "eval/kinds/tallies.h"

namespace jiandu::eval {
namespace {

class Chain : public StatefulOperator<Chain> {
 public:
  Chain(const check::Rule& r, const compile::RulePreds& p) : StatefulOperator(r, p), periods_(r) {}

  void on_event(const EventPtr& e, Context& ctx) override {
    for (size_t li = 0; li < rule.links.size(); ++li) {
      const auto& link = rule.links[li];
      if (link.require) continue;  // reads the org graph, not events
      int pred = preds.links[li];
      if (pred >= 0 && !ctx.predicate(pred, *e)) continue;
      // As for periodic: one event discharges one period, the earliest still short.
      auto& eligible = eligible_;  // (reused: no allocation per event)
      eligible.clear();
      periods_.containing(e->date, ctx.calendar, [&](const Period& p) {
        if (!periods_.judged_ever(p)) return;
        if (pred < 0) {
          Frame f = ctx.frame(*e);
          f[check::kPeriod] = &p;
          if (!ctx.test(link.expect.program(), f)) return;
        }
        eligible.push_back(&p);
      });
      if (eligible.empty()) continue;
      std::sort(eligible.begin(), eligible.end(), [](auto* a, auto* b) { return a->index < b->index; });
      auto place = [&](TallyTable& tallies, int who) {
        const Period* to = eligible.back();
        for (auto* p : eligible)
          if (tallies(who, int(li), p->index).n < link.at_least) {
            to = p;
            break;
          }
        tallies(who, int(li), to->index).add(*e);
      };
      if (e->person >= 0) place(by_person_, e->person);
      if (e->org >= 0) place(by_org_, e->org);
    }
  }

  // As for periodic: periods whose due date passed before the checkpoint's date are settled —
  // their lapses kept, in the order they are judged, and their tallies no longer saved.
  void settle(Context& ctx) {
    auto units = in_scope(ctx, false);
    settled_through_ = periods_.settle(ctx.as_of, ctx.calendar, settled_through_, [&](const Period& p) {
      for (int u : units)
        for (size_t li = 0; li < rule.links.size(); ++li)
          judge(ctx, u, int(li), p, false, [&](int holding, int person, int64_t n, const Tally* t, check::Outcome outcome) {
            settled_.push_back({u, holding, person, int(li), p.index, outcome, t ? *t : Tally{n, 0, {}}});
          });
    });
  }

  template <class A>
  void state(A& a) {
    a(settled_through_);
    if constexpr (A::loading) resumed_through_ = settled_through_;
    auto link = [&](int& l) {
      int64_t n = l;  // saved as a number, its range checked on reading
      a(n);
      a.check(n >= 0 && size_t(n) < rule.links.size(), [&] { return "a link of " + rule.id + " it does not have"; });
      l = int(n);
    };
    a.each(settled_, [&](Lapse& x) {
      a.org(x.unit);
      a.org(x.holding);
      a.person(x.person);
      link(x.link);
      a(x.index);
      std::string outcome(check::name(x.outcome));
      a(outcome);
      if constexpr (A::loading) {
        auto o = check::outcome_from(outcome);
        a.check(bool(o), [&] { return "an outcome " + rule.id + " does not have"; });
        x.outcome = *o;
      }
      a(x.count);  // a vacancy's count is 0 with no tally behind it
      x.tally.state(a);
    });
    for (auto* tallies : {&by_person_, &by_org_})
      tallies->state(a, settled_through_, [&](int& who, int& l, int64_t& period) {
        link(l);
        tallies == &by_person_ ? a.person(who) : a.org(who);
        a(period);
      });
  }

  void finish(Context& ctx) const override {
    auto units = in_scope(ctx, true);
    auto settled = settled_.begin();  // in the order judged below
    periods_.closed(ctx.as_of, ctx.calendar, [&](const Period& p) {
      if (p.index <= resumed_through_) {
        for (; settled != settled_.end() && settled->index <= p.index; ++settled)
          if (settled->index == p.index)
            emit(ctx, settled->unit, settled->holding, settled->person, settled->link, p, settled->count, &settled->tally,
                 settled->outcome);
        return;
      }
      for (int u : units)
        for (size_t li = 0; li < rule.links.size(); ++li)
          judge(ctx, u, int(li), p, true, [&](int holding, int person, int64_t n, const Tally* t, check::Outcome outcome) {
            emit(ctx, u, holding, person, int(li), p, n, t, outcome);
          });
    });
  }

 private:
  // A lapse of a settled period, as judge() found it.
  struct Lapse {
    int unit = -1, holding = -1, person = -1, link = 0;
    int64_t index = 0;
    check::Outcome outcome = check::Outcome::vacant;
    Tally tally;
    int64_t count = 0;
    Lapse() = default;
    Lapse(int u, int h, int p, int l, int64_t i, check::Outcome o, Tally t)
        : unit(u), holding(h), person(p), link(l), index(i), outcome(o), tally(std::move(t)), count(tally.n) {}
  };

  // A test that counts its fault once per run: when judging, not again when saving.
  static bool test(Context& ctx, const expr::Expr& n, Frame& f, bool judging) {
    if (judging) return ctx.test(n.program(), f);
    try {
      return ctx.interp.test(n.program(), f);
    } catch (...) {
      return false;
    }
  }

  // Whether a requirement holds; none when it could not be judged (a fault, counted once:
  // when judging, not again when saving), which is never a finding.
  static std::optional<bool> requirement(Context& ctx, const expr::Expr& n, Frame& f, bool judging, int unit) {
    try {
      return ctx.interp.test(n.program(), f);
    } catch (const EvalFault& e) {
      if (judging) ctx.fault(e.what(), ctx.orgs.orgs()[size_t(unit)].id);
    } catch (const std::bad_variant_access&) {
      if (judging) ctx.fault("a value of an unexpected type", ctx.orgs.orgs()[size_t(unit)].id);
    }
    return std::nullopt;
  }

  std::vector<int> in_scope(Context& ctx, bool judging) const {
    std::vector<int> units;
    Frame f;
    for (size_t i = 0; i < ctx.orgs.orgs().size(); ++i) {
      f[check::kOrg] = OrgRef{int(i)};
      if (test(ctx, rule.scope, f, judging)) units.push_back(int(i));
    }
    return units;
  }

  // Each lapse of one link in one unit for one period, to `sink(holding unit, person or -1,
  // count, tally or null, outcome)`.
  template <class Sink>
  void judge(Context& ctx, int unit, int li, const Period& p, bool judging, Sink&& sink) const {
    const auto& link = rule.links[size_t(li)];
    std::vector<int> holding_units;
    if (!link.in) {
      holding_units.push_back(unit);
    } else {
      for (int o : ctx.orgs.subtree(unit)) {
        Frame f;
        f[check::kOrg] = OrgRef{o};
        if (test(ctx, link.in, f, judging)) holding_units.push_back(o);
      }
    }
    bool tracing = judging && ctx.tracing(rule, ctx.orgs.orgs()[size_t(unit)].id);
    if (link.require) {
      for (int h : holding_units) {
        Frame f;
        f[check::kOrg] = OrgRef{h};
        f[check::kPeriod] = &p;
        auto met = requirement(ctx, link.require, f, judging, h);
        if (tracing)
          ctx.trace->say(p.label, p.label + "：" + p.end.str() + " 时 " + ctx.orgs.orgs()[size_t(h)].name + " " +
                                      (!met   ? "未能判断"
                                       : *met ? "符合"
                                              : "不符合") +
                                      "要求 " + link.id + "：" + expr::print(*link.require));
        if (met && !*met) sink(h, -1, 0, nullptr, check::Outcome::violation);
      }
      return;
    }
    for (int h : holding_units) {
      auto holders = ctx.orgs.holders(h, link.role, p.end);
      if (tracing) {
        std::string names;
        for (int x : holders) names += (names.empty() ? "" : "、") + ctx.orgs.people()[size_t(x)].name;
        ctx.trace->say(p.label, p.label + "：" + p.end.str() + " 时 " + ctx.orgs.orgs()[size_t(h)].name + " 的" +
                                    vocabulary().role(link.role) + "为 " + (names.empty() ? "空缺" : names));
        for (int x : holders) {
          const Tally* t = (link.each_holder ? by_person_ : by_org_).find(link.each_holder ? x : h, li, p.index);
          int64_t n = t ? t->n : 0;
          ctx.trace->say(p.label, std::string("  ") +
                                      (link.each_holder ? ctx.orgs.people()[size_t(x)].name : ctx.orgs.orgs()[size_t(h)].name) + " 完成 " +
                                      std::to_string(n) + " 次（要求至少 " + std::to_string(link.at_least) + " 次，截至 " + p.due.str() +
                                      "）");
          if (!link.each_holder) break;
        }
      }
      if (holders.empty()) {
        sink(h, -1, 0, nullptr, check::Outcome::vacant);
        continue;
      }
      if (link.each_holder) {
        for (int person : holders) {
          const Tally* t = by_person_.find(person, li, p.index);
          int64_t n = t ? t->n : 0;
          if (n < link.at_least) sink(h, person, n, t, check::Outcome::missing_duty);
        }
      } else {
        const Tally* t = by_org_.find(h, li, p.index);
        int64_t n = t ? t->n : 0;
        if (n < link.at_least) sink(h, holders.front(), n, t, check::Outcome::missing_duty);
      }
    }
  }

  void emit(Context& ctx, int unit, int holding, int person, int li, const Period& p, int64_t n, const Tally* t,
            check::Outcome outcome) const {
    const auto& link = rule.links[size_t(li)];
    // A requirement's finding is about the unit that does not meet it.
    if (link.require) unit = holding;
    Frame f;
    f[check::kEvent] = Null{};
    f[check::kOrg] = OrgRef{unit};
    f[check::kPeriod] = &p;
    f[check::kDue] = p.due;
    f[check::kCount] = n;
    f[check::kHolder] = person >= 0 ? Value(PersonRef{person}) : Value(Null{});
    f[check::kPerson] = person >= 0 ? Value(PersonRef{person}) : Value(Null{});
    f[check::kKey] = link.require ? link.id : vocabulary().role(link.role);  // a message names 党支部书记, not the id
    Finding x = finding(f, outcome);
    subject_org(x, ctx.orgs, unit);
    x.person = person;
    x.period = p.label;
    const auto& hid = ctx.orgs.orgs()[size_t(holding)].id;
    x.key = (link.require ? link.id : link.role) + "@" + hid +
            (person >= 0 && link.each_holder ? ":" + ctx.orgs.people()[size_t(person)].id : "");
    x.due = p.due;
    x.date = p.due;
    if (t) x.evidence = t->evidence;
    if (link.require)
      x.numbers = {{"period", p.label}, {"requirement", link.id}, {"unit", hid}, {"at_end_of", p.end.str()}, {"due", p.due.str()}};
    else
      x.numbers = {{"period", p.label}, {"role", link.role},        {"unit", hid}, {"at_end_of", p.end.str()}, {"due", p.due.str()},
                   {"count", n},        {"at_least", link.at_least}};
    mark_calendar(x, ctx.calendar, p.end, p.due, rule.due && counted_on_calendar(*rule.due, rule));
    if (person >= 0) x.numbers["holder"] = ctx.orgs.people()[size_t(person)].id;
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  Periods periods_;
  TallyTable by_person_, by_org_;        // by holder (person) or holding unit, then link and period
  std::vector<const Period*> eligible_;  // on_event's: the periods an event may count for
  int64_t settled_through_ = INT64_MIN;  // every period up to here is settled: its lapses in settled_
  int64_t resumed_through_ = INT64_MIN;  // of them, those the checkpoint this run resumed from had settled
  std::vector<Lapse> settled_;           // their lapses, in the order judged
};

}  // namespace

std::unique_ptr<Operator> make_chain(const check::Rule& r, const compile::RulePreds& p) { return std::make_unique<Chain>(r, p); }

}  // namespace jiandu::eval
