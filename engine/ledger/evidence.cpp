#include "ledger/evidence.h"

#include <filesystem>
#include <fstream>

#include <SQLiteCpp/Statement.h>

#include "base/error.h"
#include "base/timestamp.h"
#include "ledger/hash.h"

namespace jiandu::ledger {

nlohmann::json store_evidence_file(SQLite::Database& db, const std::string& path, int64_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
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
  std::string sha = sha256_hex(content);
  SQLite::Statement q(db, "INSERT INTO evidence_files(sha256, bytes, content, added) VALUES(?,?,?,?) ON CONFLICT DO NOTHING");
  q.bind(1, sha);
  q.bind(2, int64_t(content.size()));
  q.bind(3, content.data(), int(content.size()));
  q.bind(4, now_utc());
  q.exec();
  return {{"file", fs::path(path).filename().string()}, {"sha256", sha}, {"bytes", int64_t(content.size())}};
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
