#include "eval/value.h"

#include "base/json_limits.h"

namespace jiandu::eval {

const Attrs& Event::attrs() const {
  if (!decoded_) {
    // Import keeps attrs shallow; a store written otherwise is refused here, not recursed into.
    std::string why;
    if (!attrs_.decode(attrs_text_, why)) {
      if (json_depth(attrs_text_) > kMaxJsonDepth) throw EvalFault("event " + id + ": attrs is " + why);
      throw EvalFault("event " + id + ": attrs is not a JSON object");
    }
    decoded_ = true;
  }
  return attrs_;
}

}  // namespace jiandu::eval
