#include "report/ledger_view.h"

#include <fmt/format.h>

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

size_t mark_altered(std::vector<AlertRow>& alerts, const Integrity& integrity) {
  size_t n = 0;
  for (auto& a : alerts) n += (a.altered = integrity.alert_altered(a.id));
  return n;
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
        << pad(terminal_safe(a.subject_id), 10) << pad(terminal_safe(who), 12) << pad(terminal_safe(target), 18) << pad(a.rectify_due, 12)
        << terminal_safe(a.message)
        << (a.provisional.empty() ? "" : "（" + (a.due.empty() ? "" : "期限 " + a.due + "，") + a.provisional_note() + "）") << "\n";
  }
  out << "共 " << alerts.size() << " 条预警" << (marks ? "；! 表示该预警的轨迹记录已被改动" : "") << "\n";
}

nlohmann::json alert_json(const AlertRow& a) {
  return {{"id", a.id},
          {"status", a.status},
          {"rule", a.rule},
          {"outcome", a.outcome},
          {"subject", {{"type", a.subject_type}, {"id", a.subject_id}, {"name", a.subject_name}}},
          {"org", a.org},
          {"period", a.period},
          {"severity", a.severity},
          {"title", a.title},
          {"message", a.message},
          {"owner_role", a.owner_role},
          {"owner_then", a.owner_then},
          {"owner_now", a.owner_now},
          {"escalated_to", a.escalated_to},
          {"level", a.level},
          {"form", a.form ? nlohmann::json(*a.form) : nlohmann::json(nullptr)},
          {"lapse_date", a.lapse_date},
          {"rectify_due", a.rectify_due},
          {"due", a.due.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.due)},
          {"calendar", a.provisional.empty() ? "official" : "provisional"},
          {"provisional_years", a.provisional}};
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
