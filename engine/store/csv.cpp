#include "store/csv.h"

namespace jiandu {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a UTF-8 byte order mark
}

std::optional<CsvRecord> CsvReader::next() {
  // Skip blank lines. A line ends at \r\n, \n, or a lone \r (old Mac files): each counts once.
  auto line_end_at = [&](size_t i) { return text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')); };
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (line_end_at(pos_)) ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return std::nullopt;

  CsvRecord rec;
  rec.line = line_;
  size_t start = pos_;
  std::string field;
  bool quoted = false, was_quoted = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
          continue;
        }
        quoted = false;
        ++pos_;
        continue;
      }
      if (line_end_at(pos_)) ++line_;
      field += c;
      ++pos_;
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
      ++pos_;
      continue;
    }
    if (c == ',') {
      rec.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos_;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    if (was_quoted) {
      rec.error = "text after a closing quote in field " + std::to_string(rec.fields.size() + 1);
    }
    field += c;
    ++pos_;
  }
  if (quoted) rec.error = "unterminated quoted field " + std::to_string(rec.fields.size() + 1);
  rec.fields.push_back(std::move(field));
  rec.raw = std::string(text_.substr(start, pos_ - start));
  if (!rec.raw.empty() && rec.raw.back() == '\r') rec.raw.pop_back();
  if (pos_ < text_.size() && (text_[pos_] == '\r' || text_[pos_] == '\n')) {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }
  return rec;
}

}  // namespace jiandu
