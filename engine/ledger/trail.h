#pragma once
// The trail of an alert: a documented state machine (docs/accountability.md) whose every
// transition is an append-only entry, hash-chained over the whole store so that an edited,
// removed or reordered entry is found by `jiandu verify`.
//
//   (new) ──► assigned ──► in_progress ──► rectified ──► verified ──► closed ──► reopened
//                │  ▲           │  ▲            │                                  │
//                │  └───────────┼──┼── failed verification                        │
//                ▼              ▼  │                                               ▼
//             escalated ◄───────┘  └ (escalated → in_progress / rectified)   (as assigned)
//   any open state ──► waived (with a reason and who decided)
#include <optional>
#include <set>
#include <vector>
#include <string>

#include <nlohmann/json.hpp>
#include <SQLiteCpp/Database.h>

#include "base/names.h"
#include "store/statements.h"

namespace jiandu::ledger {

enum class Status { assigned, in_progress, rectified, verified, closed, escalated, reopened, waived };
// Each state's name (as stored) and label, in Chinese with its stage of 明责/履责/尽责/问责.
inline constexpr Named<Status> kStatuses[] = {{Status::assigned, "assigned", "明责·已交办"},
                                              {Status::in_progress, "in_progress", "履责·整改中"},
                                              {Status::rectified, "rectified", "尽责·已整改"},
                                              {Status::verified, "verified", "尽责·已验收"},
                                              {Status::closed, "closed", "已销号"},
                                              {Status::escalated, "escalated", "问责·已升级"},
                                              {Status::reopened, "reopened", "明责·重新交办"},
                                              {Status::waived, "waived", "已豁免"}};
static_assert(in_order(kStatuses));
inline const char* status_name(Status s) { return name_of(kStatuses, s); }
inline const char* status_label(Status s) { return label_of(kStatuses, s); }
inline std::optional<Status> status_from(std::string_view s) { return value_of(kStatuses, s); }
bool is_open(Status s);  // still someone's to put right
// The open states as an SQL list, `('assigned', …)`, for the ledger's queries: from is_open.
const std::string& open_statuses_sql();
bool allowed(std::optional<Status> from, Status to);

struct Entry {
  std::string alert;
  std::string at;  // the as-of date (system) or the moment of a person's action
  std::optional<Status> from;
  Status to = Status::assigned;
  std::string actor = "system";
  std::string reason{};
  nlohmann::json evidence = nlohmann::json::array();
  std::optional<int64_t> run{};
};

// Appends entries and sets their alerts' status; throws Error when a transition is not
// allowed from the alert's state. Its statements are prepared once: an audit appends hundreds.
class TrailWriter {
 public:
  explicit TrailWriter(SQLite::Database& db) : statements_(db) {}
  void append(const Entry& e);

 private:
  Statements statements_;
};
// One entry, for a caller that appends one at a time (a person's action).
inline void append(SQLite::Database& db, const Entry& e) { TrailWriter(db).append(e); }

struct ChainReport {
  int64_t entries = 0;
  std::optional<int64_t> first_bad;  // the first entry whose hash does not match
  std::string alert, why;
  std::vector<int64_t> bad;          // every entry that does not verify (the first 10,000)
  std::set<std::string> bad_alerts;  // the alerts they belong to
};
ChainReport verify_chain(SQLite::Database& db);
// The hash entry `id` should have, from its stored fields and link (what verify recomputes).
std::string entry_hash(SQLite::Database& db, int64_t id);

}  // namespace jiandu::ledger
