#pragma once
// Running the evaluation graph over the store as of a date: one time-ordered, streamed pass
// over the events up to the end of the as-of day, then each rule's judgement as of that day.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "compile/plan.h"
#include "eval/finding.h"
#include "org/org_graph.h"
#include "store/store.h"

namespace jiandu::eval {

struct Trace;

// Where a run resumes from: a checkpoint of a run over the same rules, calendars and
// organisation, as of an earlier date or the same one.
struct Resume {
  std::string_view state;
  const std::vector<std::string>* findings = nullptr;  // the findings so far, one record each
  int64_t end_ts = 0;                                  // that run read every event with ts < end_ts
};

struct RunOptions {
  Date as_of;
  std::optional<std::string> org;  // only findings about this unit and the units below it
  Trace* trace = nullptr;          // explain one rule and subject
  std::optional<Resume> resume{};  // read only the events from its end_ts on
  bool save = false;               // return a checkpoint in RunResult::state
  // Threads feeding the operators (each rule on one of them); the findings, faults and
  // checkpoint are the same for any number. Explaining runs on one.
  int threads = 1;
};

// An obligation the run could not judge: which rule, about whom, on which record, and why.
struct Fault {
  std::string subject;  // the org unit or person id, or empty when unknown
  std::string event;    // the record it failed on, or empty
  std::string reason;
};

struct RuleStats {
  size_t events = 0;              // events the rule was shown
  size_t faults = 0;              // evaluations that failed on bad data: every one counted
  std::vector<Fault> fault_list;  // the first kFaultsKept of them, with subject and reason
  static constexpr size_t kFaultsKept = 50;
};

struct RunResult {
  std::vector<Finding> findings;
  std::map<std::string, RuleStats> stats;               // by rule id
  size_t events = 0;                                    // events read (with those of the run resumed from)
  int64_t watermark = 0;                                // highest event seq read
  int64_t end_ts = 0;                                   // the events read are those with ts < end_ts
  size_t new_events = 0;                                // events read by this run itself
  std::string state;                                    // the checkpoint, when asked for
  std::vector<std::string> new_findings;                // with it, the findings made since the resumed one's
  std::vector<std::pair<std::string, double>> timings;  // seconds by stage, for audit --timings
};

RunResult run(Store& store, const compile::Plan& plan, const org::OrgGraph& orgs, const Calendar& calendar, const RunOptions& opts);

}  // namespace jiandu::eval
