#pragma once
// An RFC 4180 CSV reader that keeps each record's first line and raw text, so a bad record
// can be quarantined exactly as it was written.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu {

struct CsvRecord {
  size_t line = 0;  // 1-based line where the record starts
  std::string raw;  // the record's text, without its line ending
  std::vector<std::string> fields;
  std::optional<std::string> error;  // e.g. an unterminated quoted field
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // The next record; nullopt at the end. Blank lines are skipped.
  std::optional<CsvRecord> next();

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

}  // namespace jiandu
