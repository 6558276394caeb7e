#include "check/kinds.h"

#include <array>

namespace jiandu::check {
namespace {

using expr::EventTypes;
using expr::Root;
using expr::T;
using O = Outcome;

Root root(const char* name, T type, int slot, EventTypes types = {}) { return Root{name, type, slot, types, false}; }
EventTypes none() { return EventTypes::only({}); }
bool always(const Rule&, Outcome) { return true; }

constexpr KindRules kMatch{
    Kind::match,
    [](const Rule& r) {
      return r.unless_before ? r.when_types.join(r.unless_types) : r.after ? r.when_types.join(r.after_types) : r.when_types;
    },
    always,
    [](const Rule& r) { return std::vector<Root>{root("event", T::event, kEvent, r.when_types)}; },
};

constexpr KindRules kDeadline{
    Kind::deadline,
    [](const Rule& r) { return r.on_types.join(r.expect_types); },
    [](const Rule& r, O o) { return o != O::due_soon || r.warn.has_value(); },
    [](const Rule& r) {
      return std::vector<Root>{root("event", T::event, kEvent, r.expect_types), root("trigger", T::event, kTrigger, r.on_types),
                               root("due", T::date, kDue), root("key", T::string, kKey)};
    },
};

constexpr KindRules kPeriodic{
    Kind::periodic,
    [](const Rule& r) { return r.expect_types; },
    [](const Rule& r, O o) { return o == O::missing  ? r.at_least.has_value()
                                    : o == O::excess ? r.at_most.has_value()
                                                     : r.makeup; },
    [](const Rule&) {
      return std::vector<Root>{root("period", T::period, kPeriod), root("due", T::date, kDue), root("count", T::int_, kCount)};
    },
};

constexpr KindRules kThreshold{
    Kind::threshold,
    [](const Rule& r) { return r.when_types; },
    always,
    [](const Rule& r) {
      return std::vector<Root>{root("event", T::event, kEvent, r.when_types), root("count", T::decimal, kCount),
                               root("key", T::string, kKey)};
    },
};

constexpr KindRules kSequence{
    Kind::sequence,
    [](const Rule& r) {
      EventTypes t = none();
      for (auto& s : r.steps) t = t.join(s.types);
      return t;
    },
    always,
    [](const Rule& r) {
      std::vector<Root> roots{root("event", T::event, kEvent),
                              root("trigger", T::event, kTrigger, r.steps.empty() ? EventTypes{} : r.steps[0].types),
                              root("due", T::date, kDue), root("key", T::string, kKey), root("step", T::string, kStep)};
      for (size_t i = 0; i < r.steps.size(); ++i)
        roots.push_back(root(r.steps[i].name.c_str(), T::event, kFirstStep + int(i), r.steps[i].types));
      return roots;
    },
};

constexpr KindRules kChain{
    Kind::chain,
    [](const Rule& r) {
      EventTypes t = none();
      for (auto& l : r.links) t = t.join(l.types);
      return t;
    },
    // Its outcomes are what its links can find: duties vacant or undone, requirements unmet.
    [](const Rule& r, O o) {
      for (auto& l : r.links)
        if (bool(l.require) == (o == O::violation)) return true;
      return false;
    },
    [](const Rule&) {
      return std::vector<Root>{root("period", T::period, kPeriod), root("due", T::date, kDue), root("count", T::int_, kCount),
                               root("holder", T::person, kHolder), root("key", T::string, kKey)};
    },
};

constexpr KindRules kEscalation{
    Kind::escalation,
    [](const Rule&) { return none(); },  // it reads findings, not events
    always,
    [](const Rule&) {
      return std::vector<Root>{root("count", T::int_, kCount), root("key", T::string, kKey)};
    },
};

constexpr std::array<KindRules, load::kKindCount> kTable{kMatch, kDeadline, kPeriodic, kThreshold, kSequence, kChain, kEscalation};

static_assert(load::one_row_per_kind(kTable), "one entry per kind, in the order of load::Kind");

}  // namespace

const KindRules& kind_rules(Kind k) { return kTable.at(static_cast<size_t>(k)); }

}  // namespace jiandu::check
