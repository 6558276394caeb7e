#pragma once
// Rule files as written: every value with its place in the file. Nothing here is checked
// beyond its YAML shape; check/ gives the specs their meaning.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/scalar_text.h"
#include "base/source.h"

namespace jiandu::load {

struct Str {
  std::string value;
  Span span;
};

struct Int {
  int64_t value = 0;
  Span span;
};

struct Expr {
  ScalarTextPtr text;  // the expression's text and its map into the file
  Span span;           // the whole scalar
};

enum class DurationUnit { days, workdays, weeks, months, quarters, years };
const char* unit_name(DurationUnit u, bool plural = true);

struct Duration {
  int64_t n = 0;
  DurationUnit unit = DurationUnit::days;
  Span span;
  // "trigger.attrs.NAME UNIT [or N UNIT]" (a deadline's `within`): the count is read from the
  // trigger's attribute NAME, in attr_unit; n and unit are then the rule's own duration, used
  // when the trigger has no such attribute (has_fallback), else unused.
  std::string attr;
  DurationUnit attr_unit = DurationUnit::days;
  bool has_fallback = false;
  static Duration of(int64_t n, DurationUnit unit) {
    Duration d;
    d.n = n;
    d.unit = unit;
    return d;
  }
  bool from_data() const { return !attr.empty(); }
  std::string str() const;  // "15 workdays"; "trigger.attrs.term_years years or 3 years"
  std::string zh() const;   // "15个工作日", for messages people read
};
// "15 workdays", "1 month", "0 days", "trigger.attrs.term_years years or 3 years"; nullopt
// when the text is not a duration.
std::optional<Duration> parse_duration(std::string_view text);
// The count given: n N-unit (a plain copy of `d`'s unit).
inline Duration duration_of(int64_t n, DurationUnit unit, const Span& span) {
  Duration d;
  d.n = n;
  d.unit = unit;
  d.span = span;
  return d;
}

struct Step {
  Str name;
  Expr when;
  std::optional<Duration> within;
  bool has_within = false;   // given, even if malformed
  bool untimed = false;      // `within: none`: the step has no due date of its own
  std::optional<Str> after;  // the step `within` counts from; default the previous one
  Span span;
};

// A duty (`role` + `expect`), or a requirement on the unit's make-up (`id` + `require`).
struct Link {
  Str role;
  std::optional<Expr> in;  // which units of the subject's subtree hold the role
  Expr expect;
  std::optional<Str> id;        // a requirement's name: its findings' key
  std::optional<Expr> require;  // what must hold of the unit on the period's last day
  Int at_least{1, {}};
  bool each_holder = false;
  Span span;
};

struct Rule {
  Span span;                      // the rule's mapping
  size_t load_errors = 0;         // shape errors found while reading it: such a rule is not run
  std::vector<std::string> keys;  // the fields written, even empty or malformed ones
  Str id, title, basis, severity, kind;
  std::optional<Str> owner, message;
  std::optional<Str> effective_from, effective_to;
  std::vector<Str> tags;
  bool enabled = true;
  std::optional<Span> makeup;  // `makeup: true` (periodic), where it is written

  // The fields of the kinds; which are allowed and required is in load/kinds.cpp.
  std::optional<Expr> when, on, expect, scope, sum;
  std::optional<Expr> unless_before;  // match: an earlier event that excuses `when` (a precondition)
  std::optional<Expr> after;          // match: an earlier event `when` must not follow within `within`
  std::optional<Str> subject, per, every, recommend_text, on_rest_day;
  std::vector<Str> correlate, group_by, from;
  std::optional<Duration> within, warn, due, window;
  std::optional<Int> at_least, at_most, recommend;
  std::vector<Step> steps;
  std::vector<Link> links;
};

struct Macro {
  Str name;
  Expr body;
};

struct List {
  Str name;
  std::vector<Str> items;  // scalars as written
  Span span;
};

struct RuleFile {
  SourcePtr source;
  std::string content_hash;  // what it says, not its comments or layout (base/yaml_doc.h)
  std::vector<List> lists;
  std::vector<Macro> macros;
  std::vector<Rule> rules;
};

}  // namespace jiandu::load
