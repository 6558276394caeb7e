#pragma once
// A YAML scalar's value and where each of its bytes came from in the file, so a fault at
// offset N of an expression is shown at the right line and column of the YAML file: for
// plain and block scalars exactly; for a quoted or folded scalar whose escapes break the
// correspondence, at the scalar's start.
#include <memory>
#include <string>
#include <vector>

#include "base/source.h"

namespace jiandu {

struct ScalarText {
  std::string text;  // the scalar's value
  SourcePtr source;
  uint32_t start = 0;         // where the scalar starts in the source
  std::vector<uint32_t> map;  // value offset → source offset; empty when inexact

  // Aligns `value` with the source text from `start`.
  static std::shared_ptr<ScalarText> make(std::string value, SourcePtr source, uint32_t start);
  // A text with no file behind it (tests, generated rules): offsets map to themselves.
  static std::shared_ptr<ScalarText> detached(std::string value, const std::string& name = "<expr>");

  bool exact() const { return !map.empty(); }
  // The part [begin, end) of the value, still mapped into the file.
  std::shared_ptr<ScalarText> slice(uint32_t begin, uint32_t end) const;
  // The file span of the value's bytes [begin, end).
  Span span(uint32_t begin, uint32_t end) const;
};

using ScalarTextPtr = std::shared_ptr<const ScalarText>;

}  // namespace jiandu
