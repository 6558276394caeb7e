#include "ledger/resume.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <SQLiteCpp/Statement.h>

#include "base/bytes.h"
#include "base/fnv.h"
#include "eval/checkpoint.h"
#include "base/sha256.h"

namespace jiandu::ledger {

std::string checkpoint_fingerprint(Store& store, const check::RuleSet& rules, const Calendar& calendar,
                                   const org::OrgGraph& orgs) {
  Fnv h;
  // The rule files' texts and names, not the paths they were given by: `--rules rules` and
  // `--rules /srv/jiandu/rules` are the same rules.
  for (auto& f : rules.files) h.add(std::filesystem::path(f.source->name()).filename().string()).add(f.source->text());
  h.add(calendar.fingerprint()).add(orgs.fingerprint()).add(int64_t(eval::kCheckpointFormat));
  // The deployment catalog the store keeps may change the types the rules read.
  if (auto c = store.current_catalog()) h.add(c->text);
  return h.hex();
}

namespace {

// SHA-256 over the checkpoint's fields and its findings (those kept from earlier nights, then
// the run's own), each length-prefixed.
std::string checksum_of(std::string_view as_of, std::string_view fingerprint, std::string_view state, int64_t end_ts,
                        int64_t max_seq, const std::vector<std::string>& kept, const std::vector<std::string>& fresh = {}) {
  std::string text;
  auto add = [&](std::string_view v) { text += std::to_string(v.size()) + ":" + std::string(v) + ";"; };
  for (auto v : {as_of, fingerprint, state}) add(v);
  add(std::to_string(end_ts));
  add(std::to_string(max_seq));
  for (auto* list : {&kept, &fresh})
    for (auto& f : *list) add(f);
  return sha256_hex(text);
}

std::string checksum_of(const SavedCheckpoint& s) {
  return checksum_of(s.as_of, s.fingerprint, s.state, s.end_ts, s.max_seq, s.findings);
}

std::optional<SavedCheckpoint> saved_checkpoint(SQLite::Database& db, std::string* checksum = nullptr) {
  SQLite::Statement q(db, "SELECT as_of, end_ts, max_seq, fingerprint, state, coalesce(checksum, '') FROM checkpoint WHERE id = 1");
  if (!q.executeStep()) return std::nullopt;
  SavedCheckpoint s{q.getColumn(0).getString(), q.getColumn(3).getString(), "", q.getColumn(1).getInt64(), q.getColumn(2).getInt64(), {}};
  auto blob = q.getColumn(4);
  s.state.assign(static_cast<const char*>(blob.getBlob()), size_t(blob.getBytes()));
  if (checksum) *checksum = q.getColumn(5).getString();
  SQLite::Statement f(db, "SELECT data FROM checkpoint_findings ORDER BY n");
  while (f.executeStep()) {
    auto data = f.getColumn(0);
    s.findings.emplace_back(static_cast<const char*>(data.getBlob()), size_t(data.getBytes()));
  }
  return s;
}

// Why a run cannot resume from the checkpoint (empty when it can).
std::string why_full(SQLite::Database& db, const std::optional<SavedCheckpoint>& cp, const std::string& fingerprint, int64_t max_seq,
                     Date as_of) {
  if (!cp) return "no checkpoint yet (the first audit of this store)";
  if (cp->as_of > as_of.str()) return "the checkpoint is of a later date (" + cp->as_of + ")";
  if (cp->fingerprint != fingerprint)
    return "the rules, calendars, organisation records or event catalog changed since the audit as of " + cp->as_of;
  // Events dated inside what the checkpoint read, imported after it: it never saw them.
  SQLite::Statement late(db, "SELECT count(*) FROM events WHERE seq > ? AND seq <= ? AND ts < ?");
  late.bind(1, cp->max_seq);
  late.bind(2, max_seq);
  late.bind(3, cp->end_ts);
  late.executeStep();
  if (int64_t n = late.getColumn(0).getInt64())
    return std::to_string(n) + " events dated on or before " + cp->as_of + " were imported after the audit as of that day";
  return "";
}

}  // namespace

ResumeFrom plan_resume(Store& store, const check::RuleSet& rules, const Calendar& calendar, const org::OrgGraph& orgs,
                       Date as_of, bool full) {
  auto& db = store.db();
  ResumeFrom r;
  // A checkpoint written after this run vouches for every event up to here (later arrivals
  // dated inside what it read are caught by the next run's check).
  r.max_seq = db.execAndGet("SELECT coalesce(max(seq), 0) FROM events").getInt64();
  r.fingerprint = checkpoint_fingerprint(store, rules, calendar, orgs);
  if (full) {
    r.why = "asked for (--full)";
    return r;
  }
  std::string checksum;
  auto cp = saved_checkpoint(db, &checksum);
  r.why = why_full(db, cp, r.fingerprint, r.max_seq, as_of);
  if (r.why.empty() && checksum != checksum_of(*cp))
    r.why = checksum.empty() ? "the checkpoint has no checksum yet (written before store version 5)"
                             : "the checkpoint does not match its checksum (damaged or edited in the store)";
  if (r.why.empty()) r.saved = std::move(cp);
  return r;
}

eval::RunResult run_resumed(Store& store, const compile::Plan& plan, const org::OrgGraph& orgs, const Calendar& calendar,
                            eval::RunOptions opts, ResumeFrom& from) {
  if (from.saved) {
    opts.resume = eval::Resume{from.saved->state, &from.saved->findings, from.saved->end_ts};
    try {
      auto result = eval::run(store, plan, orgs, calendar, opts);
      from.resumed = true;
      return result;
    } catch (const CheckpointError& e) {
      from.why = std::string("the checkpoint could not be read (") + e.what() + ")";
      opts.resume.reset();
    }
  }
  return eval::run(store, plan, orgs, calendar, opts);
}

// `kept`: the findings already in the table that the run resumed with (none after a full read).
void save_checkpoint(SQLite::Database& db, int64_t run, Date as_of, const eval::RunResult& r, int64_t max_seq,
                     const std::string& fingerprint, const std::vector<std::string>& kept) {
  SQLite::Statement q(db, "INSERT OR REPLACE INTO checkpoint(id, run, as_of, end_ts, max_seq, fingerprint, state) "
                          "VALUES(1, ?, ?, ?, ?, ?, ?)");
  q.bind(1, run);
  q.bind(2, as_of.str());
  q.bind(3, r.end_ts);
  q.bind(4, max_seq);
  q.bind(5, fingerprint);
  q.bind(6, r.state.data(), int(r.state.size()));
  q.exec();
  SQLite::Statement drop(db, "DELETE FROM checkpoint_findings WHERE n >= ?");
  drop.bind(1, int64_t(kept.size()));
  drop.exec();
  SQLite::Statement add(db, "INSERT INTO checkpoint_findings(n, data) VALUES(?, ?)");
  int64_t n = int64_t(kept.size());
  for (auto& f : r.new_findings) {
    add.bind(1, n++);
    add.bind(2, f.data(), int(f.size()));
    add.exec();
    add.reset();
  }
  // Over what is now stored, from what the run holds (the kept findings are those it resumed
  // with): the table is not read back.
  SQLite::Statement sum(db, "UPDATE checkpoint SET checksum = ? WHERE id = 1");
  sum.bind(1, checksum_of(as_of.str(), fingerprint, r.state, r.end_ts, max_seq, kept, r.new_findings));
  sum.exec();
}

}  // namespace jiandu::ledger
