#include "load/kinds.h"

namespace jiandu::load {
namespace {

using O = Outcome;

constexpr FieldDef kCommon[] = {{"id", true},       {"title", true},     {"basis", true},       {"severity", true},
                                {"kind", true},     {"effective", true}, {"owner", false},      {"tags", false},
                                {"message", false}, {"enabled", false},  {"description", false}};

constexpr FieldDef kMatch[] = {{"when", true},   {"subject", false}, {"unless_before", false},
                               {"after", false}, {"within", false},  {"correlate", false}};
constexpr O kMatchOut[] = {O::violation};

constexpr FieldDef kDeadline[] = {{"on", true},    {"expect", true},   {"correlate", true},   {"within", true},
                                  {"warn", false}, {"subject", false}, {"on_rest_day", false}};
constexpr O kDeadlineOut[] = {O::missing, O::late, O::due_soon};

constexpr FieldDef kPeriodic[] = {{"scope", false},   {"per", false}, {"every", true},   {"expect", true},      {"at_least", false},
                                  {"at_most", false}, {"due", false}, {"makeup", false}, {"on_rest_day", false}};
constexpr O kPeriodicOut[] = {O::missing, O::excess, O::late};

constexpr FieldDef kThreshold[] = {{"when", true}, {"group_by", true}, {"window", true}, {"at_least", true}, {"sum", false}};
constexpr O kThresholdOut[] = {O::exceeded};

constexpr FieldDef kSequence[] = {{"correlate", true}, {"steps", true}, {"subject", false}, {"on_rest_day", false}};
constexpr O kSequenceOut[] = {O::late, O::missing, O::out_of_order};

constexpr FieldDef kChain[] = {{"scope", true}, {"every", true}, {"due", false}, {"links", true}, {"on_rest_day", false}};
constexpr O kChainOut[] = {O::vacant, O::missing_duty, O::violation};

constexpr FieldDef kEscalation[] = {{"from", true}, {"group_by", false}, {"window", true}, {"at_least", true}, {"recommend", true}};
constexpr O kEscalationOut[] = {O::repeated};

constexpr std::array<KindDef, kKindCount> kDefs{{
    {Kind::match, "match", kMatch, kMatchOut},
    {Kind::deadline, "deadline", kDeadline, kDeadlineOut},
    {Kind::periodic, "periodic", kPeriodic, kPeriodicOut},
    {Kind::threshold, "threshold", kThreshold, kThresholdOut},
    {Kind::sequence, "sequence", kSequence, kSequenceOut},
    {Kind::chain, "chain", kChain, kChainOut},
    {Kind::escalation, "escalation", kEscalation, kEscalationOut},
}};

static_assert(one_row_per_kind(kDefs), "one row per kind, in the order of the enumeration");

}  // namespace

const std::array<KindDef, kKindCount>& kind_defs() { return kDefs; }
const KindDef& def(Kind k) { return kDefs.at(static_cast<size_t>(k)); }

std::optional<Kind> kind_from(std::string_view name) {
  for (auto& d : kDefs)
    if (name == d.name) return d.kind;
  return std::nullopt;
}

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (auto& d : kDefs) out.push_back(d.name);
  return out;
}

std::span<const FieldDef> common_fields() { return kCommon; }

}  // namespace jiandu::load
