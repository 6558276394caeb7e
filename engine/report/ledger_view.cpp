#include "report/ledger_view.h"

#include <fmt/format.h>
#include <SQLiteCpp/Statement.h>

#include "base/diagnostic.h"
#include "base/calendar.h"
#include "base/error.h"
#include "base/utf8.h"
#include "ledger/trail.h"

namespace jiandu::report {
namespace {

std::string pad(const std::string& s, size_t width) {
  size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string label(const std::string& status) {
  auto s = ledger::status_from(status);
  return s ? ledger::status_label(*s) : status;
}

}  // namespace

std::vector<AlertRow> load_alerts(Store& store, const AlertFilter& f) {
  std::string sql =
      "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent = sub.id) "
      "SELECT a.id, a.rule, a.outcome, a.subject_type, a.subject_id, "
      "coalesce(so.name, sp.name, a.subject_id), coalesce(a.org,''), coalesce(o.name,''), coalesce(a.period,''), a.severity, "
      "a.title, a.message, a.status, coalesce(a.owner_role,''), coalesce(a.owner_then,''), coalesce(pt.name,''), "
      "coalesce(a.owner_now,''), coalesce(pn.name,''), coalesce(a.escalated_to,''), coalesce(pe.name,''), a.lapse_date, coalesce(a.rectify_due,''), coalesce(a.due,''), a.level, a.form, a.explanation, coalesce(a.provisional,'[]') "
      "FROM alerts a LEFT JOIN orgs o ON o.id = a.org LEFT JOIN people pt ON pt.id = a.owner_then "
      "LEFT JOIN people pn ON pn.id = a.owner_now LEFT JOIN people pe ON pe.id = a.escalated_to "
      "LEFT JOIN orgs so ON a.subject_type = 'org' AND so.id = a.subject_id "
      "LEFT JOIN people sp ON a.subject_type = 'person' AND sp.id = a.subject_id WHERE 1";
  if (!f.org.empty()) sql += " AND a.org IN (SELECT id FROM sub)";
  if (f.status == "open") sql += " AND a.status IN ('assigned','in_progress','escalated','reopened')";
  else if (!f.status.empty()) sql += " AND a.status = ?";
  if (!f.rule.empty()) sql += " AND a.rule = ?";
  sql += " ORDER BY a.org, a.lapse_date, a.id";
  SQLite::Statement q(store.db(), sql);
  int c = 1;
  q.bind(c++, f.org);
  if (!f.status.empty() && f.status != "open") q.bind(c++, f.status);
  if (!f.rule.empty()) q.bind(c++, f.rule);
  if (!f.org.empty()) {
    SQLite::Statement o(store.db(), "SELECT 1 FROM orgs WHERE id = ?");
    o.bind(1, f.org);
    if (!o.executeStep()) throw Error("--org " + f.org + ": no such org unit in the store");
  }
  std::vector<AlertRow> out;
  while (q.executeStep()) {
    AlertRow a;
    int i = 0;
    for (std::string* s : {&a.id, &a.rule, &a.outcome, &a.subject_type, &a.subject_id, &a.subject_name, &a.org, &a.org_name,
                           &a.period, &a.severity, &a.title, &a.message, &a.status, &a.owner_role, &a.owner_then,
                           &a.owner_then_name, &a.owner_now, &a.owner_now_name, &a.escalated_to, &a.escalated_to_name, &a.lapse_date,
                           &a.rectify_due, &a.due})
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

std::string AlertRow::provisional_note() const { return jiandu::provisional_note(provisional); }

std::optional<LastRunFaults> load_last_run_faults(Store& store) {
  SQLite::Statement r(store.db(), "SELECT id, as_of, faults FROM runs ORDER BY id DESC LIMIT 1");
  if (!r.executeStep()) return std::nullopt;
  LastRunFaults out{r.getColumn(0).getInt64(), r.getColumn(1).getString(), r.getColumn(2).getInt64(), {}};
  SQLite::Statement q(store.db(), "SELECT f.rule, coalesce(f.subject,''), coalesce(o.name, p.name, f.subject, ''), "
                                  "coalesce(f.event,''), f.reason FROM run_faults f LEFT JOIN orgs o ON o.id = f.subject "
                                  "LEFT JOIN people p ON p.id = f.subject WHERE f.run = ? ORDER BY f.id");
  q.bind(1, out.run);
  while (q.executeStep())
    out.rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                        q.getColumn(3).getString(), q.getColumn(4).getString()});
  return out;
}

void write_alerts_table(std::ostream& out, const std::vector<AlertRow>& alerts) {
  if (alerts.empty()) {
    out << "no alerts\n";
    return;
  }
  out << pad("alert", 14) << pad("status", 12) << pad("rule", 40) << pad("subject", 10) << pad("responsible", 22)
      << pad("due", 12) << "message\n";
  for (auto& a : alerts) {
    std::string who = !a.escalated_to_name.empty() ? a.escalated_to_name : a.owner_now_name.empty() ? "-" : a.owner_now_name;
    if (a.form) who += " (形态" + std::to_string(*a.form) + ")";
    out << pad(a.id, 14) << pad(a.status, 12) << pad(a.rule, 40) << pad(terminal_safe(a.subject_id), 10) << pad(who, 22)
        << pad(a.rectify_due, 12) << terminal_safe(a.message)
        << (a.provisional.empty() ? "" : "（" + (a.due.empty() ? "" : "期限 " + a.due + "，") + a.provisional_note() + "）") << "\n";
  }
  out << alerts.size() << " alert" << (alerts.size() == 1 ? "" : "s") << "\n";
}

nlohmann::json alert_json(const AlertRow& a) {
  return {{"id", a.id},           {"status", a.status},         {"rule", a.rule},
          {"outcome", a.outcome}, {"subject", {{"type", a.subject_type}, {"id", a.subject_id}, {"name", a.subject_name}}},
          {"org", a.org},         {"period", a.period},         {"severity", a.severity},
          {"title", a.title},     {"message", a.message},       {"owner_role", a.owner_role},
          {"owner_then", a.owner_then}, {"owner_now", a.owner_now}, {"escalated_to", a.escalated_to}, {"level", a.level},
          {"form", a.form ? nlohmann::json(*a.form) : nlohmann::json(nullptr)},
          {"lapse_date", a.lapse_date}, {"rectify_due", a.rectify_due},
          {"due", a.due.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.due)},
          {"calendar", a.provisional.empty() ? "official" : "provisional"}, {"provisional_years", a.provisional}};
}

void write_alerts_jsonl(std::ostream& out, const std::vector<AlertRow>& alerts) {
  for (auto& a : alerts) out << alert_json(a).dump() << "\n";
}

void write_alerts_csv(std::ostream& out, const std::vector<AlertRow>& alerts) {
  auto f = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
  };
  out << "id,status,rule,outcome,subject_type,subject_id,org,period,severity,owner_then,owner_now,level,form,lapse_date,rectify_due,message,due,calendar\n";
  for (auto& a : alerts)
    out << a.id << "," << a.status << "," << a.rule << "," << a.outcome << "," << a.subject_type << "," << f(a.subject_id)
        << "," << f(a.org) << "," << f(a.period) << "," << a.severity << "," << a.owner_then << "," << a.owner_now << ","
        << a.level << "," << (a.form ? std::to_string(*a.form) : "") << "," << a.lapse_date << "," << a.rectify_due << ","
        << f(a.message) << "," << a.due << "," << a.provisional_note() << "\n";
}

std::vector<TrailRow> load_trail(Store& store, const std::string& alert) {
  SQLite::Statement q(store.db(), "SELECT t.id, t.at, coalesce(t.from_state,''), t.to_state, t.actor, coalesce(p.name, t.actor), "
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

void write_trail(std::ostream& out, Store& store, const std::string& alert) {
  auto rows = load_alerts(store, {});
  auto it = std::find_if(rows.begin(), rows.end(), [&](auto& a) { return a.id == alert; });
  if (it == rows.end()) throw Error("no alert " + alert + " (jiandu alerts lists them)");
  const AlertRow& a = *it;
  out << a.id << "  " << a.title << "\n";
  out << "  " << a.message << "\n";
  out << "  rule " << a.rule << " (" << a.severity << "), outcome " << a.outcome << ", subject " << a.subject_name << " ("
      << a.subject_id << ")" << (a.period.empty() ? "" : ", period " + a.period) << "\n";
  out << "  status " << a.status << " (" << label(a.status) << ")";
  if (!a.owner_role.empty())
    out << "; owner role " << a.owner_role << ": at the lapse " << (a.owner_then_name.empty() ? "-" : a.owner_then_name)
        << ", now " << (a.owner_now_name.empty() ? "-" : a.owner_now_name);
  if (a.level > 0) out << "; escalated " << a.level << " link" << (a.level == 1 ? "" : "s") << " up, to " << (a.escalated_to_name.empty() ? "-" : a.escalated_to_name);
  if (a.form) out << "; recommended form " << *a.form;
  out << "\n  lapse " << a.lapse_date << ", rectify by " << a.rectify_due;
  if (!a.due.empty()) out << ", due " << a.due << (a.provisional.empty() ? "" : "（" + a.provisional_note() + "）");
  out << "\n";
  if (a.explanation.is_object()) {
    out << "  why: " << a.explanation.value("basis", "") << "\n";
    if (a.explanation.contains("numbers")) out << "  numbers: " << a.explanation["numbers"].dump() << "\n";
    if (a.explanation.contains("evidence")) out << "  evidence: " << a.explanation["evidence"].dump() << "\n";
    out << "  rule set " << a.explanation.value("rules_hash", "") << "\n";
  }
  out << "timeline:\n";
  for (auto& t : load_trail(store, alert)) {
    out << fmt::format("  #{:<5} {:<20} {} → {}  by {}\n", t.id, t.at, t.from.empty() ? "(new)" : label(t.from), label(t.to),
                       t.actor_name);
    out << "         " << t.reason << "\n";
    if (t.evidence.is_array() && !t.evidence.empty()) out << "         evidence: " << t.evidence.dump() << "\n";
  }
}

}  // namespace jiandu::report
