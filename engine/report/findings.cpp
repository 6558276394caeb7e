#include "report/findings.h"

#include <set>

#include <fmt/format.h>

#include "base/diagnostic.h"
#include "base/utf8.h"
#include "report/csv.h"
#include "report/labels.h"

namespace jiandu::report {

nlohmann::json to_json(const eval::Finding& f) {
  nlohmann::json evidence = f.evidence;
  return {{"rule", f.rule->id},
          {"kind", check::kind_name(f.rule->kind)},
          {"outcome", check::name(f.outcome)},
          {"subject", {{"type", f.subject_type}, {"id", f.subject_id}, {"name", f.subject_name}}},
          {"period", f.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.period)},
          {"key", f.key.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.key)},
          {"due", f.due ? nlohmann::json(f.due->str()) : nlohmann::json(nullptr)},
          {"date", f.date.str()},
          {"evidence", evidence},
          {"severity", check::severity_name(f.rule->severity)},
          {"title", f.rule->title},
          {"message", f.message},
          {"numbers", f.numbers},
          {"calendar", f.provisional.empty() ? "official" : "provisional"},
          {"provisional_years", f.provisional},
          {"alert_key", f.stable_key()}};
}

void write_jsonl(std::ostream& out, const std::vector<eval::Finding>& findings) {
  for (auto& f : findings) out << to_json(f).dump() << "\n";
}

namespace {

// Pads to a display width (CJK characters are two columns wide).
std::string pad(const std::string& s, size_t width) {
  size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

}  // namespace

// For Excel on Chinese Windows, as the alert list's CSV: BOM, Chinese headers, ids in words.
void write_csv(std::ostream& out, const std::vector<eval::Finding>& findings) {
  out << kUtf8Bom;
  write_csv_row(
      out, {"规则编号", "结果", "严重程度", "对象类型", "对象编号", "对象", "期间", "键", "期限", "日期", "证据记录", "问题", "日历说明"});
  for (auto& f : findings) {
    std::string ev;
    for (auto& e : f.evidence) ev += (ev.empty() ? "" : " ") + e;
    write_csv_row(out, {f.rule->id, check::label(f.outcome), severity_label(check::severity_name(f.rule->severity)),
                        subject_type_label(f.subject_type), f.subject_id, f.subject_name, f.period, f.key, f.due ? f.due->str() : "",
                        f.date.str(), ev, f.message, provisional_note(f.provisional)});
  }
}

void write_table(std::ostream& out, const std::vector<eval::Finding>& findings) {
  if (findings.empty()) {
    out << "no findings\n";
    return;
  }
  size_t rule_w = 4, subj_w = 7;
  for (auto& f : findings) {
    rule_w = std::max(rule_w, f.rule->id.size());
    subj_w = std::max(subj_w, display_width(f.subject_id));
  }
  out << pad("rule", rule_w) << "  " << pad("outcome", 14) << pad("severity", 9) << pad("subject", subj_w) << "  " << pad("period/key", 18)
      << pad("due", 12) << "message\n";
  std::set<int> provisional;
  for (auto& f : findings) {
    std::string pk = f.period.empty() ? f.key : f.period;
    provisional.insert(f.provisional.begin(), f.provisional.end());
    if (display_width(pk) > 17) pk = pk.substr(0, 16) + "…";
    out << pad(f.rule->id, rule_w) << "  " << pad(check::name(f.outcome), 14) << pad(check::severity_name(f.rule->severity), 9)
        << pad(f.subject_id, subj_w) << "  " << pad(pk, 18) << pad(f.due ? f.due->str() + (f.provisional.empty() ? "" : "*") : "-", 12)
        << terminal_safe(f.message) << "\n";
  }
  std::map<std::string, size_t> by_outcome;
  for (auto& f : findings) ++by_outcome[check::name(f.outcome)];
  std::string s;
  for (auto& [o, n] : by_outcome) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", n, o);
  out << findings.size() << " finding" << (findings.size() == 1 ? "" : "s") << ": " << s << "\n";
  if (!provisional.empty()) out << "* " << provisional_note(std::vector<int>(provisional.begin(), provisional.end())) << "\n";
}

std::string describe_fault(const std::string& rule, const eval::Fault& f) {
  std::string where = f.subject.empty() ? "" : " about " + f.subject;
  if (!f.event.empty()) where += " (record " + f.event + ")";
  return "rule " + rule + where + ": " + f.reason;
}

size_t fault_count(const eval::RunResult& r) {
  size_t n = 0;
  for (auto& [id, s] : r.stats) n += s.faults;
  return n;
}

void write_stats(std::ostream& out, const eval::RunResult& r) {
  size_t total = fault_count(r);
  if (total == 0) return;
  out << fmt::format("error: {} obligation{} could not be judged; the findings above are incomplete:\n", total, total == 1 ? "" : "s");
  for (auto& [id, s] : r.stats) {
    if (s.faults == 0) continue;
    for (auto& f : s.fault_list) out << "  " << terminal_safe(describe_fault(id, f)) << "\n";
    if (s.faults > s.fault_list.size()) out << fmt::format("  rule {}: {} more not shown\n", id, s.faults - s.fault_list.size());
  }
}

}  // namespace jiandu::report
