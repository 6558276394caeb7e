#pragma once
// Resuming from the last audit's checkpoint: reading it from the store, deciding whether a
// run as of a date may resume from it (and saying why not), running resumed with a full
// read to fall back on, and writing the next one. Used by `audit`, which writes it, and by
// `check`, which only reads it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "check/rules.h"
#include "compile/plan.h"
#include "eval/run.h"
#include "org/org_graph.h"
#include "store/store.h"

namespace jiandu::ledger {

// The checkpoint's fingerprint: what the state it holds was computed from (the rules, the
// calendars, the organisation, the store's event catalog, the checkpoint's format), as one
// hash and part by part ("rules/meetings/x.yaml", "calendar/2027", "organisation/roles",
// "catalog", "format" → hash), so that a full read can name what changed. A rule file counts
// by what it says: an edit of its comments or layout changes nothing.
struct Fingerprint {
  std::string hex;
  std::map<std::string, std::string> parts;
};
Fingerprint checkpoint_fingerprint(Store& store, const check::RuleSet& rules, const Calendar& calendar, const org::OrgGraph& orgs);
// What differs between two fingerprints' parts, for people: "rule file meetings/x.yaml
// changed; the role assignments changed".
std::string describe_changes(const std::map<std::string, std::string>& before, const std::map<std::string, std::string>& now);

struct SavedCheckpoint {
  std::string as_of, fingerprint, state;
  std::optional<std::map<std::string, std::string>> parts;  // none in one written before store version 7
  int64_t end_ts = 0, max_seq = 0;
  std::vector<std::string> findings;
};

struct ResumeFrom {
  std::optional<SavedCheckpoint> saved;  // when resuming is possible
  std::string why;                       // why it is not (or was not, after run_resumed)
  bool resumed = false;                  // set by run_resumed
  int64_t max_seq = 0;                   // the highest events.seq before the run: what a new checkpoint vouches for
  Fingerprint fingerprint;
};

// Whether a run as of `as_of` over these rules may resume from the store's checkpoint.
ResumeFrom plan_resume(Store& store, const check::RuleSet& rules, const Calendar& calendar, const org::OrgGraph& orgs, Date as_of,
                       bool full);

// Runs resumed when `from` allows it; a checkpoint that cannot be read makes it read every
// event instead (from.why says so). Sets from.resumed.
eval::RunResult run_resumed(Store& store, const compile::Plan& plan, const org::OrgGraph& orgs, const Calendar& calendar,
                            eval::RunOptions opts, ResumeFrom& from);

// Writes the run's checkpoint; the `kept` findings rows stay (those it resumed with), the rest
// are replaced by its new ones.
void save_checkpoint(SQLite::Database& db, int64_t run, Date as_of, const eval::RunResult& r, int64_t max_seq,
                     const Fingerprint& fingerprint, const std::vector<std::string>& kept);

}  // namespace jiandu::ledger
