#include "ledger/actions.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/timestamp.h"
#include "base/utf8.h"
#include "ledger/anchor.h"
#include "ledger/evidence.h"

namespace jiandu::ledger {

std::string resolved_by(Store& store, const std::string& alert) {
  SQLite::Statement q(store.db(),
                      "SELECT actor FROM trail WHERE alert = ? AND to_state = 'rectified' AND from_state != 'rectified' "
                      "ORDER BY id DESC LIMIT 1");
  q.bind(1, alert);
  if (!q.executeStep()) return "";
  std::string who = q.getColumn(0).getString();
  return who == "system" ? "" : who;
}

std::optional<Status> next_state(Status from, Act act) {
  Status to = from;
  switch (act) {
    case Act::ack: to = Status::in_progress; break;
    case Act::resolve: to = Status::rectified; break;
    case Act::verify: to = Status::verified; break;
    case Act::fail: to = Status::in_progress; break;
    case Act::waive: to = Status::waived; break;
    case Act::reopen: to = Status::reopened; break;
    case Act::statement: return from;
  }
  bool in_hand = from != Status::assigned && from != Status::escalated && from != Status::reopened;
  if (!allowed(from, to) || (act == Act::ack && in_hand) || ((act == Act::fail || act == Act::verify) && from != Status::rectified))
    return std::nullopt;
  return to;
}

ActionResult act(Store& store, const org::OrgGraph& orgs, const Authority& policy, const ActionRequest& r, Date day) {
  auto& db = store.db();
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement q(db,
                      "SELECT status, coalesce(org, ''), subject_type, subject_id, coalesce(owner_then, ''), "
                      "coalesce(owner_now, '') FROM alerts WHERE id = ?");
  q.bind(1, r.alert);
  if (!q.executeStep()) throw Error("no alert " + r.alert + " (jiandu alerts lists them)");
  Status from = *status_from(q.getColumn(0).getString());
  AlertParties parties{r.alert,
                       q.getColumn(1).getString(),
                       q.getColumn(2).getString(),
                       q.getColumn(3).getString(),
                       q.getColumn(4).getString(),
                       q.getColumn(5).getString(),
                       resolved_by(store, r.alert)};
  if (orgs.person_index(r.by) < 0) throw Error("--by " + r.by + ": no such person in the store");
  // Who may, first: a refusal says so whatever else is wrong with the request.
  Decision d = decide(policy, orgs, parties, r.act, r.by, day);
  if (!d.allowed) throw Refused(d.line());

  auto next = next_state(from, r.act);
  if (!next)
    throw Error("alert " + r.alert + " is " + status_name(from) + " (" + status_label(from) + "): it cannot be " + act_verb(r.act) + "（" +
                act_label(r.act) + "）");
  Status to = *next;
  if (is_blank(r.note)) {  // "   " says nothing: it is no reason
    if (r.act == Act::waive) throw Error("a waiver needs its reason (--reason)");
    if (r.act == Act::fail) throw Error("a failed verification needs a note saying why (--note)");
    if (r.act == Act::resolve) throw Error("reporting a rectification needs a note of what was done (--note)");
    if (r.act == Act::reopen) throw Error("reopening needs its reason (--reason)");
    if (r.act == Act::statement) throw Error("a statement needs its text (--note)");
  }
  if (r.act == Act::resolve && r.events.empty() && r.files.empty() && r.uploads.empty())
    throw Error("reporting a rectification needs evidence: records in the store (--evidence EVENT) or files (--file PATH)");
  nlohmann::json evidence = nlohmann::json::array();
  for (auto& ev : r.events) {
    SQLite::Statement e(db, "SELECT 1 FROM events WHERE id = ?");
    e.bind(1, ev);
    if (!e.executeStep()) throw Error("--evidence " + ev + ": no such event in the store");
    evidence.push_back(ev);
  }
  for (auto& f : r.files) evidence.push_back(store_evidence_file(db, f, policy.evidence_max_bytes, policy.evidence_types));
  for (auto& u : r.uploads)
    evidence.push_back(store_evidence_bytes(db, u.name, u.content, policy.evidence_max_bytes, policy.evidence_types));

  std::string reason = r.note;
  switch (r.act) {
    case Act::ack: reason = "明责确认：" + (r.note.empty() ? std::string("已接收，组织整改") : r.note); break;
    case Act::resolve: reason = "整改完成，待验收：" + r.note; break;
    case Act::verify: reason = "验收通过" + (r.note.empty() ? std::string() : "：" + r.note); break;
    case Act::fail: reason = "验收未通过：" + r.note; break;
    case Act::waive: reason = "豁免：" + r.note; break;
    case Act::reopen: reason = "重新交办：" + r.note; break;
    case Act::statement: reason = "情况说明：" + r.note; break;
  }
  append(db, Entry{r.alert, now_utc(), from, to, r.by, reason, evidence, std::nullopt});
  ActionResult out{to, d.rule, db.execAndGet("SELECT max(id) FROM trail").getInt64()};
  if (r.act == Act::reopen) {
    SQLite::Statement up(db, "UPDATE alerts SET closed_on = NULL WHERE id = ?");
    up.bind(1, r.alert);
    up.exec();
  }
  tx.commit();
  anchor_head(store);  // after the commit: the anchor never holds what the store does not
  return out;
}

}  // namespace jiandu::ledger
