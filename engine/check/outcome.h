#pragma once
// The outcomes' names and labels (the enumeration, and which kind has which, are in
// load/kinds.h). The name is what the store, rule tests and JSONL carry; the label is what
// people read (docs/rule-language.md §3.8).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/kinds.h"

namespace jiandu::check {

struct Rule;

using load::Outcome;

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
