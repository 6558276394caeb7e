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
    // The scalar's extent in the text: its value where written plainly; else to the
    // closing quote; else (block scalars) the indicator.
    const std::string& t = src->text();
    const std::string& v = node.Scalar();
    uint32_t pos = uint32_t(m.pos);
    if (!v.empty() && t.compare(pos, v.size(), v) == 0) {
      len = uint32_t(v.size());
    } else if (pos < t.size() && (t[pos] == '"' || t[pos] == '\'')) {
      size_t close = pos + 1;
      while (close < t.size() && t[close] != t[pos] && t[close] != '\n') close += t[close] == '\\' ? 2 : 1;
      len = uint32_t(std::min(close + 1, t.size()) - pos);
    }
  }
  return Span{src, uint32_t(m.pos), len};
}

}  // namespace jiandu
