#include "check/rules.h"

namespace jiandu::check {

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
