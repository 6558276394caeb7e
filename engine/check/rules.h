#pragma once
// The checked, typed form of a rule set: what the evaluation graph compiles. Every
// expression here has passed the type checker; every name is resolved.
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/names.h"
#include "expr/check.h"
#include "expr/lower.h"
#include "load/kinds.h"
#include "load/spec.h"

namespace jiandu::check {

using load::Kind;
using load::kind_name;

// Ordered: a finding "at or above" a severity compares them.
enum class Severity { info, low, medium, high, critical };
inline constexpr Named<Severity> kSeverities[] = {{Severity::info, "info", "提示"},
                                                  {Severity::low, "low", "低"},
                                                  {Severity::medium, "medium", "中"},
                                                  {Severity::high, "high", "高"},
                                                  {Severity::critical, "critical", "严重"}};
static_assert(in_order(kSeverities));
inline const char* severity_name(Severity s) { return name_of(kSeverities, s); }
inline const char* severity_label(Severity s) { return label_of(kSeverities, s); }
inline std::optional<Severity> severity_from(std::string_view s) { return value_of(kSeverities, s); }

enum class PeriodUnit { week, month, quarter, half_year, year };
inline constexpr Named<PeriodUnit> kPeriodUnits[] = {{PeriodUnit::week, "week"},
                                                     {PeriodUnit::month, "month"},
                                                     {PeriodUnit::quarter, "quarter"},
                                                     {PeriodUnit::half_year, "half_year"},
                                                     {PeriodUnit::year, "year"}};
static_assert(in_order(kPeriodUnits));
inline const char* period_unit_name(PeriodUnit u) { return name_of(kPeriodUnits, u); }

// A correlation or grouping key: a field every event has, or an attribute.
struct Key {
  enum What { org, person, ref, attribute } what = org;
  std::string attr;  // for attribute: the attribute's name
  std::string str() const;
};

// Slots of the evaluation frame: where each root's value sits.
enum Slot : int { kEvent = 0, kOrg, kPerson, kPeriod, kTrigger, kDue, kCount, kKey, kHolder, kStep, kOutcome, kFirstStep };

// A message with {expression} placeholders.
struct Template {
  struct Part {
    std::string text;  // literal text, or
    expr::Expr expr;   // a placeholder
  };
  std::vector<Part> parts;
};

struct Step {
  std::string name;
  expr::Expr when;
  expr::EventTypes types;
  std::optional<load::Duration> within;  // none for the first step and for `within: none`
  int after = -1;                        // index of the step `within` counts from; -1 for the first step
};

// A duty (role + expect) or, with `require`, a requirement on the unit's make-up.
struct Link {
  std::string role;
  std::string id;      // a requirement's name, its findings' key
  expr::Expr require;  // over `org` (the unit judged) and `period`: must hold on the period's last day
  expr::Expr in;       // over `org`: which units of the subject's subtree; null = the subject itself
  expr::Expr expect;
  expr::EventTypes types;
  int64_t at_least = 1;
  bool each_holder = false;
};

struct Rule {
  const load::Rule* spec = nullptr;
  std::string id, title, basis, owner;
  Kind kind = Kind::match;
  Severity severity = Severity::medium;
  Date from;
  std::optional<Date> to;
  std::vector<std::string> tags;
  bool enabled = true;  // a disabled rule is checked but not run

  expr::Expr when, on, expect, scope, sum;
  // match: an event with the same `correlate` keys, earlier in time order, that excuses a
  // `when` event (the precondition it needed: consulted before sanctioning).
  expr::Expr unless_before;
  // match: an event with the same `correlate` keys, earlier in time order and at most `within`
  // before a `when` event, without which the `when` event is no violation (no promotion in
  // the year after a warning).
  expr::Expr after;
  expr::EventTypes when_types, on_types, expect_types, unless_types, after_types;
  enum class Subject { org, person, ref } subject = Subject::org;
  bool per_person = false;
  // periodic: an event in the grace of an earlier period that is short may make it up (补开),
  // which is then `late`, not met; by default an event counts for the period it falls in.
  bool makeup = false;
  PeriodUnit every = PeriodUnit::month;
  std::vector<Key> correlate, group_by;
  std::optional<load::Duration> within, warn, due, window;
  bool next_workday = false;  // on_rest_day: next_workday (民法典 Art. 203)
  std::optional<int64_t> at_least, at_most;
  int recommend = 1;
  std::vector<Step> steps;
  std::vector<Link> links;
  std::vector<std::string> from_rules;  // escalation: the rules whose findings it reads
  Template message;

  // The event types this rule must see, for dispatch (all = every event).
  expr::EventTypes inputs() const;
  bool effective_on(Date d) const { return from <= d && (!to || d <= *to); }
};

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<load::RuleFile> files;  // owns the specs the rules point into
  std::string hash;                   // over the rule files' texts: pins what an audit ran
  const Rule* find(const std::string& id) const;
};

}  // namespace jiandu::check
