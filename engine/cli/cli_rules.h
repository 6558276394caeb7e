#pragma once
// What the commands that run rules share besides their Session (cli/session.h): the rule
// set's vocabulary and authority policy, where its calendars are, the --calendars option.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "check/checker.h"
#include "ledger/authority.h"

namespace jiandu::cli {

// The vocabulary of roles and org kinds: the built-in one with a rule set's policy/roles.yaml
// over it; installed for the process (every text people read names roles by it).
void use_rule_set_vocabulary(const std::vector<std::string>& policy_files);
// The authority policy: a rule set's policy/authority.yaml (with its vocabulary), else the
// built-in one.
ledger::Authority authority_for(const std::string& rules);

// The rule set a file or folder belongs to: the nearest folder, at it or up to four folders
// above, that holds a calendars/ folder. One search for every command.
std::optional<std::string> rule_set_root(const std::string& path);

// --calendars DIR, the same on every command that runs rules.
void add_calendars_option(CLI::App* cmd, std::string& dir);
// --threads N: the threads a run feeds its rules on (the same findings for any number).
// `threads` starts at 0: as many as the machine has cores, at most kMaxDefaultThreads.
void add_threads_option(CLI::App* cmd, int& threads);
inline constexpr int kMaxDefaultThreads = 4;
int threads_to_use(int threads);
// The calendar files of a folder, sorted (throws Error when it is not a folder).
std::vector<std::string> calendar_files(const std::string& dir);

}  // namespace jiandu::cli
