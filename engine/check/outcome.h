#pragma once
// The outcomes a finding can have: one vocabulary for the seven kinds (docs/rule-language.md
// §3.8). A duty whose due date passed with nothing done is `missing` in every kind that has
// due dates; one done after its due date is `late` everywhere. The name is what the store,
// rule tests and JSONL carry; the label is what people read.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu::check {

struct Rule;

enum class Outcome {
  violation,     // match: an event that breaks the rule
  missing,       // due date passed, nothing done (deadline, sequence, periodic)
  late,          // done, but after its due date
  due_soon,      // still open, inside the warning window
  excess,        // periodic: more than at_most in a period
  exceeded,      // threshold: over the line
  out_of_order,  // sequence: a step before the one it follows
  vacant,        // chain: no one holds the duty-bearing role
  missing_duty,  // chain: the holder did not do the duty
  repeated,      // escalation: lapses of a subject reached the count
};

inline constexpr Outcome kOutcomes[] = {Outcome::violation,    Outcome::missing,  Outcome::late,         Outcome::due_soon,
                                        Outcome::excess,       Outcome::exceeded, Outcome::out_of_order, Outcome::vacant,
                                        Outcome::missing_duty, Outcome::repeated};

const char* name(Outcome o);
const char* label(Outcome o);  // 逾期未办, 逾期办理, …
std::optional<Outcome> outcome_from(std::string_view name);
// For an unknown name: the outcome it was renamed to, if it is an old name ("overdue").
std::optional<Outcome> renamed_outcome(std::string_view old_name);

// The outcomes a rule can produce, in the order its kind documents them.
std::vector<Outcome> outcomes_of(const Rule& r);

}  // namespace jiandu::check
