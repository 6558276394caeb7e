#include "report/ledger_view.h"

#include <fmt/format.h>
#include <SQLiteCpp/Statement.h>

#include "base/diagnostic.h"
#include "base/calendar.h"
#include "base/error.h"
#include "base/utf8.h"
#include "base/vocabulary.h"
#include "ledger/trail.h"
#include "report/alert_columns.h"
#include "report/csv.h"
#include "report/integrity.h"
#include "report/labels.h"
#include "report/local_time.h"

namespace jiandu::report {
namespace {

std::string pad(const std::string& s, size_t width) {
  size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

// "赵四（p4）", or the id alone when it has no other name.
std::string named(const std::string& name, const std::string& id) {
  return name.empty() || name == id ? or_dash(id) : name + "（" + id + "）";
}

}  // namespace

std::vector<AlertRow> load_alerts(Store& store, const AlertFilter& f) {
  std::string sql =
      "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT o.id FROM orgs o JOIN sub ON o.parent = sub.id) "
      "SELECT a.id, a.rule, a.outcome, a.subject_type, a.subject_id, "
      "coalesce(so.name, sp.name, a.subject_id), coalesce(a.org,''), coalesce(o.name,''), coalesce(a.period,''), a.severity, "
      "a.title, a.message, a.status, coalesce(a.owner_role,''), coalesce(a.owner_then,''), coalesce(pt.name,''), "
      "coalesce(a.owner_now,''), coalesce(pn.name,''), coalesce(a.escalated_to,''), coalesce(pe.name,''), a.lapse_date, coalesce(a.rectify_due,''), coalesce(a.due,''), "
      "coalesce(a.target,''), coalesce(pg.name,''), "
      "coalesce((SELECT t.at FROM trail t WHERE t.alert = a.id ORDER BY t.id DESC LIMIT 1),''), "
      "a.level, a.form, a.explanation, coalesce(a.provisional,'[]') "
      "FROM alerts a LEFT JOIN orgs o ON o.id = a.org LEFT JOIN people pt ON pt.id = a.owner_then "
      "LEFT JOIN people pn ON pn.id = a.owner_now LEFT JOIN people pe ON pe.id = a.escalated_to "
      "LEFT JOIN people pg ON pg.id = a.target "
      "LEFT JOIN orgs so ON a.subject_type = 'org' AND so.id = a.subject_id "
      "LEFT JOIN people sp ON a.subject_type = 'person' AND sp.id = a.subject_id WHERE 1";
  if (!f.org.empty()) sql += " AND a.org IN (SELECT id FROM sub)";
  if (f.status == "open") sql += " AND a.status IN ('assigned','in_progress','escalated','reopened')";
  else if (!f.status.empty()) sql += " AND a.status = ?";
 if (!f.rule.empty()) sql += " AND a.rule = ?";
  if (!f.id.empty()) sql += " AND a.id = ?";
  if (f.units)
    sql += " AND (a.org IN (SELECT value FROM json_each(?)) OR (a.subject_type = 'person' AND a.subject_id = ?) OR a.target = ? "
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
    for (std::string* s : {&a.id, &a.rule, &a.outcome, &a.subject_type, &a.subject_id, &a.subject_name, &a.org, &a.org_name,
                           &a.period, &a.severity, &a.title, &a.message, &a.status, &a.owner_role, &a.owner_then,
                           &a.owner_then_name, &a.owner_now, &a.owner_now_name, &a.escalated_to, &a.escalated_to_name, &a.lapse_date,
                           &a.rectify_due, &a.due, &a.target, &a.target_name, &a.last_at})
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

size_t mark_altered(std::vector<AlertRow>& alerts, const Integrity& integrity) {
  size_t n = 0;
  for (auto& a : alerts) n += (a.altered = integrity.alert_altered(a.id));
  return n;
}

std::string last_audit_date(Store& store) {
  SQLite::Statement q(store.db(), "SELECT max(as_of) FROM runs");
  return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getString() : "";
}

void write_alerts_table(std::ostream& out, const std::vector<AlertRow>& alerts) {
  if (alerts.empty()) {
    out << "无预警\n";
    return;
  }
  bool marks = std::any_of(alerts.begin(), alerts.end(), [](auto& a) { return a.altered; });
  out << (marks ? "!  " : "") << pad("预警", 14) << pad("状态", 14) << pad("规则", 40) << pad("对象", 10) << pad("责任人", 12)
      << pad("处理对象", 18) << pad("整改期限", 12) << "问题\n";
  for (auto& a : alerts) {
    std::string who = !a.escalated_to_name.empty() ? a.escalated_to_name : or_dash(a.owner_now_name);
    std::string target = or_dash(a.target_name.empty() ? a.target : a.target_name);
    if (a.form) target += "（形态" + std::to_string(*a.form) + "）";
    out << (marks ? (a.altered ? "!  " : "   ") : "") << pad(a.id, 14) << pad(status_text(a.status), 14) << pad(a.rule, 40)
        << pad(terminal_safe(a.subject_id), 10) << pad(terminal_safe(who), 12) << pad(terminal_safe(target), 18)
        << pad(a.rectify_due, 12) << terminal_safe(a.message)
        << (a.provisional.empty() ? "" : "（" + (a.due.empty() ? "" : "期限 " + a.due + "，") + a.provisional_note() + "）") << "\n";
  }
  out << "共 " << alerts.size() << " 条预警" << (marks ? "；! 表示该预警的轨迹记录已被改动" : "") << "\n";
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

void write_alerts_csv(std::ostream& out, const std::vector<AlertRow>& alerts, const Zone& zone) {
  out << kUtf8Bom;
  std::vector<std::string> headers;
  for (auto& c : alert_columns()) headers.push_back(c.header);
  write_csv_row(out, headers);
  for (auto& a : alerts) write_csv_row(out, alert_cells(a, zone));
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

void write_trail(std::ostream& out, Store& store, const std::string& alert, const Integrity& integrity) {
  auto rows = load_alerts(store, {});
  auto it = std::find_if(rows.begin(), rows.end(), [&](auto& a) { return a.id == alert; });
  if (it == rows.end()) throw Error("no alert " + alert + " (jiandu alerts lists them)");
  const AlertRow& a = *it;
  auto trail = load_trail(store, alert);
  if (integrity.broken()) {
    size_t mine = std::count_if(trail.begin(), trail.end(), [&](auto& t) { return integrity.altered(t.id); });
    out << "警告：" << integrity.warning() << "。"
        << (mine ? "本预警有 " + std::to_string(mine) + " 条记录未通过校验，已标“【已被改动】”。" : std::string())
        << "以下内容不可作为依据（jiandu verify 可查详情）。\n";
  }
  out << "预警 " << a.id << "  " << terminal_safe(a.title) << "\n";
  out << "  " << terminal_safe(a.message) << "\n";
  out << "  规则 " << a.rule << "（严重程度 " << severity_label(a.severity) << "），结果 " << outcome_label(a.outcome) << "，对象 "
      << subject_type_label(a.subject_type) << " " << terminal_safe(named(a.subject_name, a.subject_id))
      << (a.period.empty() ? "" : "，期间 " + a.period) << "\n";
  out << "  状态 " << status_text(a.status);
  if (!a.owner_role.empty())
    out << "；责任职务 " << vocabulary().role(a.owner_role) << "：发生时 " << or_dash(a.owner_then_name) << "，现任 "
        << or_dash(a.owner_now_name);
  out << "\n";
  if (!a.target.empty()) out << "  处理对象 " << terminal_safe(named(a.target_name, a.target)) << "\n";
  std::string up = a.level > 0 ? "已升级 " + std::to_string(a.level) + " 级，至 " + or_dash(a.escalated_to_name) : "";
  if (a.form) up += (up.empty() ? "" : "；") + std::string("建议 ") + form_label(*a.form);
  if (!up.empty()) out << "  " << terminal_safe(up) << "\n";
  out << "  发生日期 " << a.lapse_date << "，整改期限 " << or_dash(a.rectify_due);
  if (!a.due.empty()) out << "，期限 " << a.due << (a.provisional.empty() ? "" : "（" + a.provisional_note() + "）");
  out << "\n";
  if (a.explanation.is_object()) {
    out << "  依据：" << terminal_safe(a.explanation.value("basis", "")) << "\n";
    if (a.explanation.contains("numbers")) out << "  数值：" << terminal_safe(a.explanation["numbers"].dump()) << "\n";
    if (a.explanation.contains("evidence")) out << "  证据记录：" << terminal_safe(a.explanation["evidence"].dump()) << "\n";
    out << "  规则集 " << a.explanation.value("rules_hash", "") << "\n";
  }
  out << "轨迹（时间为" << zone_label(store.zone()) << "；审计记录只记审计日期）：\n";
  for (auto& t : trail) {
    std::string actor = t.actor == "system" ? "系统" : t.actor_name;
    out << fmt::format("  #{:<5} {} {} → {}  {}{}\n", t.id, pad(local_moment(t.at, store.zone(), true), 32),
                       t.from.empty() ? "（新建）" : status_text(t.from), status_text(t.to), terminal_safe(actor),
                       integrity.altered(t.id) ? "  【已被改动】" : "");
    out << "         " << terminal_safe(t.reason) << "\n";
    if (t.evidence.is_array() && !t.evidence.empty()) out << "         证据：" << terminal_safe(t.evidence.dump()) << "\n";
  }
}

}  // namespace jiandu::report
