// chain: for each unit in scope and each closed period, each link's role — held in the
// unit (or the units of its subtree that `in` selects) at the period's end — is filled
// (else `vacant`), and each holder (each_holder) or the holding unit (collectively) produced
// at least `at_least` events satisfying `expect` from the period's start to its due date
// (else `missing_duty`).
#include "eval/kinds/periods.h"

namespace jiandu::eval {
namespace {

class Chain : public Operator {
 public:
  Chain(const check::Rule& r, const compile::RulePreds& p) : Operator(r, p), periods_(r) {}

  void on_event(const EventPtr& e, Context& ctx) override {
    for (size_t li = 0; li < rule.links.size(); ++li) {
      const auto& link = rule.links[li];
      int pred = preds.links[li];
      if (pred >= 0 && !ctx.predicate(pred, *e)) continue;
      // As for periodic: one event discharges one period, the earliest still short.
      std::vector<const Period*> eligible;
      periods_.containing(e->date, ctx.calendar, [&](const Period& p) {
        if (!periods_.judged_ever(p)) return;
        if (pred < 0) {
          Frame f = ctx.frame(*e);
          f[check::kPeriod] = &p;
          if (!ctx.test(*link.expect, f)) return;
        }
        eligible.push_back(&p);
      });
      if (eligible.empty()) continue;
      std::sort(eligible.begin(), eligible.end(), [](auto* a, auto* b) { return a->index < b->index; });
      auto place = [&](Tallies& tallies, int who) {
        const Period* to = eligible.back();
        for (auto* p : eligible)
          if (tallies[{int(li), who, p->index}].n < link.at_least) {
            to = p;
            break;
          }
        tallies[{int(li), who, to->index}].add(*e);
      };
      if (e->person >= 0) place(by_person_, e->person);
      if (e->org >= 0) place(by_org_, e->org);
    }
  }

  void save(StateWriter& w, Context&) override {
    for (auto* tallies : {&by_person_, &by_org_}) {
      w.u64(tallies->size());
      for (auto& [k, t] : *tallies) {
        w.i64(std::get<0>(k));
        w.i64(std::get<1>(k));
        w.i64(std::get<2>(k));
        t.save(w);
      }
    }
  }

  void restore(StateReader& r) override {
    for (auto* tallies : {&by_person_, &by_org_})
      for (size_t n = r.count(); n > 0; --n) {
        int link = int(r.i64()), who = int(r.i64());
        int64_t index = r.i64();
        (*tallies)[{link, who, index}].restore(r);
      }
  }

  void finish(Context& ctx) override {
    std::vector<int> units;
    for (size_t i = 0; i < ctx.orgs.orgs().size(); ++i) {
      Frame f;
      f[check::kOrg] = OrgRef{int(i)};
      if (ctx.test(*rule.scope, f)) units.push_back(int(i));
    }
    periods_.closed(ctx.as_of, ctx.calendar, [&](const Period& p) {
      for (int u : units)
        for (size_t li = 0; li < rule.links.size(); ++li) judge(ctx, u, int(li), p);
    });
  }

 private:
  using Key = std::tuple<int, int, int64_t>;

  void judge(Context& ctx, int unit, int li, const Period& p) {
    const auto& link = rule.links[size_t(li)];
    std::vector<int> holding_units;
    if (!link.in) {
      holding_units.push_back(unit);
    } else {
      for (int o : ctx.orgs.subtree(unit)) {
        Frame f;
        f[check::kOrg] = OrgRef{o};
        if (ctx.test(*link.in, f)) holding_units.push_back(o);
      }
    }
    bool tracing = ctx.tracing(rule, ctx.orgs.orgs()[size_t(unit)].id);
    for (int h : holding_units) {
      auto holders = ctx.orgs.holders(h, link.role, p.end);
      if (tracing) {
        std::string names;
        for (int x : holders) names += (names.empty() ? "" : "、") + ctx.orgs.people()[size_t(x)].name;
        ctx.trace->say(p.label, p.label + "：" + p.end.str() + " 时 " + ctx.orgs.orgs()[size_t(h)].name + " 的 " + link.role + " 为 " +
                                    (names.empty() ? "空缺" : names));
        for (int x : holders) {
          auto it = (link.each_holder ? by_person_ : by_org_).find({li, link.each_holder ? x : h, p.index});
          int64_t n = it == (link.each_holder ? by_person_ : by_org_).end() ? 0 : it->second.n;
          ctx.trace->say(p.label, std::string("  ") + (link.each_holder ? ctx.orgs.people()[size_t(x)].name : ctx.orgs.orgs()[size_t(h)].name) +
                                      " 完成 " + std::to_string(n) + " 次（要求至少 " + std::to_string(link.at_least) + " 次，截至 " + p.due.str() + "）");
          if (!link.each_holder) break;
        }
      }
      if (holders.empty()) {
        emit(ctx, unit, h, -1, li, p, 0, nullptr, "vacant");
        continue;
      }
      if (link.each_holder) {
        for (int person : holders) {
          auto it = by_person_.find({li, person, p.index});
          int64_t n = it == by_person_.end() ? 0 : it->second.n;
          if (n < link.at_least) emit(ctx, unit, h, person, li, p, n, it == by_person_.end() ? nullptr : &it->second, "missing_duty");
        }
      } else {
        auto it = by_org_.find({li, h, p.index});
        int64_t n = it == by_org_.end() ? 0 : it->second.n;
        if (n < link.at_least) emit(ctx, unit, h, holders.front(), li, p, n, it == by_org_.end() ? nullptr : &it->second, "missing_duty");
      }
    }
  }

  void emit(Context& ctx, int unit, int holding, int person, int li, const Period& p, int64_t n, const Tally* t,
            const char* outcome) {
    const auto& link = rule.links[size_t(li)];
    Frame f;
    f[check::kEvent] = Null{};
    f[check::kOrg] = OrgRef{unit};
    f[check::kPeriod] = &p;
    f[check::kDue] = p.due;
    f[check::kCount] = n;
    f[check::kHolder] = person >= 0 ? Value(PersonRef{person}) : Value(Null{});
    f[check::kPerson] = person >= 0 ? Value(PersonRef{person}) : Value(Null{});
    f[check::kKey] = link.role;
    Finding x = finding(ctx, f, outcome);
    subject_org(x, ctx.orgs, unit);
    x.person = person;
    x.period = p.label;
    const auto& hid = ctx.orgs.orgs()[size_t(holding)].id;
    x.key = link.role + "@" + hid + (person >= 0 && link.each_holder ? ":" + ctx.orgs.people()[size_t(person)].id : "");
    x.due = p.due;
    x.date = p.due;
    if (t) x.evidence = t->evidence;
    x.numbers = {{"period", p.label}, {"role", link.role},       {"unit", hid},
                 {"at_end_of", p.end.str()}, {"due", p.due.str()}, {"count", n},
                 {"at_least", link.at_least}, {"calendar", ctx.calendar.describe()}};
    if (person >= 0) x.numbers["holder"] = ctx.orgs.people()[size_t(person)].id;
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  Periods periods_;
  using Tallies = std::unordered_map<Key, Tally, TripleHash>;
  Tallies by_person_, by_org_;
};

}  // namespace

std::unique_ptr<Operator> make_chain(const check::Rule& r, const compile::RulePreds& p) {
  return std::make_unique<Chain>(r, p);
}

}  // namespace jiandu::eval
