#pragma once
// Reading an import file (CSV with a header, or JSONL) into uniform records: each a JSON
// object of the file's fields, with the line and raw text it came from.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "base/names.h"

namespace jiandu {

enum class RecordKind { orgs, people, roles, events };
inline constexpr Named<RecordKind> kRecordKinds[] = {
    {RecordKind::orgs, "orgs"}, {RecordKind::people, "people"}, {RecordKind::roles, "roles"}, {RecordKind::events, "events"}};
static_assert(in_order(kRecordKinds));
inline const char* kind_name(RecordKind k) { return name_of(kRecordKinds, k); }
inline std::optional<RecordKind> kind_from(std::string_view name) { return value_of(kRecordKinds, name); }
// The fields of each kind, in their CSV order.
const std::vector<std::string>& kind_fields(RecordKind k);

struct RawRecord {
  size_t line = 0;
  std::string raw;
  nlohmann::json fields;                   // an object; CSV values are strings, an empty CSV value is null
  std::optional<std::string> code, error;  // set when the record cannot even be read
};

// Streams the records of one file, so a large file is never held as records at once.
class RecordReader {
 public:
  // The kind comes from `forced`, else the file's name, else its header (or first object).
  // Throws Error when the file cannot be read or its kind cannot be told.
  RecordReader(std::string path, std::optional<RecordKind> forced);
  // Records of one kind given as JSONL text, named `name` (a quarantine retry reads its rows so).
  static std::unique_ptr<RecordReader> of_jsonl(std::string name, RecordKind kind, std::string text);
  ~RecordReader();

  const std::string& path() const { return path_; }
  RecordKind kind() const { return kind_; }
  size_t bytes() const { return text_.size(); }
  size_t position() const;  // bytes consumed, for progress
  std::optional<RawRecord> next();

 private:
  RecordReader() = default;
  std::optional<RawRecord> next_csv();
  std::optional<RawRecord> next_jsonl();

  std::string path_;
  std::string text_;
  RecordKind kind_ = RecordKind::events;
  bool jsonl_ = false;
  size_t pos_ = 0, line_ = 1;       // JSONL position
  std::vector<std::string> names_;  // CSV header
  struct Csv;
  std::unique_ptr<Csv> csv_;
};

}  // namespace jiandu
