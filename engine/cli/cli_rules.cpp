#include "cli/cli_rules.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "base/diagnostic.h"
#include "base/error.h"
#include "base/vocabulary.h"

namespace jiandu::cli {
namespace fs = std::filesystem;

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

void add_threads_option(CLI::App* cmd, int& threads) {
  cmd->add_option("--threads", threads,
                  "threads to feed the rules on (default: one per core, at most 4; the findings are the same for any number)")
      ->check(CLI::Range(1, 64));
}

int threads_to_use(int threads) {
  if (threads > 0) return threads;
  // Beyond a few the reader (one thread: the store's cursor) is all a run waits for.
  unsigned cores = std::thread::hardware_concurrency();
  return std::clamp(int(cores), 1, kMaxDefaultThreads);
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

}  // namespace jiandu::cli
