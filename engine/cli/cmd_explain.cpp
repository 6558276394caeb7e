// jiandu explain: why a subject got, or did not get, a rule's finding; and jiandu diff:
// what a changed rule set would add and remove over the same history.
#include <algorithm>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "base/error.h"
#include "base/utf8.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/session.h"
#include "cli/commands.h"
#include "compile/plan.h"
#include "eval/operator.h"
#include "eval/period.h"
#include "report/findings.h"

namespace jiandu::cli {

void add_explain(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("explain", "Explain why a subject got, or did not get, a rule's finding");
  struct Opts {
    std::vector<std::string> rules;
    std::string db, rule, subject, period, as_of, format = "text", calendars, catalog;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--rules", o->rules, "rule files or folders")->required();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--rule", o->rule, "the rule")->required();
  cmd->add_option("--subject", o->subject, "the org unit, person or ref the rule judges")->required();
  cmd->add_option("--period", o->period, "only this period or key (e.g. 2025-07, 2025, hx2026-02)");
  cmd->add_option("--as-of", o->as_of, "as of this date (default: today)")->check(date_validator());
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  add_store_catalog_option(cmd, o->catalog);
  add_calendars_option(cmd, o->calendars);
  cmd->callback([o, &exit_status] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    Date as_of = today_or(o->as_of);
    Session session(*store, {o->rules, o->catalog, o->calendars, as_of});
    const check::Rule* rule = &session.rule(o->rule);
    auto plan = session.compile({o->rule});
    auto& orgs = session.orgs();
    std::string name = o->subject;
    // Not a unit or person: a ref (an inquiry's hx2026-02, a case number), matched against
    // each finding's correlation key, part by part.
    bool by_ref = false;
    if (int i = orgs.org_index(o->subject); i >= 0)
      name = orgs.orgs()[size_t(i)].name;
    else if (int p = orgs.person_index(o->subject); p >= 0)
      name = orgs.people()[size_t(p)].name;
    else if (rule->subject != check::Rule::Subject::ref && rule->kind != check::Kind::threshold) {
      // Only the kinds whose cases have a correlation key can be asked about by a ref.
      if (rule->kind != check::Kind::deadline && rule->kind != check::Kind::sequence)
        throw Error("--subject " + o->subject + ": no org unit or person with this id in the store");
      by_ref = true;
    }
    if (by_ref) name = "事项";
    auto key_has = [](const std::string& key, const std::string& part) {
      for (size_t at = 0; at <= key.size();) {
        size_t bar = std::min(key.find('|', at), key.size());
        if (key.compare(at, bar - at, part) == 0) return true;
        at = bar + 1;
      }
      return false;
    };
    eval::Trace trace{o->rule, o->subject, {}, 0};
    auto result = eval::run(*store, plan, orgs, session.calendar(), {as_of, std::nullopt, &trace});
    std::vector<const eval::Finding*> found;
    for (auto& f : result.findings)
      if (f.rule == rule && (f.subject_id == o->subject || (by_ref && key_has(f.key, o->subject))) &&
          (o->period.empty() || f.period == o->period || f.key == o->period || f.key.rfind(o->period + "|", 0) == 0))
        found.push_back(&f);
    if (by_ref && found.empty() && trace.lines.empty())
      throw Error("--subject " + o->subject + ": no org unit or person with this id in the store, and no case of " + rule->id +
                  " has it in its key");
    std::vector<std::string> lines;
    for (auto& l : trace.lines)
      if (o->period.empty() || l.period.empty() || l.period == o->period || l.period.rfind(o->period, 0) == 0 ||
          l.text.find(o->period) != std::string::npos)
        lines.push_back(l.text);
    // A period or key that nothing mentions and that names no period is a typo, not a clean bill.
    if (!o->period.empty() && found.empty() && !eval::is_period_label(o->period) &&
        std::none_of(trace.lines.begin(), trace.lines.end(), [&](const auto& l) {
          return (!l.period.empty() && l.period.rfind(o->period, 0) == 0) || l.text.find(o->period) != std::string::npos;
        }))
      throw Error("--period " + o->period +
                  ": no such period (write 2026-03, 2026-Q1, 2026-H1, 2026-W09 or 2026), "
                  "and no record of this rule for " +
                  o->subject + " has that key");
    // What the run could not judge: about this subject, and about the rule's other subjects.
    std::vector<eval::Fault> mine;
    size_t others = 0;
    for (auto& [id, s] : result.stats) {
      for (auto& f : s.fault_list)
        if (id == rule->id && f.subject == o->subject) mine.push_back(f);
      others += s.faults;
    }
    others -= mine.size();
    if (!mine.empty() || others > 0) exit_status = kExitUnjudged;
    if (o->format == "json") {
      nlohmann::json j{{"rule", rule->id},
                       {"title", rule->title},
                       {"basis", rule->basis},
                       {"kind", check::kind_name(rule->kind)},
                       {"subject", {{"id", o->subject}, {"name", name}}},
                       {"as_of", as_of.str()},
                       {"calendar", session.calendar().describe()}};
      j["findings"] = nlohmann::json::array();
      for (auto* f : found) j["findings"].push_back(report::to_json(*f));
      j["reasons"] = lines;
      j["unjudged"] = nlohmann::json::array();
      for (auto& f : mine) j["unjudged"].push_back({{"event", f.event}, {"reason", f.reason}});
      j["unjudged_elsewhere"] = others;
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << fmt::format("规则 {}（{}）{}\n依据：{}\n对象：{}（{}），截至 {}；工作日按{}\n", rule->id, check::kind_name(rule->kind),
                             rule->title, rule->basis, terminal_safe(name), terminal_safe(o->subject), as_of.str(),
                             session.calendar().describe());
    if (!mine.empty()) {
      std::cout << "结论：未能判断（" << mine.size() << " 项记录无法据以判断，须先核实更正）\n";
      for (auto& f : mine) std::cout << "  · " << (f.event.empty() ? "" : "记录 " + f.event + "：") << terminal_safe(f.reason) << "\n";
      for (auto* f : found) std::cout << fmt::format("  · 另有问题 {}：{}\n", check::label(f->outcome), terminal_safe(f->message));
    } else if (found.empty()) {
      std::cout << "结论：未发现问题" << (o->period.empty() ? "" : "（" + o->period + "）")
                << (trace.pending ? "；尚有 " + std::to_string(trace.pending) + " 项义务未到期限（见经过）" : "") << "\n";
    } else {
      std::cout << "结论：" << found.size() << " 项问题\n";
      for (auto* f : found)
        std::cout << fmt::format(
            "  · {}：{}{}\n", check::label(f->outcome), terminal_safe(f->message),
            // the due date, unless the message already gives it
            f->due && f->message.find(f->due->str()) == std::string::npos
                ? "（期限 " + f->due->str() + (f->provisional.empty() ? "" : "，" + provisional_note(f->provisional)) + "）"
                : (f->provisional.empty() ? "" : "（" + provisional_note(f->provisional) + "）"));
    }
    std::cout << "经过：\n";
    if (lines.empty()) std::cout << "  （截至该日，没有与该对象相关的记录进入此规则）\n";
    for (auto& l : lines) std::cout << "  · " << l << "\n";
    if (trace.dropped) std::cout << fmt::format("  … 另有 {} 条记录从略\n", trace.dropped);
    if (others > 0) std::cout << fmt::format("注意：本次运行另有 {} 项义务未能判断（其他对象），结论仅就上述记录而言\n", others);
  });
}

}  // namespace jiandu::cli
