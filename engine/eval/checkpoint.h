#pragma once
// A run's checkpoint: everything a run holds at the end of its streamed pass — each
// operator's open state, the findings the events produced so far, the per-rule counts — so
// that a later run resumes from it and reads only the events after it. Judging as of a date
// (`finish`) reads this state without changing it, so the checkpoint is taken before.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/finding.h"
#include "eval/run.h"

namespace jiandu::eval {

class Operator;
struct Context;

// The version of the layout below; a checkpoint of another version is not read. Bump it
// whenever an operator's saved state, or what a run makes of it, changes.
inline constexpr int kCheckpointFormat = 6;  // 2: findings carry their provisional years; 3: tallies count make-ups;
                                             // 4: one outcome vocabulary (a deadline's overdue is missing);
                                             // 5: a match rule keeps the keys whose precondition was met
                                             // 6: … and the event that met it; a match's span after an event

struct RunState {
  std::vector<std::pair<const check::Rule*, Operator*>> ops;  // in the plan's order
  std::vector<Finding>& findings;
  std::map<std::string, RuleStats>& stats;
  size_t& events;
  int64_t& watermark;
};

// The operators' state, the counts, and how many findings there are so far (the findings
// themselves are kept apart, one record each: see encode_findings).
std::string save_state(const RunState& s, Context& ctx);
std::vector<std::string> encode_findings(const std::vector<Finding>& fs, size_t from);
// Throws CheckpointError when the data is damaged or was saved for other rules.
void restore_state(std::string_view data, const std::vector<std::string>& findings, RunState& s,
                   const std::function<const std::string*(std::string_view)>& intern, size_t orgs, size_t people);

}  // namespace jiandu::eval
