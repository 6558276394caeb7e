#include "ledger/trail.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include "base/error.h"
#include "base/sha256.h"

namespace jiandu::ledger {

bool is_open(Status s) { return s == Status::assigned || s == Status::in_progress || s == Status::escalated || s == Status::reopened; }

const std::string& open_statuses_sql() {
  static const std::string sql = [] {
    std::string s;
    for (auto& x : kStatuses)
      if (is_open(x.value)) s += std::string(s.empty() ? "(" : ",") + "'" + x.name + "'";
    return s + ")";
  }();
  return sql;
}

bool allowed(std::optional<Status> from, Status to) {
  if (!from) return to == Status::assigned;
  switch (*from) {
    case Status::assigned:
    case Status::reopened:
    case Status::in_progress:
    case Status::escalated: return to == Status::in_progress || to == Status::rectified || to == Status::escalated || to == Status::waived;
    case Status::rectified: return to == Status::verified || to == Status::in_progress || to == Status::waived;
    case Status::verified: return to == Status::closed;
    case Status::closed: return to == Status::reopened;
    case Status::waived: return false;
  }
  return false;
}

namespace {

// The text an entry's hash is over, into `s` (reused by the verifier: one buffer for the trail).
void canonical_into(std::string& s, int64_t id, std::initializer_list<std::string_view> fields) {
  // Fields are joined by \x1f, which append() keeps out of every field (so no text can move
  // from one field into the next and keep the hash).
  s = std::to_string(id);
  s += '\x1f';
  for (std::string_view f : fields) {
    s += f;
    s += '\x1f';
  }
}

std::string canonical(int64_t id, const std::string& alert, const std::string& at, const std::string& from, const std::string& to,
                      const std::string& actor, const std::string& reason, const std::string& evidence, const std::string& run,
                      const std::string& prev) {
  std::string s;
  canonical_into(s, id, {alert, at, from, to, actor, reason, evidence, run, prev});
  return s;
}

const std::string kGenesis(64, '0');

}  // namespace

namespace {

// The unit separator shown as text: a field never holds the byte the chain joins fields by.
std::string without_separator(const std::string& s) {
  if (s.find('\x1f') == std::string::npos) return s;
  std::string out;
  for (char c : s) out += c == '\x1f' ? std::string("<U+001F>") : std::string(1, c);
  return out;
}

}  // namespace

void TrailWriter::append(const Entry& given) {
  Entry e = given;
  e.alert = without_separator(e.alert);
  e.at = without_separator(e.at);
  e.actor = without_separator(e.actor);
  e.reason = without_separator(e.reason);
  std::optional<Status> status;
  {
    auto cur = statements_("SELECT status FROM alerts WHERE id = ?");
    cur->bind(1, e.alert);
    if (!cur->executeStep()) throw Error("no alert " + e.alert);
    status = status_from(cur->getColumn(0).getString());
  }
  // An entry that keeps the state (a due date recomputed, a statement) is a note on the trail.
  bool note = status && e.to == *status;
  if (e.from != status || !(note || allowed(status, e.to)))
    throw Error("alert " + e.alert + " is " + std::string(status ? status_name(*status) : "new") + ": it cannot move to " +
                status_name(e.to));
  std::string prev = kGenesis;
  int64_t id = 1;
  {
    auto last = statements_("SELECT id, hash FROM trail ORDER BY id DESC LIMIT 1");
    if (last->executeStep()) {
      id = last->getColumn(0).getInt64() + 1;
      prev = last->getColumn(1).getString();
    }
  }
  std::string from = e.from ? status_name(*e.from) : "";
  std::string run = e.run ? std::to_string(*e.run) : "";
  std::string evidence = e.evidence.dump();
  std::string hash = sha256_hex(canonical(id, e.alert, e.at, from, status_name(e.to), e.actor, e.reason, evidence, run, prev));
  auto ins = statements_(
      "INSERT INTO trail(id, alert, at, from_state, to_state, actor, reason, evidence, run, prev_hash, hash) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  ins->bind(1, id);
  ins->bind(2, e.alert);
  ins->bind(3, e.at);
  if (e.from)
    ins->bind(4, from);
  else
    ins->bind(4);
  ins->bind(5, status_name(e.to));
  ins->bind(6, e.actor);
  ins->bind(7, e.reason);
  ins->bind(8, evidence);
  if (e.run)
    ins->bind(9, *e.run);
  else
    ins->bind(9);
  ins->bind(10, prev);
  ins->bind(11, hash);
  ins->exec();
  // The chain's head, so that removing the newest entries is found too.
  auto head = statements_(
      "INSERT INTO meta(key, value) VALUES('trail_head', ?) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  head->bind(1, std::to_string(id) + ":" + hash);
  head->exec();
  auto up = statements_("UPDATE alerts SET status = ? WHERE id = ?");
  up->bind(1, status_name(e.to));
  up->bind(2, e.alert);
  up->exec();
}

std::string entry_hash(SQLite::Database& db, int64_t id) {
  SQLite::Statement q(db, "SELECT id, alert, at, from_state, to_state, actor, reason, evidence, run, prev_hash FROM trail WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) throw Error("no trail entry " + std::to_string(id));
  auto text = [&](int c) { return q.getColumn(c).isNull() ? std::string() : q.getColumn(c).getString(); };
  return sha256_hex(canonical(id, text(1), text(2), text(3), text(4), text(5), text(6), text(7), text(8), text(9)));
}

namespace {

// The trail and its recorded head read as one snapshot, while people and an audit append:
// a savepoint opens a read transaction (or nests in the caller's).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(SQLite::Database& db) : db_(db) { db_.exec("SAVEPOINT verify_chain"); }
  ~ReadSnapshot() {
    try {
      db_.exec("RELEASE verify_chain");
    } catch (...) {
    }
  }

 private:
  SQLite::Database& db_;
};

}  // namespace

ChainReport verify_chain(SQLite::Database& db) {
  ChainReport r;
  ReadSnapshot snapshot(db);
  // Through the C API, each column read once as a view: the verifier hashes every entry of
  // the trail on every audit.
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.getHandle(),
                         "SELECT id, alert, at, from_state, to_state, actor, reason, evidence, run, prev_hash, hash "
                         "FROM trail ORDER BY id",
                         -1, &raw, nullptr) != SQLITE_OK)
    throw Error(std::string("cannot read the trail: ") + sqlite3_errmsg(db.getHandle()));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> q(raw, sqlite3_finalize);
  auto text = [&](int c) {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
    return p ? std::string_view(p, size_t(sqlite3_column_bytes(raw, c))) : std::string_view();
  };
  std::string prev = kGenesis, buffer;
  int64_t expected_id = 1;
  std::unordered_map<std::string, std::pair<std::string, int64_t>> last;  // alert → its last entry's state and id
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    ++r.entries;
    int64_t id = sqlite3_column_int64(raw, 0);
    std::string_view alert = text(1);
    std::string why;
    if (id != expected_id) {
      why = "entry " + std::to_string(expected_id) + " is missing";
    } else if (text(9) != prev) {
      why = "its link to the entry before it is broken";
    } else {
      canonical_into(buffer, id, {alert, text(2), text(3), text(4), text(5), text(6), text(7), text(8), text(9)});
      if (sha256_hex(buffer) != text(10)) why = "its content does not match its hash (it was altered)";
    }
    if (!why.empty()) {
      if (!r.first_bad) {
        r.first_bad = id;
        r.alert = alert;
        r.why = why;
      }
      // Every entry that does not verify, for the report and the trail to mark.
      if (r.bad.size() < 10000) r.bad.push_back(id);
      r.bad_alerts.insert(std::string(alert));
    }
    prev = text(10);
    expected_id = id + 1;
    auto& l = last[std::string(alert)];
    l.first = text(4);
    l.second = id;
  }
  if (rc != SQLITE_DONE) throw Error(std::string("cannot read the trail: ") + sqlite3_errmsg(db.getHandle()));
  SQLite::Statement head(db, "SELECT value FROM meta WHERE key = 'trail_head'");
  std::string want = head.executeStep() ? head.getColumn(0).getString() : "";
  std::string have = r.entries ? std::to_string(expected_id - 1) + ":" + prev : "";
  // A store written before the head was kept has none yet: nothing to compare.
  if (!want.empty() && want != have && !r.first_bad) {
    r.first_bad = expected_id;
    r.alert = "-";
    r.why = "the chain ends at entry " + std::to_string(expected_id - 1) + " but was last written at entry " +
            want.substr(0, want.find(':')) + ": the entries after it were removed";
  }
  // The alerts table is what the audit and people act on: every alert's state must be the
  // state its trail last moved it to (an alert set to closed in the table would never be
  // raised again).
  // Each alert's last entry is the one the scan above met last: the alerts are read in order
  // once, not each looked up in the trail (a seek per alert, most of the time of this check).
  // In storage order (by the text key, each row would be a seek), then the offending ones by id.
  struct Off {
    std::string alert, status, trail;
    int64_t entry;
  };
  std::vector<Off> offending;
  SQLite::Statement alerts(db, "SELECT id, status FROM alerts");
  while (alerts.executeStep()) {
    std::string alert = alerts.getColumn(0).getString(), status = alerts.getColumn(1).getString();
    auto it = last.find(alert);
    if (it != last.end() && it->second.first == status) continue;
    offending.push_back(
        {std::move(alert), std::move(status), it == last.end() ? "" : it->second.first, it == last.end() ? 0 : it->second.second});
  }
  std::sort(offending.begin(), offending.end(), [](const Off& a, const Off& b) { return a.alert < b.alert; });
  for (auto& [alert, status, trail, entry] : offending) {
    r.bad_alerts.insert(alert);  // the alert, not its entries: they are as written
    if (!r.first_bad) {
      r.first_bad = entry > 0 ? entry : expected_id;
      r.alert = alert;
      r.why = trail.empty() ? "alert " + alert + " has no trail: the alerts table was edited"
                            : "alert " + alert + " is " + status + " in the alerts table, but its trail last moved it to " + trail +
                                  ": the alerts table was edited";
    }
  }
  return r;
}

}  // namespace jiandu::ledger
