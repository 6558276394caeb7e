#include "check/outcome.h"

#include "base/names.h"
#include "check/kinds.h"
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
  std::vector<Outcome> out;
  for (Outcome o : load::def(r.kind).outcomes)
    if (kind_rules(r.kind).can_produce(r, o)) out.push_back(o);
  return out;
}

}  // namespace jiandu::check
