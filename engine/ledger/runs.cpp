#include "ledger/runs.h"

#include <algorithm>
#include <tuple>

#include <SQLiteCpp/Statement.h>

namespace jiandu::ledger {

std::vector<RunRecord> run_history(Store& store, size_t limit, bool with_failed) {
  auto& db = store.db();
  std::vector<RunRecord> out;
  SQLite::Statement q(db,
                      "SELECT id, started, coalesce(finished, ''), as_of, findings, opened, changed, faults, events_read, "
                      "coalesce(read, ''), coalesce(chain, '') FROM runs ORDER BY id DESC LIMIT ?");
  q.bind(1, int64_t(limit));
  while (q.executeStep()) {
    RunRecord r;
    r.id = q.getColumn(0).getInt64();
    r.started = q.getColumn(1).getString();
    r.finished = q.getColumn(2).getString();
    r.as_of = q.getColumn(3).getString();
    r.findings = q.getColumn(4).getInt64();
    r.opened = q.getColumn(5).getInt64();
    r.changed = q.getColumn(6).getInt64();
    r.faults = q.getColumn(7).getInt64();
    if (!q.getColumn(8).isNull()) r.events_read = q.getColumn(8).getInt64();
    r.read = q.getColumn(9).getString();
    r.chain = q.getColumn(10).getString();
    out.push_back(std::move(r));
  }
  // A failure's place: after the run that had committed when it failed (noted since store
  // version 7; for older rows, the last run started by then).
  SQLite::Statement f(db,
                      "SELECT id, at, as_of, reason, coalesce(after_run, (SELECT coalesce(max(r.id), 0) FROM runs r "
                      "WHERE r.started <= failed_runs.at)) FROM failed_runs ORDER BY id DESC LIMIT ?");
  f.bind(1, int64_t(with_failed ? limit : 0));
  while (f.executeStep()) {
    RunRecord r;
    r.failed = true;
    r.id = f.getColumn(0).getInt64();
    r.started = r.finished = f.getColumn(1).getString();
    r.as_of = f.getColumn(2).getString();
    r.reason = f.getColumn(3).getString();
    r.after_run = f.getColumn(4).getInt64();
    out.push_back(std::move(r));
  }
  // Newest first: a failure after the run it followed, failures among themselves by id.
  std::stable_sort(out.begin(), out.end(), [](const RunRecord& a, const RunRecord& b) {
    auto place = [](const RunRecord& r) { return r.failed ? std::tuple(r.after_run, 1, r.id) : std::tuple(r.id, 0, int64_t(0)); };
    return place(a) > place(b);
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace jiandu::ledger
