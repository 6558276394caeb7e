#pragma once
// Evidence files of the trail: stored in the store by their SHA-256 (content-addressed, so
// the same file twice is kept once), size-limited by the authority policy; the trail entry
// that attaches one holds its name, size and SHA-256, inside the hashed chain.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <SQLiteCpp/Database.h>

namespace jiandu::ledger {

// Reads the file and stores it; returns {"file": name, "sha256": …, "bytes": n}. Throws Error
// for a missing or unreadable file, or one over `max_bytes`.
nlohmann::json store_evidence_file(SQLite::Database& db, const std::string& path, int64_t max_bytes);

struct EvidenceItem {
  int64_t entry = 0;  // the trail entry that attached it
  std::string at, actor, kind;  // kind: "event" or "file"
  std::string id;     // the event id, or the file's name
  std::string sha256;
  int64_t bytes = 0;
  bool intact = true;  // the stored content still has its SHA-256
};
std::vector<EvidenceItem> evidence_of(SQLite::Database& db, const std::string& alert);
// The stored content of a file, when its SHA-256 still matches.
std::optional<std::string> evidence_content(SQLite::Database& db, const std::string& sha256);
// Stored files whose content no longer has its SHA-256 (altered in the store).
std::vector<std::string> altered_evidence(SQLite::Database& db);

}  // namespace jiandu::ledger
