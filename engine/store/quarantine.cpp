#include "store/quarantine.h"

#include <map>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/error.h"
#include "base/timestamp.h"
#include "base/utf8.h"
#include "store/import.h"

namespace jiandu {
namespace {

// The WHERE clause of a filter, with its parameters bound in order by bind_filter.
std::string where_of(const QuarantineFilter& f, bool held_only) {
  std::string w = held_only || !f.settled ? "state = 'held'" : "1";
  if (!f.ids.empty()) {
    w += " AND id IN (";
    for (size_t i = 0; i < f.ids.size(); ++i) w += i ? ",?" : "?";
    w += ")";
  }
  if (!f.code.empty()) w += " AND code = ?";
  if (f.batch) w += " AND batch = ?";
  return w;
}

int bind_filter(SQLite::Statement& q, const QuarantineFilter& f, int at = 1) {
  for (int64_t id : f.ids) q.bind(at++, id);
  if (!f.code.empty()) q.bind(at++, f.code);
  if (f.batch) q.bind(at++, *f.batch);
  return at;
}

std::vector<QuarantinedRecord> select(Store& store, const QuarantineFilter& f, bool held_only, size_t limit,
                                      std::vector<std::string>* fields = nullptr) {
  SQLite::Statement q(store.db(),
                      "SELECT id, batch, file, line, kind, code, reason, raw, state, coalesce(settled_at, ''), "
                      "coalesce(settled_by, ''), coalesce(note, ''), settled_batch, coalesce(fields, '') FROM rejected WHERE " +
                          where_of(f, held_only) + " ORDER BY id DESC LIMIT ?");
  int at = bind_filter(q, f);
  q.bind(at, int64_t(limit));
  std::vector<QuarantinedRecord> out;
  while (q.executeStep()) {
    QuarantinedRecord r;
    r.id = q.getColumn(0).getInt64();
    r.batch = q.getColumn(1).getInt64();
    r.file = q.getColumn(2).getString();
    r.line = q.getColumn(3).getInt64();
    r.kind = q.getColumn(4).getString();
    r.code = q.getColumn(5).getString();
    r.reason = q.getColumn(6).getString();
    r.raw = q.getColumn(7).getString();
    r.state = q.getColumn(8).getString();
    r.settled_at = q.getColumn(9).getString();
    r.settled_by = q.getColumn(10).getString();
    r.note = q.getColumn(11).getString();
    if (!q.getColumn(12).isNull()) r.settled_batch = q.getColumn(12).getInt64();
    std::string fj = q.getColumn(13).getString();
    r.retryable = !fj.empty();
    if (fields) fields->push_back(std::move(fj));
    out.push_back(std::move(r));
  }
  return out;
}

void settle(SQLite::Database& db, int64_t id, const char* state, const std::string& by, std::optional<int64_t> batch,
            const std::string& note) {
  SQLite::Statement q(db,
                      "UPDATE rejected SET state = ?, settled_at = ?, settled_by = ?, settled_batch = ?, note = ? "
                      "WHERE id = ? AND state = 'held'");
  q.bind(1, state);
  q.bind(2, now_utc());
  q.bind(3, by);
  if (batch)
    q.bind(4, *batch);
  else
    q.bind(4);
  if (note.empty())
    q.bind(5);
  else
    q.bind(5, note);
  q.bind(6, id);
  q.exec();
}

}  // namespace

std::vector<QuarantinedRecord> list_quarantine(Store& store, const QuarantineFilter& filter, size_t limit, int64_t* total) {
  if (total) {
    SQLite::Statement q(store.db(), "SELECT count(*) FROM rejected WHERE " + where_of(filter, false));
    bind_filter(q, filter);
    q.executeStep();
    *total = q.getColumn(0).getInt64();
  }
  return select(store, filter, false, limit);
}

RetryReport retry_quarantine(Store& store, const QuarantineFilter& filter, const std::string& by) {
  RetryReport report;
  std::vector<std::string> fields;
  // Oldest first, as they arrived: a unit retried before the person who belongs to it.
  auto rows = select(store, filter, true, size_t(-1) >> 1, &fields);
  std::map<RecordKind, std::string> text;           // kind → JSONL of its retryable rows
  std::map<RecordKind, std::vector<int64_t>> line;  // kind → the row id of each line
  for (size_t i = rows.size(); i-- > 0;) {
    auto& r = rows[i];
    auto kind = kind_from(r.kind);
    if (!r.retryable || !kind) {
      ++report.not_retryable;
      report.outcomes.push_back({r.id, false, r.code,
                                 fields[i].empty() && (r.code == "bad_json" || r.code == "bad_csv" || r.code == "invalid_utf8")
                                     ? "the record itself cannot be read: correct the file and import it again, or drop it"
                                     : "kept without its fields (quarantined before store version 7): import its file again, or drop it"});
      continue;
    }
    text[*kind] += fields[i] + "\n";
    line[*kind].push_back(r.id);
  }
  if (text.empty()) return report;
  std::vector<std::unique_ptr<RecordReader>> readers;
  for (auto& [kind, t] : text) readers.push_back(RecordReader::of_jsonl(std::string("quarantine:") + kind_name(kind), kind, t));
  ImportOptions opts;
  opts.quarantine = false;
  opts.label = "(quarantine retry by " + by + ")";
  auto& db = store.db();
  import_readers(store, readers, opts, [&](const ImportReport& r, int64_t batch) {
    report.batch = batch;
    std::map<std::pair<RecordKind, size_t>, const Rejection*> refused;
    for (auto& rj : r.rejections) refused[{rj.kind, rj.line}] = &rj;
    for (auto& [kind, ids] : line)
      for (size_t n = 0; n < ids.size(); ++n) {
        auto it = refused.find({kind, n + 1});
        if (it == refused.end()) {
          settle(db, ids[n], "imported", by, batch, "");
          report.outcomes.push_back({ids[n], true, "", ""});
          ++report.imported;
          continue;
        }
        // Still refused: held, with today's reason (a unit that now exists may leave another).
        SQLite::Statement q(db, "UPDATE rejected SET code = ?, reason = ? WHERE id = ?");
        q.bind(1, it->second->code);
        q.bind(2, it->second->reason);
        q.bind(3, ids[n]);
        q.exec();
        report.outcomes.push_back({ids[n], false, it->second->code, it->second->reason});
        ++report.still_held;
      }
  });
  return report;
}

size_t drop_quarantine(Store& store, const QuarantineFilter& filter, const std::string& by, const std::string& reason) {
  if (is_blank(reason)) throw Error("say why the records are dropped (--reason): a blank reason is none");
  auto& db = store.db();
  SQLite::Transaction tx(db);
  auto rows = select(store, filter, true, size_t(-1) >> 1);
  if (rows.empty()) throw Error("no held record matches: nothing dropped (jiandu quarantine list shows what is held)");
  for (auto& r : rows) settle(db, r.id, "dropped", by, std::nullopt, reason);
  tx.commit();
  return rows.size();
}

}  // namespace jiandu
