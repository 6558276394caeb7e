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

namespace jiandu::ledger {

enum class Status { assigned, in_progress, rectified, verified, closed, escalated, reopened, waived };
const char* status_name(Status s);
const char* status_label(Status s);  // in Chinese, with its stage of 明责/履责/尽责/问责
std::optional<Status> status_from(std::string_view s);
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

// Appends the entry and sets the alert's status; throws Error when the transition is not
// allowed from the alert's state.
void append(SQLite::Database& db, const Entry& e);

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
