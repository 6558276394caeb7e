#include "base/embedded.h"

#include <stdexcept>
#include <string>

namespace jiandu {

std::string_view embedded(std::string_view path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.text;
  throw std::out_of_range("not embedded: " + std::string(path));
}

}  // namespace jiandu
