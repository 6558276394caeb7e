#pragma once
// The accountability policy (rules/policy/accountability.yaml) and the four forms
// (rules/policy/four_forms.yaml): every number of the loop is data, with its source there.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "check/rules.h"
#include "load/spec.h"

namespace jiandu::ledger {

struct Policy {
  std::map<check::Severity, load::Duration> rectify_within;
  std::vector<std::string> chain;  // roles, the owner's first, one link up per overdue stretch
  load::Duration reopen_within = load::Duration::of(6, load::DurationUnit::months);
  load::Duration look_back = load::Duration::of(1, load::DurationUnit::years);
  std::vector<std::string> rectification_events, rectified_events;

  struct Form {
    std::string name, description;
  };
  std::map<int, Form> forms;
  std::map<std::string, int> measures;  // disposition measure → form
  int ladder_first = 1, ladder_step = 1, ladder_max = 4;
  load::Duration ladder_look_back = load::Duration::of(1, load::DurationUnit::years);

  // The form for a lapse after `earlier` lapses within the look-back.
  int form_for(int earlier) const { return std::min(ladder_max, ladder_first + earlier * ladder_step); }
  std::string form_name(int form) const;
};

// Reads the policy files among `files` (by name: accountability.yaml, four_forms.yaml),
// reporting every mistake into `d` (P001 YAML, P002 missing, P003 wrong kind); a setting that
// is missing or wrong reads as its default. jiandu lint checks them so.
Policy read_policy(const std::vector<std::string>& files, Diagnostics& d);
// The same, for a command that runs the loop: throws Error with every mistake rendered, or
// when either file is missing.
Policy load_policy(const std::vector<std::string>& files);

}  // namespace jiandu::ledger
