#include "eval/value.h"

namespace jiandu::eval {

const nlohmann::json& Event::attrs() const {
  if (!attrs_) {
    auto j = nlohmann::json::parse(attrs_text.empty() ? "{}" : attrs_text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw EvalFault("event " + id + ": attrs is not a JSON object");
    attrs_ = std::make_unique<nlohmann::json>(std::move(j));
  }
  return *attrs_;
}

}  // namespace jiandu::eval
