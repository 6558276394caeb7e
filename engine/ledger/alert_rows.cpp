#include "ledger/alert_rows.h"

#include <SQLiteCpp/Statement.h>

#include "base/calendar.h"
#include "base/error.h"
#include "ledger/trail.h"

namespace jiandu::ledger {

std::vector<AlertRow> load_alerts(Store& store, const AlertFilter& f) {
  std::string sql =
      "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent = sub.id) "
      "SELECT a.id, a.rule, a.outcome, a.subject_type, a.subject_id, "
      "coalesce(so.name, sp.name, a.subject_id), coalesce(a.org,''), coalesce(o.name,''), coalesce(a.period,''), a.severity, "
      "a.title, a.message, a.status, coalesce(a.owner_role,''), coalesce(a.owner_then,''), coalesce(pt.name,''), "
      "coalesce(a.owner_now,''), coalesce(pn.name,''), coalesce(a.escalated_to,''), coalesce(pe.name,''), a.lapse_date, "
      "coalesce(a.rectify_due,''), coalesce(a.due,''), "
      "coalesce(a.target,''), coalesce(pg.name,''), "
      "coalesce((SELECT t.at FROM trail t WHERE t.alert = a.id ORDER BY t.id DESC LIMIT 1),''), "
      "a.level, a.form, a.explanation, coalesce(a.provisional,'[]') "
      "FROM alerts a LEFT JOIN orgs o ON o.id = a.org LEFT JOIN people pt ON pt.id = a.owner_then "
      "LEFT JOIN people pn ON pn.id = a.owner_now LEFT JOIN people pe ON pe.id = a.escalated_to "
      "LEFT JOIN people pg ON pg.id = a.target "
      "LEFT JOIN orgs so ON a.subject_type = 'org' AND so.id = a.subject_id "
      "LEFT JOIN people sp ON a.subject_type = 'person' AND sp.id = a.subject_id WHERE 1";
  if (!f.org.empty()) sql += " AND a.org IN (SELECT id FROM sub)";
  if (f.status == "open")
    sql += " AND a.status IN " + open_statuses_sql();
  else if (!f.status.empty())
    sql += " AND a.status = ?";
  if (!f.rule.empty()) sql += " AND a.rule = ?";
  if (!f.id.empty()) sql += " AND a.id = ?";
  if (f.units)
    sql +=
        " AND (a.org IN (SELECT value FROM json_each(?)) OR (a.subject_type = 'person' AND a.subject_id = ?) OR a.target = ? "
        "OR a.owner_then = ? OR a.owner_now = ?)";
  sql += " ORDER BY a.org, a.lapse_date, a.id";
  SQLite::Statement q(store.db(), sql);
  int c = 1;
  q.bind(c++, f.org);
  if (!f.status.empty() && f.status != "open") q.bind(c++, f.status);
  if (!f.rule.empty()) q.bind(c++, f.rule);
  if (!f.id.empty()) q.bind(c++, f.id);
  if (f.units) {
    q.bind(c++, nlohmann::json(*f.units).dump());
    for (int k = 0; k < 4; ++k) q.bind(c++, f.person.empty() ? std::string("\x01") : f.person);  // no person id is \x01
  }
  if (!f.org.empty()) {
    SQLite::Statement o(store.db(), "SELECT 1 FROM orgs WHERE id = ?");
    o.bind(1, f.org);
    if (!o.executeStep()) throw Error("--org " + f.org + ": no such org unit in the store");
  }
  std::vector<AlertRow> out;
  while (q.executeStep()) {
    AlertRow a;
    int i = 0;
    for (std::string* s : {&a.id,          &a.rule,           &a.outcome,      &a.subject_type,
                           &a.subject_id,  &a.subject_name,   &a.org,          &a.org_name,
                           &a.period,      &a.severity,       &a.title,        &a.message,
                           &a.status,      &a.owner_role,     &a.owner_then,   &a.owner_then_name,
                           &a.owner_now,   &a.owner_now_name, &a.escalated_to, &a.escalated_to_name,
                           &a.lapse_date,  &a.rectify_due,    &a.due,          &a.target,
                           &a.target_name, &a.last_at})
      *s = q.getColumn(i++).getString();
    a.level = q.getColumn(i++).getInt();
    if (!q.getColumn(i).isNull()) a.form = q.getColumn(i).getInt();
    ++i;
    a.explanation = nlohmann::json::parse(q.getColumn(i++).getString(), nullptr, false);
    auto years = nlohmann::json::parse(q.getColumn(i).getString(), nullptr, false);
    if (years.is_array())
      for (auto& y : years)
        if (y.is_number_integer()) a.provisional.push_back(y.get<int>());
    out.push_back(std::move(a));
  }
  return out;
}

bool alert_exists(Store& store, const std::string& id) {
  SQLite::Statement q(store.db(), "SELECT 1 FROM alerts WHERE id = ?");
  q.bind(1, id);
  return q.executeStep();
}

std::string AlertRow::provisional_note() const { return jiandu::provisional_note(provisional); }

std::optional<LastRunFaults> load_last_run_faults(Store& store) {
  SQLite::Statement r(store.db(), "SELECT id, as_of, faults FROM runs ORDER BY id DESC LIMIT 1");
  if (!r.executeStep()) return std::nullopt;
  LastRunFaults out{r.getColumn(0).getInt64(), r.getColumn(1).getString(), r.getColumn(2).getInt64(), {}};
  SQLite::Statement q(store.db(),
                      "SELECT f.rule, coalesce(f.subject,''), coalesce(o.name, p.name, f.subject, ''), "
                      "coalesce(f.event,''), f.reason FROM run_faults f LEFT JOIN orgs o ON o.id = f.subject "
                      "LEFT JOIN people p ON p.id = f.subject WHERE f.run = ? ORDER BY f.id");
  q.bind(1, out.run);
  while (q.executeStep())
    out.rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString(),
                        q.getColumn(4).getString()});
  return out;
}

std::string last_audit_date(Store& store) {
  SQLite::Statement q(store.db(), "SELECT max(as_of) FROM runs");
  return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getString() : "";
}

std::vector<TrailRow> load_trail(Store& store, const std::string& alert) {
  SQLite::Statement q(store.db(),
                      "SELECT t.id, t.at, coalesce(t.from_state,''), t.to_state, t.actor, coalesce(p.name, t.actor), "
                      "t.reason, t.evidence FROM trail t LEFT JOIN people p ON p.id = t.actor "
                      "WHERE t.alert = ? ORDER BY t.id");
  q.bind(1, alert);
  std::vector<TrailRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString(),
                   q.getColumn(4).getString(), q.getColumn(5).getString(), q.getColumn(6).getString(),
                   nlohmann::json::parse(q.getColumn(7).getString(), nullptr, false)});
  return out;
}

std::pair<int64_t, int64_t> trail_watermark(Store& store) {
  SQLite::Statement q(store.db(), "SELECT coalesce(max(id), 0), count(*) FROM trail");
  q.executeStep();
  return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64()};
}

}  // namespace jiandu::ledger
