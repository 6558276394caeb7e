#include "check/outcome.h"

#include "base/names.h"
#include "check/rules.h"

namespace jiandu::check {
namespace {

// The one table of names and labels; docs/rule-language.md §3.8 lists the same.
constexpr Named<Outcome> kTable[] = {
    {Outcome::violation, "violation", "违规"},
    {Outcome::missing, "missing", "逾期未办"},
    {Outcome::late, "late", "逾期办理"},
    {Outcome::due_soon, "due_soon", "即将到期"},
    {Outcome::excess, "excess", "超过上限"},
    {Outcome::exceeded, "exceeded", "超过预警线"},
    {Outcome::out_of_order, "out_of_order", "顺序不符"},
    {Outcome::vacant, "vacant", "职务空缺"},
    {Outcome::missing_duty, "missing_duty", "未履职"},
    {Outcome::repeated, "repeated", "反复发生"},
};
static_assert(in_order(kTable) && std::size(kTable) == std::size(kOutcomes));

}  // namespace

const char* name(Outcome o) { return name_of(kTable, o); }
const char* label(Outcome o) { return label_of(kTable, o); }
std::optional<Outcome> outcome_from(std::string_view n) { return value_of(kTable, n); }

std::optional<Outcome> renamed_outcome(std::string_view old_name) {
  if (old_name == "overdue") return Outcome::missing;  // a deadline's, before store version 7
  return std::nullopt;
}

std::vector<Outcome> outcomes_of(const Rule& r) {
  switch (r.kind) {
    case Kind::match: return {Outcome::violation};
    case Kind::deadline:
      if (r.warn) return {Outcome::missing, Outcome::late, Outcome::due_soon};
      return {Outcome::missing, Outcome::late};
    case Kind::periodic: {
      std::vector<Outcome> o;
      if (r.at_least) o.push_back(Outcome::missing);
      if (r.at_most) o.push_back(Outcome::excess);
      if (r.makeup) o.push_back(Outcome::late);
      return o;
    }
    case Kind::threshold: return {Outcome::exceeded};
    case Kind::sequence: return {Outcome::late, Outcome::missing, Outcome::out_of_order};
    case Kind::chain: {
      // A rule's outcomes are what its links can find: duties vacant or undone, requirements unmet.
      bool duty = false, requirement = false;
      for (auto& l : r.links) (l.require ? requirement : duty) = true;
      std::vector<Outcome> o;
      if (duty) o = {Outcome::vacant, Outcome::missing_duty};
      if (requirement) o.push_back(Outcome::violation);
      return o;
    }
    case Kind::escalation: return {Outcome::repeated};
  }
  return {};
}

}  // namespace jiandu::check
