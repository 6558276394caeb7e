#pragma once
// A text the user wrote (a rule file, a catalog, a CSV) and positions in it. Positions are
// byte offsets; line and column are computed only when a diagnostic is shown.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu {

class Source {
 public:
  Source(std::string name, std::string text);
  static std::shared_ptr<const Source> read_file(const std::string& path);  // throws Error

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  struct LineCol {
    uint32_t line;    // 1-based
    uint32_t column;  // 1-based, in code points
  };
  LineCol line_col(uint32_t offset) const;
  std::string_view line_text(uint32_t line) const;           // without the newline
  uint32_t offset_of(uint32_t line, uint32_t column) const;  // inverse of line_col

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

using SourcePtr = std::shared_ptr<const Source>;

// A span of a source: where a diagnostic points.
struct Span {
  SourcePtr source;
  uint32_t offset = 0;
  uint32_t length = 0;
  bool valid() const { return source != nullptr; }
};

}  // namespace jiandu
