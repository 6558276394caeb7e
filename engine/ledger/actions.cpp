#include "ledger/actions.h"


#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/error.h"
#include "base/timestamp.h"

namespace jiandu::ledger {

Status act(Store& store, const std::string& alert, Action action, const std::string& by, const std::string& note,
           const std::vector<std::string>& evidence) {
  auto& db = store.db();
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement q(db, "SELECT status FROM alerts WHERE id = ?");
  q.bind(1, alert);
  if (!q.executeStep()) throw Error("no alert " + alert + " (jiandu alerts lists them)");
  Status from = *status_from(q.getColumn(0).getString());
  SQLite::Statement p(db, "SELECT name FROM people WHERE id = ?");
  p.bind(1, by);
  if (!p.executeStep()) throw Error("--by " + by + ": no such person in the store");
  if ((action == Action::waive || action == Action::verify_fail) && note.empty())
    throw Error(action == Action::waive ? "a waiver needs its reason (--reason)" : "a failed verification needs a note saying why");
  for (auto& ev : evidence) {
    SQLite::Statement e(db, "SELECT 1 FROM events WHERE id = ?");
    e.bind(1, ev);
    if (!e.executeStep()) throw Error("--evidence " + ev + ": no such event in the store");
  }
  Status to = Status::assigned;  // every action sets it below
  std::string verb;
  switch (action) {
    case Action::ack: to = Status::in_progress; verb = "acknowledged"; break;
    case Action::resolve: to = Status::rectified; verb = "reported rectified"; break;
    case Action::verify_pass: to = Status::verified; verb = "verified"; break;
    case Action::verify_fail: to = Status::in_progress; verb = "sent back (verification failed)"; break;
    case Action::waive: to = Status::waived; verb = "waived"; break;
  }
  // Acknowledging is for an alert not yet in hand; rectified → in_progress is a failed
  // verification's only.
  bool ok = allowed(from, to) &&
            !(action == Action::ack && from != Status::assigned && from != Status::escalated && from != Status::reopened) &&
            !(action == Action::verify_fail && from != Status::rectified);
  if (!ok)
    throw Error("alert " + alert + " is " + status_name(from) + " (" + status_label(from) + "): it cannot be " + verb);
  std::string at = now_utc();
  std::string reason = note.empty() ? verb : note;
  if (action == Action::verify_fail) reason = "验收未通过：" + note;
  if (action == Action::waive) reason = "豁免：" + note;
  append(db, Entry{alert, at, from, to, by, reason, nlohmann::json(evidence), std::nullopt});
  tx.commit();
  return to;
}

}  // namespace jiandu::ledger
