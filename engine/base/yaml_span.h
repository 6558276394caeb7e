#pragma once
// yaml-cpp marks are byte offsets into the document; this turns them into Spans.
#include <yaml-cpp/yaml.h>

#include "base/source.h"

namespace jiandu {

inline Span span_of(const YAML::Node& node, const SourcePtr& src) {
  auto m = node.Mark();
  if (m.pos < 0) return Span{src, 0, 0};
  uint32_t len = 1;
  if (node.IsScalar()) {
    // The scalar's extent in the text: up to the end of the line for plain scalars.
    const std::string& t = src->text();
    uint32_t end = uint32_t(m.pos);
    while (end < t.size() && t[end] != '\n' && t[end] != '#' && t[end] != ',' && t[end] != '}' &&
           t[end] != ']')
      ++end;
    while (end > uint32_t(m.pos) && t[end - 1] == ' ') --end;
    len = std::max<uint32_t>(1, end - uint32_t(m.pos));
  }
  return Span{src, uint32_t(m.pos), len};
}

}  // namespace jiandu
