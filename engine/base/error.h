#pragma once
// A fault the user must act on (a store that cannot be opened, a bad option).
// Mistakes inside a text the user wrote are Diagnostics, not Errors.
#include <stdexcept>
#include <string>

namespace jiandu {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace jiandu
