// threshold: per group, a sliding window ending at each matching event (the `window` of
// days up to and including its day); when the count — or the sum of `sum` — reaches
// at_least, one finding for that crossing; the group re-arms once it falls below again.
#include <deque>
#include <unordered_map>

#include "eval/kinds/common.h"

namespace jiandu::eval {
namespace {

class Threshold : public StatefulOperator<Threshold> {
 public:
  using StatefulOperator::StatefulOperator;

  void on_event(const EventPtr& e, Context& ctx) override {
    if (!effective_on(e->date) || !holds(ctx, preds.when, rule.when, *e)) return;
    Slot* slot = slot_of(*e, ctx.orgs);
    if (!slot) return;
    const std::string* key = &slot->first;
    double value = 1;
    if (rule.sum) {
      Frame f = ctx.frame(*e);
      Value v;
      try {
        v = ctx.interp.eval(rule.sum.program(), f);
      } catch (const EvalFault& x) {
        return ctx.fault(x.what());
      }
      if (v.is_null()) return;  // nothing to add
      value = std::holds_alternative<int64_t>(v) ? double(std::get<int64_t>(v)) : std::get<double>(v);
    }
    Group& g = slot->second;
    g.window.push_back({e->id, e->date, value});
    g.total += value;
    if (e->date != cutoff_of_) cutoff_of_ = e->date, cutoff_ = sub_duration(e->date, *rule.window, ctx.calendar);
    Date cutoff = cutoff_;
    while (!g.window.empty() && g.window.front().date <= cutoff) {
      g.total -= g.window.front().value;
      g.window.pop_front();
    }
    bool over = g.total >= double(*rule.at_least);
    if (ctx.trace && ctx.trace->rule == rule.id && ctx.trace->subject == *key)
      ctx.trace->say(e->date.str(), describe(*e) + " 后，" + rule.window->str() + " 窗口内" + (rule.sum ? "累计 " : "共 ") +
                                        ctx.interp.text(g.total) + "，预警线 " + std::to_string(*rule.at_least) + (over ? " → 达到" : ""));
    if (over && !g.armed) emit(ctx, *key, g, e);
    g.armed = over;
  }

  void finish(Context&) const override {}

  template <class A>
  void state(A& a) {
    a.keyed(groups_, [&](Group& g) {
      a.each(g.window, [&](Entry& x) {
        a(x.id);
        a(x.date);
        a(x.value);
      });
      a(g.total);  // bit for bit: the running sum, as a full run has it
      a(g.armed);
    });
  }

 private:
  // What a window keeps of each event: enough for the sum and the evidence, not the event
  // (a busy unit's month of meals stays small).
  struct Entry {
    std::string id;
    Date date;
    double value;
  };
  struct Group {
    std::deque<Entry> window;
    double total = 0;
    bool armed = false;
  };

  void emit(Context& ctx, const std::string& key, const Group& g, const EventPtr& e) {
    Frame f = ctx.frame(*e);
    f[check::kCount] = g.total;
    f[check::kKey] = key;
    Finding x = finding(f, check::Outcome::exceeded);
    if (rule.group_by.size() == 1 && rule.group_by[0].what == check::Key::org)
      subject_org(x, ctx.orgs, e->org);
    else if (rule.group_by.size() == 1 && rule.group_by[0].what == check::Key::person)
      subject_person(x, ctx.orgs, e->person, e->org);
    else {
      x.subject_type = "group";
      x.subject_id = key;
      x.subject_name = key;
      x.org = e->org;
      x.person = e->person;
    }
    x.key = e->date.str();
    x.date = e->date;
    for (auto& w : g.window) x.evidence.push_back(w.id);
    x.numbers = {{"window", rule.window->str()},
                 {"from", g.window.front().date.str()},
                 {"to", e->date.str()},
                 {rule.sum ? "sum" : "count", g.total},
                 {"at_least", *rule.at_least}};
    if (rule.window->unit == load::DurationUnit::workdays) mark_calendar(x, ctx.calendar, g.window.front().date, e->date, true);
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  using Slot = std::pair<const std::string, Group>;

  // The event's group, made when it has none (null: the event lacks a key part). Grouped by
  // one unit or one person, the group is found by the subject's position — the map keeps the
  // ids, for the checkpoint and the findings, but is not hashed per event.
  Slot* slot_of(const Event& e, const org::OrgGraph& orgs) {
    if (rule.group_by.size() == 1 && (rule.group_by[0].what == check::Key::org || rule.group_by[0].what == check::Key::person)) {
      bool by_org = rule.group_by[0].what == check::Key::org;
      int at = by_org ? e.org : e.person;
      if (at < 0) return nullptr;
      if (by_subject_.empty()) by_subject_.assign(by_org ? orgs.orgs().size() : orgs.people().size(), nullptr);
      Slot*& s = by_subject_.at(size_t(at));
      if (!s) s = &*groups_.try_emplace(by_org ? orgs.orgs()[size_t(at)].id : orgs.people()[size_t(at)].id).first;
      return s;
    }
    auto key = key_of(e, rule.group_by, orgs);
    return key ? &*groups_.try_emplace(std::move(*key)).first : nullptr;
  }

  std::unordered_map<std::string, Group> groups_;
  std::vector<Slot*> by_subject_;       // by org or person position: its group, once it has one
  Date cutoff_of_{INT32_MIN}, cutoff_;  // the last event's day and its window's cutoff
};

}  // namespace

std::unique_ptr<Operator> make_threshold(const check::Rule& r, const compile::RulePreds& p) { return std::make_unique<Threshold>(r, p); }

}  // namespace jiandu::eval
