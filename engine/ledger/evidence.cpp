#include "ledger/evidence.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <SQLiteCpp/Statement.h>

#include "base/error.h"
#include "base/timestamp.h"
#include "base/utf8.h"
#include "base/sha256.h"

namespace jiandu::ledger {

namespace {

// Stores the content once under its SHA-256 and returns the hash.
std::string keep(SQLite::Database& db, const std::string& content) {
  std::string sha = sha256_hex(content);
  SQLite::Statement q(db, "INSERT INTO evidence_files(sha256, bytes, content, added) VALUES(?,?,?,?) ON CONFLICT DO NOTHING");
  q.bind(1, sha);
  q.bind(2, int64_t(content.size()));
  q.bind(3, content.data(), int(content.size()));
  q.bind(4, now_utc());
  q.exec();
  return sha;
}

struct Kind {
  const char* ext;
  std::string_view magic;  // empty: text
};
constexpr std::string_view kZip{"PK\x03\x04", 4}, kOle{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};
const Kind kKinds[] = {{"pdf", "%PDF-"},
                       {"ofd", kZip},
                       {"jpg", "\xFF\xD8\xFF"},
                       {"jpeg", "\xFF\xD8\xFF"},
                       {"png", "\x89PNG\r\n\x1a\n"},
                       {"docx", kZip},
                       {"xlsx", kZip},
                       {"doc", kOle},
                       {"xls", kOle},
                       {"wps", kOle},
                       {"txt", ""}};

std::string extension(const std::string& name) {
  auto dot = name.find_last_of('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

bool evidence_type_known(const std::string& ext) {
  for (auto& k : kKinds)
    if (ext == k.ext) return true;
  return false;
}

std::string known_evidence_types() {
  std::string out;
  for (auto& k : kKinds) out += (out.empty() ? "" : ", ") + std::string(k.ext);
  return out;
}

std::string evidence_type_problem(const std::string& name, const std::string& content, const std::vector<std::string>& types) {
  std::string ext = extension(name);
  std::string allowed;
  for (auto& t : types) allowed += (allowed.empty() ? "" : ", ") + t;
  if (std::find(types.begin(), types.end(), ext) == types.end())
    return "evidence may be a file of type " + allowed + " (evidence_types in rules/policy/authority.yaml), not '" +
           terminal_safe(ext.empty() ? name : "." + ext) + "'";
  for (auto& k : kKinds) {
    if (ext != k.ext) continue;
    bool looks = k.magic.empty() ? invalid_utf8_at(content) == std::string::npos && content.find('\0') == std::string::npos
                                 : content.compare(0, k.magic.size(), k.magic) == 0;
    if (!looks) return "the content of " + terminal_safe(name) + " is not a ." + ext + " file";
  }
  return "";
}

nlohmann::json store_evidence_file(SQLite::Database& db, const std::string& path, int64_t max_bytes,
                                   const std::vector<std::string>& types) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error("--file " + path + ": is a folder, not a file");
  if (!fs::is_regular_file(path, ec)) throw Error("--file " + path + ": no such file");
  auto size = fs::file_size(path, ec);
  if (ec) throw Error("--file " + path + ": cannot read its size");
  if (int64_t(size) > max_bytes)
    throw Error("--file " + path + ": " + std::to_string(size) + " bytes, over the limit of " + std::to_string(max_bytes) +
                " (evidence_max_bytes in rules/policy/authority.yaml)");
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  if (!in.good() && !in.eof()) throw Error("--file " + path + ": cannot read it");
  if (int64_t(content.size()) > max_bytes) throw Error("--file " + path + ": grew past the limit while read");
  if (content.empty()) throw Error("--file " + path + ": the file is empty: it shows nothing");
  if (auto why = evidence_type_problem(path, content, types); !why.empty()) throw Error("--file " + path + ": " + why);
  return {{"file", fs::path(path).filename().string()}, {"sha256", keep(db, content)}, {"bytes", int64_t(content.size())}};
}

std::string evidence_name(const std::string& name) {
  std::string base = name;
  if (auto slash = base.find_last_of("/\\"); slash != std::string::npos) base = base.substr(slash + 1);
  if (base.empty() || base == "." || base == ".." || base.size() > 200) return "";
  if (invalid_utf8_at(base) != std::string::npos || has_unsafe_chars(base)) return "";
  return base;
}

nlohmann::json store_evidence_bytes(SQLite::Database& db, const std::string& name, const std::string& content, int64_t max_bytes,
                                    const std::vector<std::string>& types) {
  std::string kept = evidence_name(name);
  if (kept.empty()) throw Error("evidence file name '" + terminal_safe(name) + "' cannot be kept (a plain file name is needed)");
  if (content.empty()) throw Error("evidence file " + kept + " is empty");
  if (int64_t(content.size()) > max_bytes)
    throw Error("evidence file " + kept + ": " + std::to_string(content.size()) + " bytes, over the limit of " + std::to_string(max_bytes) +
                " (evidence_max_bytes in rules/policy/authority.yaml)");
  if (auto why = evidence_type_problem(kept, content, types); !why.empty()) throw Error(why);
  return {{"file", kept}, {"sha256", keep(db, content)}, {"bytes", int64_t(content.size())}};
}

std::optional<std::string> evidence_content(SQLite::Database& db, const std::string& sha256) {
  SQLite::Statement q(db, "SELECT content FROM evidence_files WHERE sha256 = ?");
  q.bind(1, sha256);
  if (!q.executeStep()) return std::nullopt;
  auto col = q.getColumn(0);
  std::string content(static_cast<const char*>(col.getBlob()), size_t(col.getBytes()));
  if (sha256_hex(content) != sha256) return std::nullopt;
  return content;
}

std::vector<EvidenceItem> evidence_of(SQLite::Database& db, const std::string& alert) {
  std::vector<EvidenceItem> out;
  SQLite::Statement q(db, "SELECT id, at, actor, evidence FROM trail WHERE alert = ? ORDER BY id");
  q.bind(1, alert);
  while (q.executeStep()) {
    auto ev = nlohmann::json::parse(q.getColumn(3).getString(), nullptr, false);
    if (!ev.is_array()) continue;
    for (auto& x : ev) {
      EvidenceItem item{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(), "event", "", "", 0, true};
      if (x.is_string()) {
        item.id = x.get<std::string>();
      } else if (x.is_object() && x.contains("sha256") && x["sha256"].is_string()) {
        item.kind = "file";
        item.id = x.value("file", "");
        item.sha256 = x["sha256"].get<std::string>();
        item.bytes = x.value("bytes", int64_t(0));
        item.intact = evidence_content(db, item.sha256).has_value();
      } else {
        continue;
      }
      out.push_back(std::move(item));
    }
  }
  return out;
}

std::vector<std::string> altered_evidence(SQLite::Database& db) {
  std::vector<std::string> out;
  SQLite::Statement q(db, "SELECT sha256, content FROM evidence_files ORDER BY sha256");
  while (q.executeStep()) {
    auto col = q.getColumn(1);
    std::string content(static_cast<const char*>(col.getBlob()), size_t(col.getBytes()));
    if (sha256_hex(content) != q.getColumn(0).getString()) out.push_back(q.getColumn(0).getString());
  }
  return out;
}

}  // namespace jiandu::ledger
