#include "base/source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "base/utf8.h"

namespace jiandu {

Source::Source(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
  // A byte order mark is not text: YAML readers skip it and count positions after it.
  if (text_.rfind("\xEF\xBB\xBF", 0) == 0) text_.erase(0, 3);
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

SourcePtr Source::read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::make_shared<const Source>(path, ss.str());
}

Source::LineCol Source::line_col(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, uint32_t(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = uint32_t(it - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  auto col = utf8_columns(std::string_view(text_).substr(start, offset - start));
  return {line, uint32_t(col + 1)};
}

std::string_view Source::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1 : uint32_t(text_.size());
  std::string_view s(text_.data() + start, end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

uint32_t Source::offset_of(uint32_t line, uint32_t column) const {
  if (line == 0 || line > line_starts_.size()) return uint32_t(text_.size());
  uint32_t off = line_starts_[line - 1];
  for (uint32_t c = 1; c < column && off < text_.size() && text_[off] != '\n'; ++c) {
    ++off;
    off = uint32_t(utf8_ceil(text_, off));
  }
  return off;
}

}  // namespace jiandu
