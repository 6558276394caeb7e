#pragma once
// FNV-1a, 64 bits: a fingerprint of texts and records that pins what a result was computed
// from (the rule set of an audit, the inputs of a checkpoint). Not a security hash.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace jiandu {

class Fnv {
 public:
  // Each part is followed by a separator byte, so ("ab", "c") and ("a", "bc") differ.
  Fnv& add(std::string_view s) {
    for (unsigned char c : s) h_ = (h_ ^ c) * 1099511628211ull;
    h_ = (h_ ^ 0xff) * 1099511628211ull;
    return *this;
  }
  Fnv& add(int64_t v) { return add(std::to_string(v)); }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
  }

 private:
  uint64_t h_ = 1469598103934665603ull;
};

}  // namespace jiandu
