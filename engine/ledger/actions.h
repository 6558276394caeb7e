#pragma once
// What people do to an alert — acknowledge it (履责), report it rectified with a note and
// evidence, verify it (尽责; a failed verification sends it back), waive it, reopen it, or add
// a statement (情况说明) — each checked against the authority policy first. A refused
// action changes nothing.
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "ledger/authority.h"
#include "ledger/trail.h"
#include "org/org_graph.h"
#include "store/store.h"

namespace jiandu::ledger {

// A refused action: the policy line or separation-of-duties rule, and who could instead.
class Refused : public Error {
 public:
  using Error::Error;
};

struct ActionRequest {
  std::string alert;
  Act act = Act::ack;
  std::string by;                   // the person acting
  std::string note;                 // what was done, the reason, the statement
  std::vector<std::string> events;  // evidence: event ids in the store
  std::vector<std::string> files;   // evidence: files, stored content-addressed
  struct Upload {
    std::string name, content;
  };
  std::vector<Upload> uploads;  // evidence: files received by the web workplace
};

struct ActionResult {
  Status to = Status::assigned;
  std::string allowed_by;  // the policy line that allowed it
  int64_t entry = 0;       // the trail entry written
};

// Throws Refused when the policy refuses, Error when the alert's state does not allow it or
// what was given is incomplete (a resolve without a note and evidence, a waiver without a
// reason, a file too large).
ActionResult act(Store& store, const org::OrgGraph& orgs, const Authority& policy, const ActionRequest& request, Date day);

// The state an action leads to from `from`, or nullopt when the state does not allow it
// (acknowledging is for an alert not yet in hand; only a rectified alert is verified or
// failed; a statement fits any state).
std::optional<Status> next_state(Status from, Act act);

// Who last reported the alert rectified (a person id), or empty.
std::string resolved_by(Store& store, const std::string& alert);

}  // namespace jiandu::ledger
