// jiandu diff --rules OLD --against NEW: both rule sets over the same history, and what the
// change does to the findings — added, removed, and changed (the same lapse with another
// outcome, due date, day or message).
#include <iostream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "base/utf8.h"
#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/session.h"
#include "cli/commands.h"
#include "compile/plan.h"
#include "report/findings.h"

namespace jiandu::cli {
namespace {

using Findings = std::map<std::string, std::vector<eval::Finding>>;  // stable key → findings, in run order

// The fields a rule change can move, as people read them.
std::vector<std::pair<std::string, std::pair<std::string, std::string>>> changes(const eval::Finding& a, const eval::Finding& b) {
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> out;
  auto cmp = [&](const char* field, std::string x, std::string y) {
    if (x != y) out.push_back({field, {std::move(x), std::move(y)}});
  };
  cmp("outcome", check::name(a.outcome), check::name(b.outcome));
  cmp("due", a.due ? a.due->str() : "", b.due ? b.due->str() : "");
  cmp("date", a.date.str(), b.date.str());
  cmp("severity", check::severity_name(a.rule->severity), check::severity_name(b.rule->severity));
  cmp("message", a.message, b.message);
  // The figures key by key (a changed `within`, days late), not as one blob; the due date
  // they repeat is said once, above.
  auto text = [](const nlohmann::json& n, const std::string& k) {
    if (!n.is_object() || !n.contains(k)) return std::string();
    return n[k].is_string() ? n[k].get<std::string>() : n[k].dump();
  };
  std::set<std::string> keys;
  for (auto* n : {&a.numbers, &b.numbers})
    if (n->is_object())
      for (auto& [k, v] : n->items()) keys.insert(k);
  for (auto& k : keys)
    if (k != "due") cmp(("numbers." + k).c_str(), text(a.numbers, k), text(b.numbers, k));
  return out;
}

// Padded to `cols` display columns (CJK counts two), never cut.
std::string pad(const std::string& s, size_t cols) {
  size_t w = utf8_columns(s);
  return w >= cols ? s : s + std::string(cols - w, ' ');
}

}  // namespace

void add_diff(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("diff", "Run two rule sets over the same history: the findings a change adds, removes and changes");
  struct Opts {
    std::vector<std::string> old_rules, new_rules;
    std::string db, from, to, as_of, format = "table", calendars, catalog;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--rules", o->old_rules, "the rule set in force")->required();
  cmd->add_option("--against", o->new_rules, "the changed rule set")->required();
  cmd->add_option("--from", o->from, "only findings dated from this day");
  cmd->add_option("--to", o->to, "only findings dated up to this day (and judge as of it, unless --as-of)");
  cmd->add_option("--as-of", o->as_of, "judge as of this date (default: --to, else today)")->check(date_validator());
  cmd->add_option("--format", o->format, "table or jsonl")->check(CLI::IsMember({"table", "jsonl"}));
  add_store_catalog_option(cmd, o->catalog);
  add_calendars_option(cmd, o->calendars);
  cmd->callback([o, &exit_status] {
    auto store = Store::open(o->db, Store::Mode::read_only);
    Date as_of = today_or(!o->as_of.empty() ? o->as_of : o->to);
    std::optional<Date> from, to;
    if (!o->from.empty()) from = date_option(o->from, "--from");
    if (!o->to.empty()) to = date_option(o->to, "--to");
    if (from && to && *to < *from) throw Error("--from " + o->from + " is after --to " + o->to);
    auto orgs = org::OrgGraph::load(*store);
    auto findings = [&](const std::vector<std::string>& paths, std::shared_ptr<check::RuleSet>& keep) {
      Session session(*store, {paths, o->catalog, o->calendars, as_of});
      keep = session.rules_ptr();
      auto plan = session.compile();
      auto r = eval::run(*store, plan, orgs, session.calendar(), {as_of, std::nullopt});
      report::write_stats(std::cerr, r);
      if (report::fault_count(r) > 0) exit_status = kExitUnjudged;
      Findings by_key;
      for (auto& f : r.findings)
        if ((!from || f.date >= *from) && (!to || f.date <= *to)) by_key[f.stable_key()].push_back(f);
      return by_key;
    };
    std::shared_ptr<check::RuleSet> old_set, new_set;
    auto before = findings(o->old_rules, old_set);
    auto after = findings(o->new_rules, new_set);

    // Each change: '+', '-' or '~' with the finding before and after (one of them for + and -).
    struct Change {
      char sign;
      const eval::Finding *was, *now;
    };
    // Grouped by rule, then unit.
    std::map<std::string, std::map<std::string, std::vector<Change>>> groups;
    size_t added = 0, removed = 0, changed = 0, n_before = 0, n_after = 0;
    auto place = [&](const eval::Finding& f, Change c) {
      groups[f.rule->id][f.org >= 0 ? orgs.orgs()[size_t(f.org)].id : "-"].push_back(c);
    };
    for (auto& [k, list] : before) n_before += list.size();
    for (auto& [k, list] : after) {
      n_after += list.size();
      auto it = before.find(k);
      for (size_t i = 0; i < list.size(); ++i) {
        const eval::Finding* was = it != before.end() && i < it->second.size() ? &it->second[i] : nullptr;
        if (!was)
          place(list[i], {'+', nullptr, &list[i]}), ++added;
        else if (!changes(*was, list[i]).empty())
          place(list[i], {'~', was, &list[i]}), ++changed;
      }
    }
    for (auto& [k, list] : before) {
      auto it = after.find(k);
      for (size_t i = it == after.end() ? 0 : it->second.size(); i < list.size(); ++i) place(list[i], {'-', &list[i], nullptr}), ++removed;
    }

    if (o->format == "jsonl") {
      for (auto& [rule, units] : groups)
        for (auto& [unit, list] : units)
          for (auto& c : list) {
            nlohmann::json j;
            if (c.sign == '~') {
              j = {{"change", "changed"}, {"before", report::to_json(*c.was)}, {"after", report::to_json(*c.now)}};
              nlohmann::json fields = nlohmann::json::array();
              for (auto& [field, v] : changes(*c.was, *c.now)) fields.push_back(field);
              j["fields"] = fields;
            } else {
              j = report::to_json(c.sign == '+' ? *c.now : *c.was);
              j["change"] = c.sign == '+' ? "added" : "removed";
            }
            j["unit"] = unit;
            std::cout << j.dump() << "\n";
          }
      return;
    }
    for (auto& [rule, units] : groups) {
      std::cout << rule << "\n";
      for (auto& [unit, list] : units) {
        std::cout << "  " << terminal_safe(unit) << "\n";
        for (auto& c : list) {
          const eval::Finding& f = c.now ? *c.now : *c.was;
          std::string where = f.period.empty() ? f.key : f.period;
          std::cout << fmt::format("    {} {} {} {}\n", c.sign, pad(check::name(f.outcome), 12), pad(terminal_safe(where), 18),
                                   terminal_safe(f.message));
          if (c.sign != '~') continue;
          for (auto& [field, v] : changes(*c.was, *c.now)) {
            if (field == "message")
              std::cout << fmt::format("        {}: {}\n        {}  → {}\n", field, terminal_safe(v.first), std::string(field.size(), ' '),
                                       terminal_safe(v.second));
            else
              std::cout << fmt::format("        {}: {} → {}\n", field, v.first.empty() ? "(none)" : v.first,
                                       v.second.empty() ? "(none)" : v.second);
          }
        }
      }
    }
    std::cout << fmt::format("{} findings added, {} removed, {} changed ({} before, {} after; as of {})\n", added, removed, changed,
                             n_before, n_after, as_of.str());
  });
}

}  // namespace jiandu::cli
