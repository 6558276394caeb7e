#include "store/records.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "base/error.h"
#include "base/json_limits.h"
#include "base/utf8.h"
#include "store/csv.h"

namespace jiandu {
namespace fs = std::filesystem;

const std::vector<std::string>& kind_fields(RecordKind k) {
  static const std::vector<std::string> orgs{"id", "parent", "kind", "name"};
  static const std::vector<std::string> people{"id", "name", "org"};
  static const std::vector<std::string> roles{"person", "org", "role", "from", "to"};
  static const std::vector<std::string> events{"id", "ts", "type", "org", "person", "ref", "attrs"};
  switch (k) {
    case RecordKind::orgs: return orgs;
    case RecordKind::people: return people;
    case RecordKind::roles: return roles;
    case RecordKind::events: return events;
  }
  return events;
}

namespace {

// orgs.csv, events-2026.jsonl, roles_2025.csv …
std::optional<RecordKind> kind_from_name(const std::string& path) {
  std::string stem = fs::path(path).filename().string();
  for (auto& row : kRecordKinds) {
    std::string n = row.name;
    if (stem.rfind(n, 0) == 0 && (stem.size() == n.size() || !std::isalnum(static_cast<unsigned char>(stem[n.size()])))) return row.value;
  }
  return std::nullopt;
}

bool optional_field(const std::string& f);

// The one kind whose fields include all of `names` and whose required fields are all there
// (a JSONL object omits what it does not have: an event without person, ref or attrs).
std::optional<RecordKind> kind_from_fields(const std::set<std::string>& names) {
  std::optional<RecordKind> found;
  for (auto k : {RecordKind::events, RecordKind::roles, RecordKind::orgs, RecordKind::people}) {
    auto& f = kind_fields(k);
    bool fits = std::all_of(names.begin(), names.end(), [&](auto& n) { return std::find(f.begin(), f.end(), n) != f.end(); }) &&
                std::all_of(f.begin(), f.end(), [&](auto& n) { return optional_field(n) || names.count(n); });
    if (!fits) continue;
    if (found) return std::nullopt;  // two kinds would do: the user says which
    found = k;
  }
  return found;
}

bool optional_field(const std::string& f) {
  return f == "parent" || f == "person" || f == "ref" || f == "attrs" || f == "to" || f == "org";
}

std::string slurp(const std::string& path) {
  if (fs::is_directory(path)) throw Error(path + ": is a directory, not a file of records");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool looks_jsonl(const std::string& path, const std::string& text) {
  auto ext = fs::path(path).extension().string();
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return true;
  if (ext == ".csv") return false;
  auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string::npos && text[first] == '{';
}

std::string fields_list(RecordKind k) {
  std::string s;
  for (auto& x : kind_fields(k)) s += (s.empty() ? "" : ",") + x;
  return s;
}

RawRecord bad(RawRecord r, const char* code, std::string why) {
  r.code = code;
  r.error = std::move(why);
  return r;
}

}  // namespace

struct RecordReader::Csv {
  explicit Csv(std::string_view t) : reader(t) {}
  CsvReader reader;
};

RecordReader::~RecordReader() = default;

RecordReader::RecordReader(std::string path, std::optional<RecordKind> forced) : path_(std::move(path)), text_(slurp(path_)) {
  // A file that is not UTF-8 text is said as such, before its first line is read as a header.
  if (text_.size() >= 2 &&
      ((uint8_t(text_[0]) == 0xFF && uint8_t(text_[1]) == 0xFE) || (uint8_t(text_[0]) == 0xFE && uint8_t(text_[1]) == 0xFF)))
    throw Error(path_ + ": the file is UTF-16 (it begins with a UTF-16 byte-order mark): save it as UTF-8");
  // The first line decides whether this is text at all (a NUL further on is one bad record).
  if (std::string_view first = std::string_view(text_).substr(0, text_.find('\n')); !first.empty()) {
    if (auto nul = first.find('\0'); nul != std::string::npos)
      throw Error(path_ + ":1: a NUL byte (byte " + std::to_string(nul + 1) +
                  "): records are UTF-8 text; is this a binary or UTF-16 file?");
    // A CSV's first line is its header: not UTF-8 there, the whole file is in another encoding.
    if (auto at = invalid_utf8_at(first); at != std::string::npos && !looks_jsonl(path_, text_))
      throw Error(path_ + ":1: the header is not UTF-8 text (byte " + std::to_string(at + 1) +
                  "): save the file as UTF-8 (a file from Excel or WPS may be in GBK)");
  }
  auto kind = forced ? forced : kind_from_name(path_);
  jsonl_ = looks_jsonl(path_, text_);
  if (jsonl_) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (!kind) {  // peek at the first object's keys
      auto nl = text_.find('\n', pos_);
      std::string why;  // a bad first line is reported when it is read as a record
      auto j = parse_json_bounded(std::string_view(text_).substr(pos_, nl == std::string::npos ? std::string::npos : nl - pos_), why);
      if (j.is_object()) {
        std::set<std::string> keys;
        for (auto& [k, v] : j.items()) keys.insert(k);
        kind = kind_from_fields(keys);
      }
    }
    if (!kind)
      throw Error(path_ +
                  ": cannot tell the kind of records: name the file orgs|people|roles|events.jsonl, "
                  "or pass --kind");
    kind_ = *kind;
    return;
  }
  csv_ = std::make_unique<Csv>(text_);
  auto header = csv_->reader.next();
  if (!header || header->error) throw Error(path_ + ":1: missing or unreadable CSV header");
  names_ = header->fields;
  for (auto& n : names_) {
    n.erase(0, n.find_first_not_of(' '));
    n.erase(n.find_last_not_of(' ') + 1);
  }
  if (!kind) kind = kind_from_fields({names_.begin(), names_.end()});
  if (!kind)
    throw Error(path_ +
                ": cannot tell the kind of records: name the file orgs|people|roles|events.csv, "
                "give it a header of one kind's fields, or pass --kind");
  kind_ = *kind;
  for (auto& want : kind_fields(kind_))
    if (!optional_field(want) && std::find(names_.begin(), names_.end(), want) == names_.end())
      throw Error(path_ + ":" + std::to_string(header->line) + ": the header lacks the field '" + want + "' (" + kind_name(kind_) +
                  " files have: " + fields_list(kind_) + ")");
  for (auto& n : names_)
    if (std::find(kind_fields(kind_).begin(), kind_fields(kind_).end(), n) == kind_fields(kind_).end())
      throw Error(path_ + ":" + std::to_string(header->line) + ": unknown field '" + terminal_safe(n) + "' in the header (" +
                  kind_name(kind_) + " files have: " + fields_list(kind_) + ")");
  // A field named twice: which column would count is a guess (the last one did, silently).
  for (size_t i = 0; i < names_.size(); ++i)
    if (std::find(names_.begin() + long(i) + 1, names_.end(), names_[i]) != names_.end())
      throw Error(path_ + ":" + std::to_string(header->line) + ": the header names the field '" + names_[i] + "' twice");
}

std::unique_ptr<RecordReader> RecordReader::of_jsonl(std::string name, RecordKind kind, std::string text) {
  std::unique_ptr<RecordReader> r(new RecordReader());
  r->path_ = std::move(name);
  r->text_ = std::move(text);
  r->kind_ = kind;
  r->jsonl_ = true;
  return r;
}

size_t RecordReader::position() const { return jsonl_ ? pos_ : text_.size(); }

std::optional<RawRecord> RecordReader::next() { return jsonl_ ? next_jsonl() : next_csv(); }

std::optional<RawRecord> RecordReader::next_csv() {
  auto rec = csv_->reader.next();
  if (!rec) return std::nullopt;
  RawRecord r;
  r.line = rec->line;
  r.raw = rec->raw;
  if (auto at = invalid_utf8_at(r.raw); at != std::string::npos)
    return bad(std::move(r), "invalid_utf8", "invalid UTF-8 at byte " + std::to_string(at + 1));
  if (rec->error) return bad(std::move(r), "bad_csv", *rec->error);
  if (rec->fields.size() != names_.size())
    return bad(std::move(r), "bad_csv",
               "expected " + std::to_string(names_.size()) + " fields, found " + std::to_string(rec->fields.size()));
  r.fields = nlohmann::json::object();
  for (size_t i = 0; i < names_.size(); ++i) {
    const std::string& v = rec->fields[i];
    if (v.empty()) {
      r.fields[names_[i]] = nullptr;
    } else if (names_[i] == "attrs") {
      std::string why;
      auto j = parse_json_bounded(v, why);
      if (j.is_discarded())
        return bad(std::move(r), "bad_json", json_depth(v) > kMaxJsonDepth ? "attrs is " + why : "attrs: " + why + ": " + v);
      r.fields[names_[i]] = std::move(j);
    } else {
      r.fields[names_[i]] = v;
    }
  }
  return r;
}

std::optional<RawRecord> RecordReader::next_jsonl() {
  while (pos_ < text_.size()) {
    size_t end = text_.find('\n', pos_);
    if (end == std::string::npos) end = text_.size();
    std::string raw = text_.substr(pos_, end - pos_);
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    size_t line = line_++;
    pos_ = end + 1;
    if (raw.find_first_not_of(" \t") == std::string::npos) continue;
    RawRecord r;
    r.line = line;
    r.raw = std::move(raw);
    if (auto at = invalid_utf8_at(r.raw); at != std::string::npos)
      return bad(std::move(r), "invalid_utf8", "invalid UTF-8 at byte " + std::to_string(at + 1));
    std::string why;
    auto j = parse_json_bounded(r.raw, why);
    if (j.is_discarded()) return bad(std::move(r), "bad_json", why);
    if (!j.is_object()) return bad(std::move(r), "bad_json", "not a JSON object");
    for (auto& [k, v] : j.items())
      if (std::find(kind_fields(kind_).begin(), kind_fields(kind_).end(), k) == kind_fields(kind_).end())
        return bad(std::move(r), "unknown_field",
                   "unknown field '" + k + "' (" + kind_name(kind_) + " records have: " + fields_list(kind_) + ")");
    r.fields = std::move(j);
    return r;
  }
  return std::nullopt;
}

}  // namespace jiandu
