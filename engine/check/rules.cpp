#include "check/rules.h"

namespace jiandu::check {

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::match: return "match";
    case Kind::deadline: return "deadline";
    case Kind::periodic: return "periodic";
    case Kind::threshold: return "threshold";
    case Kind::sequence: return "sequence";
    case Kind::chain: return "chain";
    case Kind::escalation: return "escalation";
  }
  return "?";
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "?";
}

std::optional<Severity> severity_from(std::string_view s) {
  for (auto v : {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical})
    if (s == severity_name(v)) return v;
  return std::nullopt;
}

const char* period_unit_name(PeriodUnit u) {
  switch (u) {
    case PeriodUnit::week: return "week";
    case PeriodUnit::month: return "month";
    case PeriodUnit::quarter: return "quarter";
    case PeriodUnit::half_year: return "half_year";
    case PeriodUnit::year: return "year";
  }
  return "?";
}

std::string Key::str() const {
  switch (what) {
    case org: return "org";
    case person: return "person";
    case ref: return "ref";
    case attribute: return "attrs." + attr;
  }
  return "?";
}

expr::EventTypes Rule::inputs() const {
  switch (kind) {
    case Kind::match: return unless_before ? when_types.join(unless_types) : after ? when_types.join(after_types) : when_types;
    case Kind::threshold: return when_types;
    case Kind::deadline: return on_types.join(expect_types);
    case Kind::periodic: return expect_types;
    case Kind::sequence: {
      expr::EventTypes t = expr::EventTypes::only({});
      for (auto& s : steps) t = t.join(s.types);
      return t;
    }
    case Kind::chain: {
      expr::EventTypes t = expr::EventTypes::only({});
      for (auto& l : links) t = t.join(l.types);
      return t;
    }
    case Kind::escalation: return expr::EventTypes::only({});
  }
  return {};
}

const Rule* RuleSet::find(const std::string& id) const {
  for (auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace jiandu::check
