#include "eval/value.h"

#include "base/json_limits.h"

namespace jiandu::eval {

void Event::decode_attrs() const {
  if (decoded_ != Decoded::not_yet) return;
  // Import keeps attrs shallow; a store written otherwise is refused here, not recursed into.
  std::string why;
  if (attrs_.decode(attrs_text_, why)) {
    decoded_ = Decoded::ok;
    return;
  }
  bad_ = "event " + id + ": attrs is " + (json_depth(attrs_text_) > kMaxJsonDepth ? why : std::string("not a JSON object"));
  decoded_ = Decoded::bad;
}

const Attrs& Event::attrs() const {
  decode_attrs();
  if (decoded_ == Decoded::bad) throw EvalFault(bad_);
  return attrs_;
}

}  // namespace jiandu::eval
