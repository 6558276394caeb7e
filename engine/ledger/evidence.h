#pragma once
// Evidence files of the trail: stored in the store by their SHA-256 (content-addressed, so
// the same file twice is kept once), size-limited by the authority policy; the trail entry
// that attaches one holds its name, size and SHA-256, inside the hashed chain.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <SQLiteCpp/Database.h>

namespace jiandu::ledger {

// Reads the file and stores it; returns {"file": name, "sha256": …, "bytes": n}. Throws Error
// for a missing or unreadable file, or one over `max_bytes`.
nlohmann::json store_evidence_file(SQLite::Database& db, const std::string& path, int64_t max_bytes, const std::vector<std::string>& types);

// The same for content received by the web workplace: `name` is kept to its last path
// component and must be printable (no control characters); throws Error otherwise or when
// the content is empty or over `max_bytes`.
nlohmann::json store_evidence_bytes(SQLite::Database& db, const std::string& name, const std::string& content, int64_t max_bytes,
                                    const std::vector<std::string>& types);

// The kinds of file jiandu can check (pdf, ofd, jpg, …), and whether `ext` is one.
bool evidence_type_known(const std::string& ext);
std::string known_evidence_types();  // "pdf, ofd, …"
// Why a file may not be kept as evidence, or empty: its extension must be among `types` and
// its content must look like that kind of file (a renamed program is not a scan).
std::string evidence_type_problem(const std::string& name, const std::string& content, const std::vector<std::string>& types);
// The name an uploaded file is kept under, or empty when it cannot be kept: the last path
// component, valid UTF-8, no control or bidirectional-override characters, at most 200 bytes.
std::string evidence_name(const std::string& name);

struct EvidenceItem {
  int64_t entry = 0;            // the trail entry that attached it
  std::string at, actor, kind;  // kind: "event" or "file"
  std::string id;               // the event id, or the file's name
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
