#include "cli/cli_rules.h"

#include <algorithm>
#include <filesystem>

#include "base/error.h"

namespace jiandu::cli {
namespace fs = std::filesystem;

namespace {

// A deployment's calendars live in a calendars/ folder of the rules; when only some rule
// files are named, look for one beside them or a few folders up.
std::vector<std::string> find_calendars(const std::vector<std::string>& paths) {
  for (auto& p : paths)
    if (auto root = rule_set_root(p)) return calendar_files((fs::path(*root) / "calendars").string());
  return {};
}

}  // namespace

std::optional<std::string> rule_set_root(const std::string& path) {
  fs::path dir = fs::is_directory(path) ? fs::path(path) : fs::absolute(path).parent_path();
  for (int up = 0; up <= 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
    if (fs::is_directory(dir / "calendars")) return dir.string();
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

std::vector<std::string> calendar_files(const std::string& dir) {
  if (fs::is_regular_file(dir)) throw Error("--calendars " + dir + ": is a file; give the folder that holds the calendar files");
  if (!fs::is_directory(dir)) throw Error("--calendars " + dir + ": no such folder");
  std::vector<std::string> out;
  for (auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && check::is_yaml(e.path())) out.push_back(e.path().string());  // as the rules are found
  std::sort(out.begin(), out.end());
  return out;
}

void add_calendars_option(CLI::App* cmd, std::string& dir) {
  cmd->add_option("--calendars", dir,
                  "a folder of calendar files adding or replacing built-in years (default: calendars/ beside the rules)");
}

void use_rule_set_vocabulary(const std::vector<std::string>& policy_files) {
  Vocabulary v = Vocabulary::builtin(), own;
  Diagnostics d;
  for (auto& f : policy_files)
    if (fs::path(f).filename() == "roles.yaml") own.load(Source::read_file(f), d);
  if (d.has_errors()) throw Error("the vocabulary has errors:\n" + render_all(d));
  v.overlay(own);
  use_vocabulary(std::move(v));
}

ledger::Authority authority_for(const std::string& rules) {
  if (rules.empty()) return ledger::Authority::builtin();
  auto paths = check::discover({rules});
  use_rule_set_vocabulary(paths.policies);
  for (auto& f : paths.policies)
    if (fs::path(f).filename() == "authority.yaml") return ledger::Authority::from_file(f);
  return ledger::Authority::builtin();
}

LoadedRules load_rules(const std::vector<std::string>& paths, const Catalog& catalog, Date today, const std::string& calendars_dir) {
  LoadedRules out;
  out.paths = check::discover(paths);
  if (out.paths.rules.empty()) {
    std::string where;
    for (auto& p : paths) where += (where.empty() ? "" : ", ") + p;
    throw Error(where + ": no rule files there (rules are *.yaml or *.yml files, outside calendars/ and policy/)");
  }
  use_rule_set_vocabulary(out.paths.policies);
  // The rule set's authority policy is checked with the rules: an audit over a broken one
  // would run, and every action after it fail.
  for (auto& f : out.paths.policies)
    if (fs::path(f).filename() == "authority.yaml") (void)ledger::Authority::from_file(f);
  std::vector<SourcePtr> sources;
  for (auto& f : out.paths.rules) sources.push_back(Source::read_file(f));
  Diagnostics diags;
  out.rules = check::check_rules(sources, catalog, {today, &vocabulary()}, diags);
  diags.sort();
  if (diags.has_errors()) throw Error("the rules have errors (run jiandu lint for all of them):\n" + render_all(diags));
  auto cals = !calendars_dir.empty()        ? calendar_files(calendars_dir)
              : out.paths.calendars.empty() ? find_calendars(paths)
                                            : out.paths.calendars;
  out.calendar = Calendar::with_files(cals);
  // A day after the last calendar year cannot be judged (every working-day count stops there);
  // said before the run, which would otherwise first work through all the years up to it.
  // (Days before the calendars are judged as far as no working day is counted there.)
  auto official = out.calendar.years(), provisional = out.calendar.provisional_years();
  int last = std::max(official.empty() ? 0 : official.back(), provisional.empty() ? 0 : provisional.back());
  if (today.year() > last) {
    try {
      (void)out.calendar.is_workday(today);
    } catch (const CalendarError& e) {
      throw Error("judging as of " + today.str() + ": " + e.what());
    }
  }
  return out;
}

}  // namespace jiandu::cli
