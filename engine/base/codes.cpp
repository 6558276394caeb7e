#include "base/codes.h"

namespace jiandu {

std::span<const Code> all_codes() {
  static constexpr Code table[] = {
#define JIANDU_CODE(id_, severity_, meaning_) code::id_,
#include "base/codes.def"
#undef JIANDU_CODE
  };
  return table;
}

}  // namespace jiandu
