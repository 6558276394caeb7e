#pragma once
// What follows from a checked rule of each kind, one entry per kind, indexed like load::Kind
// (whose table names the kind, its fields and all its outcomes): the events it must see, which
// of its kind's outcomes its fields let it produce, and what its message may name.
#include <vector>

#include "check/outcome.h"
#include "check/rules.h"
#include "expr/check.h"

namespace jiandu::check {

struct KindRules {
  Kind kind;
  expr::EventTypes (*inputs)(const Rule&);
  bool (*can_produce)(const Rule&, Outcome);  // a deadline without `warn` is never due_soon
  // The roots its message may name besides org, person and outcome (what its findings have).
  std::vector<expr::Root> (*message_roots)(const Rule&);
};

const KindRules& kind_rules(Kind k);

}  // namespace jiandu::check
