// escalation: findings of the rules it reads (by id or tag), grouped by subject (or the
// person or unit concerned); when at_least of them fall within `window` of each other, one
// finding `repeated` with the recommended form of the four forms; re-armed once they thin
// out again.
#include <algorithm>
#include <deque>

#include "eval/kinds/common.h"

namespace jiandu::eval {

void escalate(const check::Rule& r, const compile::Plan& plan, Context& ctx) {
  auto it = plan.reads.find(&r);
  if (it == plan.reads.end()) return;
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < ctx.findings.size(); ++i) {
    const Finding& f = ctx.findings[i];
    if (std::find(it->second.begin(), it->second.end(), f.rule) == it->second.end()) continue;
    if (!r.effective_on(f.date) || f.outcome == check::Outcome::due_soon) continue;  // a reminder is not a lapse
    std::string g;
    if (r.group_by.empty()) g = f.subject_type + ":" + f.subject_id;
    for (auto& k : r.group_by) {  // org and person (lint allows no other keys here)
      int idx = k.what == check::Key::person ? f.person : f.org;
      if (idx < 0) {
        g.clear();
        break;
      }
      g += (g.empty() ? "" : "|") + (k.what == check::Key::person ? ctx.orgs.people()[size_t(idx)].id : ctx.orgs.orgs()[size_t(idx)].id);
    }
    if (!g.empty()) groups[g].push_back(i);
  }
  // Lapses in date order, a day's in key order: the same order however the findings came
  // (a run resumed from a checkpoint emits the same findings, not always in the same order).
  std::vector<std::string> keys(ctx.findings.size());
  for (auto& [g, idx] : groups)
    for (size_t i : idx) keys[i] = ctx.findings[i].stable_key();
  std::vector<Finding> out;
  for (auto& [g, idx] : groups) {
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      const Finding &x = ctx.findings[a], &y = ctx.findings[b];
      if (x.date != y.date) return x.date < y.date;
      return keys[a] < keys[b];
    });
    std::deque<size_t> win;
    bool armed = false;
    // explain: the group is the subject asked about (a person, a unit, or "type:id").
    bool traced =
        ctx.trace && ctx.trace->rule == r.id &&
        (ctx.tracing(r, g, g) || (g.size() > ctx.trace->subject.size() &&
                                  g.compare(g.size() - ctx.trace->subject.size() - 1, std::string::npos, ":" + ctx.trace->subject) == 0));
    for (size_t i : idx) {
      const Finding& f = ctx.findings[i];
      win.push_back(i);
      Date cutoff = sub_duration(f.date, *r.window, ctx.calendar);
      while (!win.empty() && ctx.findings[win.front()].date <= cutoff) win.pop_front();
      bool over = int64_t(win.size()) >= *r.at_least;
      if (traced)
        ctx.trace->say(f.date.str(), "计入问题 " + f.rule->id + "（" + check::label(f.outcome) + "，" + f.date.str() +
                                         (f.period.empty() ? (f.key.empty() ? "" : "，" + f.key) : "，" + f.period) + "）：" +
                                         r.window->zh() + "内共 " + std::to_string(win.size()) + " 项，要求至少 " +
                                         std::to_string(*r.at_least) + " 项 → " +
                                         (over && !armed ? "达到，反复发生"
                                          : over         ? "仍在达到状态（已提示过）"
                                                         : "未达到"));
      if (over && !armed) {
        Frame fr;
        fr[check::kEvent] = Null{};
        fr[check::kOrg] = f.org >= 0 ? Value(OrgRef{f.org}) : Value(Null{});
        fr[check::kPerson] = f.person >= 0 ? Value(PersonRef{f.person}) : Value(Null{});
        fr[check::kCount] = int64_t(win.size());
        fr[check::kKey] = g;
        fr[check::kOutcome] = std::string("repeated");
        Finding x;
        x.rule = &r;
        x.outcome = check::Outcome::repeated;
        bool by_person = std::any_of(r.group_by.begin(), r.group_by.end(), [](auto& k) { return k.what == check::Key::person; });
        x.subject_type = r.group_by.empty() ? f.subject_type : by_person ? "person" : "org";
        x.subject_id = r.group_by.empty() ? f.subject_id
                       : by_person        ? ctx.orgs.people()[size_t(f.person)].id
                                          : ctx.orgs.orgs()[size_t(f.org)].id;
        x.subject_name = r.group_by.empty() ? f.subject_name
                         : by_person        ? ctx.orgs.people()[size_t(f.person)].name
                                            : ctx.orgs.orgs()[size_t(f.org)].name;
        if (r.group_by.size() > 1) x.period = g;
        x.org = f.org;
        x.person = f.person;
        x.key = f.date.str();
        x.date = f.date;
        nlohmann::json lapses = nlohmann::json::array();
        for (size_t w : win) {
          const Finding& y = ctx.findings[w];
          for (int py : y.provisional)  // a lapse counted on a provisional year carries its mark up
            if (std::find(x.provisional.begin(), x.provisional.end(), py) == x.provisional.end()) x.provisional.push_back(py);
          x.evidence.insert(x.evidence.end(), y.evidence.begin(), y.evidence.end());
          lapses.push_back({{"rule", y.rule->id}, {"outcome", check::name(y.outcome)}, {"date", y.date.str()}, {"key", y.stable_key()}});
        }
        x.numbers = {{"window", r.window->str()},
                     {"count", win.size()},
                     {"at_least", *r.at_least},
                     {"recommend_form", r.recommend},
                     {"lapses", lapses}};
        std::sort(x.provisional.begin(), x.provisional.end());
        if (r.window->unit == load::DurationUnit::workdays)
          mark_calendar(x, ctx.calendar, ctx.findings[win.front()].date, f.date, true);
        else if (!x.provisional.empty())
          x.numbers["provisional_years"] = x.provisional;
        x.message = ctx.interp.render(r.message, fr);
        out.push_back(std::move(x));
      }
      armed = over;
    }
  }
  for (auto& x : out) ctx.findings.push_back(std::move(x));
}

}  // namespace jiandu::eval
