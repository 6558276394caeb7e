#include "ledger/resume.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <SQLiteCpp/Statement.h>

#include "base/bytes.h"
#include "base/fnv.h"
#include "eval/checkpoint.h"
#include "base/json_limits.h"
#include "base/sha256.h"

namespace jiandu::ledger {

namespace {

// The rule files' names below the folder they share, not the paths they were given by:
// `--rules rules` and `--rules /srv/jiandu/rules` are the same rules.
std::vector<std::string> relative_names(const check::RuleSet& rules) {
  std::vector<std::filesystem::path> paths;
  for (auto& f : rules.files) paths.push_back(std::filesystem::path(f.source->name()).lexically_normal());
  std::filesystem::path common = paths.empty() ? std::filesystem::path() : paths.front().parent_path();
  for (auto& p : paths)
    while (!common.empty() && std::mismatch(common.begin(), common.end(), p.begin(), p.end()).first != common.end())
      common = common.parent_path();
  std::vector<std::string> out;
  for (auto& p : paths) out.push_back(common.empty() ? p.string() : p.lexically_relative(common).string());
  return out;
}

}  // namespace

Fingerprint checkpoint_fingerprint(Store& store, const check::RuleSet& rules, const Calendar& calendar, const org::OrgGraph& orgs) {
  Fingerprint fp;
  auto names = relative_names(rules);
  for (size_t i = 0; i < rules.files.size(); ++i) {
    auto& slot = fp.parts["rules/" + names[i]];
    slot = Fnv().add(slot).add(rules.files[i].content_hash).hex();  // two files of one name: both count
  }
  for (auto& [year, h] : calendar.year_fingerprints())
    fp.parts["calendar/" + year] = (calendar.is_official(std::stoi(year)) ? "official:" : "provisional:") + h;
  for (auto& [table, h] : orgs.table_fingerprints()) fp.parts["organisation/" + table] = h;
  // The deployment catalog the store keeps may change the types the rules read.
  if (auto c = store.current_catalog()) fp.parts["catalog"] = c->sha256;
  fp.parts["format"] = std::to_string(eval::kCheckpointFormat);
  Fnv h;
  for (auto& [k, v] : fp.parts) h.add(k).add(v);
  fp.hex = h.hex();
  return fp;
}

std::string describe_changes(const std::map<std::string, std::string>& before, const std::map<std::string, std::string>& now) {
  std::vector<std::string> said;
  auto what = [](const std::string& part) -> std::string {
    if (part.rfind("rules/", 0) == 0) return "rule file " + part.substr(6);
    if (part.rfind("calendar/", 0) == 0) return "the calendar of " + part.substr(9);
    if (part == "organisation/units") return "the org units";
    if (part == "organisation/people") return "the people";
    if (part == "organisation/roles") return "the role assignments";
    if (part == "catalog") return "the event catalog";
    return part;
  };
  auto kind_of = [](const std::string& v) { return v.substr(0, v.find(':')); };
  for (auto& [part, v] : now) {
    auto it = before.find(part);
    if (part == "format") {
      if (it == before.end() || it->second != v)
        said.push_back("jiandu's checkpoint format changed (" + (it == before.end() ? "?" : it->second) + " → " + v + ")");
    } else if (it == before.end()) {
      said.push_back(what(part) + (part == "catalog" ? " was accepted" : " was added"));
    } else if (it->second != v) {
      if (part.rfind("calendar/", 0) == 0 && kind_of(it->second) != kind_of(v))
        said.push_back(part.substr(9) + (kind_of(v) == "official"
                                             ? " has the State Council's notice now (it was counted on the provisional calendar)"
                                             : " is counted on the provisional calendar now"));
      else
        said.push_back(what(part) + " changed");
    }
  }
  for (auto& [part, v] : before)
    if (!now.count(part)) said.push_back(what(part) + " was removed");
  std::string out;
  constexpr size_t kShown = 4;
  for (size_t i = 0; i < said.size() && i < kShown; ++i) out += (i ? "; " : "") + said[i];
  if (said.size() > kShown) out += "; and " + std::to_string(said.size() - kShown) + " more";
  return out;
}

namespace {

// SHA-256 over the checkpoint's fields and its findings (those kept from earlier nights, then
// the run's own), each length-prefixed.
std::string checksum_of(std::string_view as_of, std::string_view fingerprint, std::string_view parts, std::string_view state,
                        int64_t end_ts, int64_t max_seq, const std::vector<std::string>& kept, const std::vector<std::string>& fresh = {}) {
  // Hashed piece by piece: the text is never joined (megabytes of state, copied twice a night).
  Sha256 h;
  auto add = [&](std::string_view v) { h.add(std::to_string(v.size())).add(":").add(v).add(";"); };
  for (auto v : {as_of, fingerprint, parts, state}) add(v);
  add(std::to_string(end_ts));
  add(std::to_string(max_seq));
  for (auto* list : {&kept, &fresh})
    for (auto& f : *list) add(f);
  return h.hex();
}

std::string parts_text(const std::map<std::string, std::string>& parts) { return nlohmann::json(parts).dump(); }

std::string checksum_of(const SavedCheckpoint& s, const std::string& parts) {
  return checksum_of(s.as_of, s.fingerprint, parts, s.state, s.end_ts, s.max_seq, s.findings);
}

// `parts`: the stored parts column as it is (what the checksum covers).
std::optional<SavedCheckpoint> saved_checkpoint(SQLite::Database& db, std::string* checksum = nullptr, std::string* parts = nullptr) {
  SQLite::Statement q(db,
                      "SELECT as_of, end_ts, max_seq, fingerprint, state, coalesce(checksum, ''), coalesce(parts, '') "
                      "FROM checkpoint WHERE id = 1");
  if (!q.executeStep()) return std::nullopt;
  SavedCheckpoint s{q.getColumn(0).getString(), q.getColumn(3).getString(), "", {},
                    q.getColumn(1).getInt64(),  q.getColumn(2).getInt64(),  {}};
  auto blob = q.getColumn(4);
  s.state.assign(static_cast<const char*>(blob.getBlob()), size_t(blob.getBytes()));
  if (checksum) *checksum = q.getColumn(5).getString();
  std::string stored = q.getColumn(6).getString();
  if (parts) *parts = stored;
  // Only to say what changed: a part list that does not read is as good as none.
  std::string why;
  auto j = parse_json_bounded(stored, why);
  if (!j.is_discarded() && j.is_object()) {
    std::map<std::string, std::string> m;
    for (auto& [k, v] : j.items())
      if (v.is_string()) m[k] = v.get<std::string>();
    s.parts = std::move(m);
  }
  SQLite::Statement f(db, "SELECT data FROM checkpoint_findings ORDER BY n");
  while (f.executeStep()) {
    auto data = f.getColumn(0);
    s.findings.emplace_back(static_cast<const char*>(data.getBlob()), size_t(data.getBytes()));
  }
  return s;
}

// Why a run cannot resume from the checkpoint (empty when it can).
std::string why_full(SQLite::Database& db, const std::optional<SavedCheckpoint>& cp, const Fingerprint& fingerprint, int64_t max_seq,
                     Date as_of) {
  if (!cp) return "no checkpoint yet (the first audit of this store)";
  if (cp->as_of > as_of.str()) return "the checkpoint is of a later date (" + cp->as_of + ")";
  if (cp->fingerprint != fingerprint.hex) {
    std::string what = cp->parts ? describe_changes(*cp->parts, fingerprint.parts) : "";
    if (what.empty())
      return "the rules, calendars, organisation records or event catalog changed since the audit as of " + cp->as_of +
             " (its checkpoint, written by an earlier jiandu, does not say which)";
    return "changed since the audit as of " + cp->as_of + ": " + what;
  }
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

ResumeFrom plan_resume(Store& store, const check::RuleSet& rules, const Calendar& calendar, const org::OrgGraph& orgs, Date as_of,
                       bool full) {
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
  std::string checksum, parts;
  auto cp = saved_checkpoint(db, &checksum, &parts);
  r.why = why_full(db, cp, r.fingerprint, r.max_seq, as_of);
  if (r.why.empty() && checksum != checksum_of(*cp, parts))
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
                     const Fingerprint& fingerprint, const std::vector<std::string>& kept) {
  std::string parts = parts_text(fingerprint.parts);
  SQLite::Statement q(db,
                      "INSERT OR REPLACE INTO checkpoint(id, run, as_of, end_ts, max_seq, fingerprint, state, parts) "
                      "VALUES(1, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, run);
  q.bind(2, as_of.str());
  q.bind(3, r.end_ts);
  q.bind(4, max_seq);
  q.bind(5, fingerprint.hex);
  q.bind(6, r.state.data(), int(r.state.size()));
  q.bind(7, parts);
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
  sum.bind(1, checksum_of(as_of.str(), fingerprint.hex, parts, r.state, r.end_ts, max_seq, kept, r.new_findings));
  sum.exec();
}

}  // namespace jiandu::ledger
