#include "check/rules.h"

#include "check/kinds.h"

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

expr::EventTypes Rule::inputs() const { return kind_rules(kind).inputs(*this); }

const Rule* RuleSet::find(const std::string& id) const {
  for (auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace jiandu::check
