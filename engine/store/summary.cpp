#include "store/summary.h"

#include <SQLiteCpp/Statement.h>

#include "base/timestamp.h"

namespace jiandu {

StoreSummary summarize(Store& store, size_t max_batches, size_t max_rejected, size_t max_faults) {
  auto& db = store.db();
  StoreSummary s;
  s.version = Store::version_of(db);
  s.zone = store.zone().name();
  if (auto c = store.current_catalog())
    s.catalog = "version " + std::to_string(c->version) + ": " + c->name + " (sha256 " + c->sha256.substr(0, 12) + "…, " + c->added + ")";
  else
    s.catalog = "(built in)";
  auto count = [&](const char* table) { return db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64(); };
  s.orgs = count("orgs");
  s.people = count("people");
  s.roles = count("roles");
  s.events = count("events");
  s.rejected = count("rejected");
  s.held = db.execAndGet("SELECT count(*) FROM rejected WHERE state = 'held'").getInt64();
  s.alerts = count("alerts");
  s.runs = count("runs");
  {
    SQLite::Statement q(store.db(),
                        "SELECT as_of, run, length(state), (SELECT count(*) FROM checkpoint_findings) "
                        "FROM checkpoint WHERE id = 1");
    if (q.executeStep())
      s.checkpoint = StoreSummary::Checkpoint{q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                                              q.getColumn(3).getInt64()};
  }
  {
    SQLite::Statement q(db, "SELECT id, as_of, faults FROM runs ORDER BY id DESC LIMIT 1");
    if (q.executeStep()) {
      s.last_run = StoreSummary::LastRun{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(), {}};
      SQLite::Statement f(db,
                          "SELECT rule, coalesce(subject, ''), coalesce(event, ''), reason FROM run_faults "
                          "WHERE run = ? ORDER BY id LIMIT ?");
      f.bind(1, s.last_run->id);
      f.bind(2, int64_t(max_faults));
      while (f.executeStep())
        s.last_run->listed.push_back(
            {f.getColumn(0).getString(), f.getColumn(1).getString(), f.getColumn(2).getString(), f.getColumn(3).getString()});
    }
  }
  {
    SQLite::Statement q(db,
                        "SELECT at, as_of, reason FROM failed_runs "
                        "WHERE CASE WHEN after_run IS NULL THEN at > coalesce((SELECT max(started) FROM runs), '') "
                        "ELSE after_run >= coalesce((SELECT max(id) FROM runs), 0) END ORDER BY id DESC LIMIT 1");
    if (q.executeStep())
      s.last_failed = StoreSummary::FailedRun{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()};
  }
  if (s.events > 0) {
    SQLite::Statement q(db,
                        "SELECT ts, utc_offset FROM events WHERE ts = (SELECT min(ts) FROM events) "
                        "UNION ALL SELECT ts, utc_offset FROM events WHERE ts = (SELECT max(ts) FROM events)");
    std::vector<std::string> ends;
    while (q.executeStep()) ends.push_back(Timestamp{q.getColumn(0).getInt64(), q.getColumn(1).getInt()}.str());
    s.first_event = ends.front();
    s.last_event = ends.back();
  }
  SQLite::Statement t(db, "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type");
  while (t.executeStep()) s.types.emplace_back(t.getColumn(0).getString(), t.getColumn(1).getInt64());
  SQLite::Statement b(db, "SELECT id, started, files, added, unchanged, rejected FROM batches ORDER BY id DESC LIMIT ?");
  b.bind(1, int64_t(max_batches));
  while (b.executeStep())
    s.batches.push_back({b.getColumn(0).getInt64(), b.getColumn(1).getString(), b.getColumn(2).getString(), b.getColumn(3).getInt64(),
                         b.getColumn(4).getInt64(), b.getColumn(5).getInt64()});
  SQLite::Statement r(db, "SELECT batch, file, line, kind, code, reason, raw FROM rejected WHERE state = 'held' ORDER BY id DESC LIMIT ?");
  r.bind(1, int64_t(max_rejected));
  while (r.executeStep())
    s.quarantined.push_back({r.getColumn(0).getInt64(), r.getColumn(1).getString(), r.getColumn(2).getInt64(), r.getColumn(3).getString(),
                             r.getColumn(4).getString(), r.getColumn(5).getString(), r.getColumn(6).getString()});
  return s;
}

}  // namespace jiandu
