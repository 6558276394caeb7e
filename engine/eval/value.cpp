#include "eval/value.h"

#include <thread>

#include "base/json_limits.h"

namespace jiandu::eval {

void Event::decode_attrs() const {
  Decoded state = decoded_.load(std::memory_order_acquire);
  if (state == Decoded::ok || state == Decoded::bad) return;
  if (state == Decoded::not_yet && decoded_.compare_exchange_strong(state, Decoded::decoding, std::memory_order_acquire)) {
    // Import keeps attrs shallow; a store written otherwise is refused here, not recursed into.
    std::string why;
    if (attrs_.decode(attrs_text_, why)) {
      decoded_.store(Decoded::ok, std::memory_order_release);
      return;
    }
    bad_ = "event " + id + ": attrs is " + (json_depth(attrs_text_) > kMaxJsonDepth ? why : std::string("not a JSON object"));
    decoded_.store(Decoded::bad, std::memory_order_release);
    return;
  }
  // Another thread is decoding it (a few microseconds at most).
  while ((state = decoded_.load(std::memory_order_acquire)) == Decoded::decoding) std::this_thread::yield();
}

const Attrs& Event::attrs() const {
  decode_attrs();
  if (decoded_.load(std::memory_order_acquire) == Decoded::bad) throw EvalFault(bad_);
  return attrs_;
}

}  // namespace jiandu::eval
