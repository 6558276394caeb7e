#include "eval/value.h"

#include "base/json_limits.h"

namespace jiandu::eval {

const nlohmann::json& Event::attrs() const {
  if (!attrs_) {
    // Import keeps attrs shallow; a store written otherwise is refused here, not recursed into.
    std::string why;
    auto j = parse_json_bounded(attrs_text.empty() ? "{}" : attrs_text, why);
    if (j.is_discarded() && json_depth(attrs_text) > kMaxJsonDepth) throw EvalFault("event " + id + ": attrs is " + why);
    if (j.is_discarded() || !j.is_object()) throw EvalFault("event " + id + ": attrs is not a JSON object");
    attrs_ = std::make_unique<nlohmann::json>(std::move(j));
  }
  return *attrs_;
}

}  // namespace jiandu::eval
