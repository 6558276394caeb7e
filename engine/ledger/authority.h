#pragma once
// The authority policy (rules/policy/authority.yaml): who may take each action on an alert,
// resolved through the org graph as of the action's day, and the separation of duties that
// holds whatever the file says. Every interface that lets a person act goes through decide().
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostic.h"
#include "org/org_graph.h"

namespace jiandu::ledger {

// The actions of people on an alert.
enum class Act { ack, resolve, verify, fail, waive, reopen, statement };
const char* act_name(Act a);   // "verify"
const char* act_label(Act a);  // "验收通过"
const char* act_verb(Act a);   // "verified", for messages

struct AuthorityLine {
  Act act = Act::ack;
  std::string role;
  enum class At { unit, organ, discipline, above } at = At::unit;
  std::string basis;  // the regulation, or the local choice's reason
  bool local = false;
  std::string file;
  uint32_t line = 0;
  std::string where() const;  // "authority.yaml:28"
};
const char* at_name(AuthorityLine::At at);

struct Authority {
  std::string organ_kind = "organ", discipline_kind = "organ_discipline_committee";
  int64_t evidence_max_bytes = 10 * 1024 * 1024;
  // The kinds of file evidence may be (by extension; each checked against its content).
  std::vector<std::string> evidence_types{"pdf", "ofd", "jpg", "jpeg", "png", "docx", "doc", "xlsx", "xls", "wps", "txt"};
  std::vector<AuthorityLine> lines;

  // The policy compiled in, or a rule set's own policy/authority.yaml.
  static Authority builtin();
  static Authority from_file(const std::string& path);  // throws Error with every diagnostic
  void load(const SourcePtr& src, Diagnostics& diags);  // A001–A004
};

// What decide() needs to know of an alert.
struct AlertParties {
  std::string id, org;  // the alert's unit
  std::string subject_type, subject_id;
  std::string owner_then, owner_now;  // person ids, or empty
  std::string resolved_by;            // who last reported it rectified, or empty
};

struct Decision {
  bool allowed = false;
  std::string rule;                // the policy line, or the separation-of-duties rule, that decides
  std::string why;                 // in one sentence
  std::vector<std::string> could;  // who could take it instead: "王丽华（p007，机关纪委书记）"
  std::string line() const;        // the refusal as one line
};

Decision decide(const Authority& policy, const org::OrgGraph& orgs, const AlertParties& alert, Act act, const std::string& person,
                Date day);

}  // namespace jiandu::ledger
