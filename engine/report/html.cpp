#include "report/html.h"

#include <map>

#include <fmt/format.h>
#include <SQLiteCpp/Statement.h>

#include "ledger/trail.h"
#include "report/ledger_view.h"

namespace jiandu::report {

std::string escape_html(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

namespace {

const char* kStyle = R"css(
:root { --ink:#1f2328; --muted:#59636e; --line:#d0d7de; --red:#b42318; --amber:#b54708; --green:#067647; --blue:#175cd3; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 1100px; padding: 28px 36px; font-size: 14px; line-height: 1.55; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: 2px; text-align: center; }
.sub { text-align: center; color: var(--muted); margin-bottom: 22px; }
h2 { font-size: 18px; border-left: 5px solid var(--red); padding-left: 10px; margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.card b { display: block; font-size: 26px; }
.card.red b { color: var(--red); } .card.amber b { color: var(--amber); } .card.green b { color: var(--green); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.nw { white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { background: #fde2c8; height: 14px; display: inline-block; vertical-align: middle; margin-right: 6px; }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; border: 1px solid var(--line); white-space: nowrap; }
.s-escalated, .s-reopened { color: var(--red); border-color: var(--red); }
.s-assigned, .s-in_progress { color: var(--amber); border-color: var(--amber); }
.s-rectified, .s-verified, .s-closed { color: var(--green); border-color: var(--green); }
.alert { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
.alert .meta { color: var(--muted); font-size: 12.5px; }
ol.trail { margin: 6px 0 0; padding-left: 20px; }
ol.trail li { margin: 3px 0; }
ol.trail .when { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 6px; }
.muted { color: var(--muted); }
.legend { font-size: 12.5px; color: var(--muted); }
.prov { color: var(--amber); font-size: 12.5px; }
h2.unjudged { border-left-color: var(--amber); color: var(--amber); }
p.warn { border: 1px solid var(--amber); background: #fffaeb; padding: 8px 12px; border-radius: 6px; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } .cards { grid-template-columns: repeat(5, 1fr); }
  @page { size: A4; margin: 16mm 14mm; } }
)css";

struct Counts {
  int open = 0, overdue = 0, escalated = 0, closed = 0, total = 0;
};

bool overdue(const AlertRow& a, const std::string& as_of) {
  auto s = ledger::status_from(a.status);
  return s && ledger::is_open(*s) && !a.rectify_due.empty() && a.rectify_due < as_of;
}

std::string tag(const std::string& status) {
  auto s = ledger::status_from(status);
  return "<span class=\"tag s-" + escape_html(status) + "\">" + escape_html(s ? ledger::status_label(*s) : status) + "</span>";
}

}  // namespace

void write_html(std::ostream& out, Store& store, const HtmlOptions& opts) {
  std::string as_of = opts.as_of;
  if (as_of.empty()) {
    SQLite::Statement q(store.db(), "SELECT max(as_of) FROM runs");
    if (q.executeStep() && !q.getColumn(0).isNull()) as_of = q.getColumn(0).getString();
  }
  auto alerts = load_alerts(store, {});
  std::map<std::string, Counts> units;
  std::map<std::string, std::string> unit_names;
  Counts all;
  std::map<int, int> forms;
  for (auto& a : alerts) {
    auto s = ledger::status_from(a.status);
    Counts& c = units[a.org];
    unit_names[a.org] = a.org_name.empty() ? a.org : a.org_name;
    for (Counts* x : {&c, &all}) {
      ++x->total;
      if (s && ledger::is_open(*s)) ++x->open;
      if (overdue(a, as_of)) ++x->overdue;
      if (a.level > 0 && s && ledger::is_open(*s)) ++x->escalated;
      if (a.status == "closed") ++x->closed;
    }
    if (a.form) ++forms[*a.form];
  }

  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<title>" << escape_html(opts.title) << "</title><style>" << kStyle << "</style></head><body>\n";
  out << "<h1>" << escape_html(opts.title) << "</h1>\n<div class=\"sub\">截至 " << escape_html(as_of.empty() ? "（尚无审计）" : as_of)
      << " · 问题清单 · 明责 → 履责 → 尽责 → 问责</div>\n";

  // What the last audit could not judge comes first: the findings below are incomplete.
  if (auto faults = load_last_run_faults(store); faults && faults->total > 0) {
    out << "<h2 class=\"unjudged\">未能判断的事项</h2>\n<p class=\"warn\">第 " << faults->run << " 次审计（截至 "
        << escape_html(faults->as_of) << "）有 " << faults->total
        << " 项义务未能判断，以下问题清单因此不完整。请核实并更正相关记录后重新审计。</p>\n"
        << "<table><tr><th>规则</th><th>对象</th><th>记录</th><th>原因</th></tr>\n";
    for (auto& f : faults->rows)
      out << "<tr><td class=\"nw\">" << escape_html(f.rule) << "</td><td>" << escape_html(f.subject_name)
          << (f.subject.empty() || f.subject == f.subject_name ? "" : " <span class=\"muted\">" + escape_html(f.subject) + "</span>")
          << "</td><td class=\"nw\">" << escape_html(f.event.empty() ? "—" : f.event) << "</td><td>" << escape_html(f.reason)
          << "</td></tr>\n";
    out << "</table>\n";
  }

  out << "<div class=\"cards\">";
  for (auto [label, n, cls] : {std::tuple{"预警总数", all.total, ""}, {"未办结", all.open, "amber"}, {"逾期未整改", all.overdue, "red"},
                               {"已升级问责", all.escalated, "red"}, {"已销号", all.closed, "green"}})
    out << "<div class=\"card " << cls << "\">" << label << "<b>" << n << "</b></div>";
  out << "</div>\n";

  out << "<h2>一、各单位问题清单</h2>\n<table><tr><th>单位</th><th>预警</th><th>未办结</th><th>逾期</th><th>已升级</th><th>已销号</th></tr>\n";
  for (auto& [org, c] : units)
    out << "<tr><td>" << escape_html(unit_names[org]) << " <span class=\"muted\">" << escape_html(org) << "</span></td><td class=\"n\">"
        << c.total << "</td><td class=\"n\">" << c.open << "</td><td class=\"n\">" << c.overdue << "</td><td class=\"n\">"
        << c.escalated << "</td><td class=\"n\">" << c.closed << "</td></tr>\n";
  out << "</table>\n";

  out << "<h2>二、“四种形态”建议分布</h2>\n<table><tr><th>形态</th><th>建议次数</th></tr>\n";
  int most = 1;
  for (auto& [f, n] : forms) most = std::max(most, n);
  for (int f = 1; f <= 4; ++f) {
    int n = forms.count(f) ? forms[f] : 0;
    static const char* names[] = {"", "第一种形态（批评教育、谈话提醒）", "第二种形态（轻处分、组织调整）", "第三种形态（重处分、重大职务调整）",
                                  "第四种形态（严重违纪涉嫌违法立案审查）"};
    out << "<tr><td>" << names[f] << "</td><td><span class=\"bar\" style=\"width:" << (n * 300 / most) << "px\"></span>" << n
        << "</td></tr>\n";
  }
  out << "</table>\n<p class=\"legend\">形态建议由问责升级时按政策文件 rules/policy/four_forms.yaml 的阶梯给出：首次为第一种形态，回溯期内每复发一次升一级。</p>\n";

  out << "<h2>三、逾期未整改清单</h2>\n";
  std::vector<const AlertRow*> late;
  for (auto& a : alerts)
    if (overdue(a, as_of)) late.push_back(&a);
  if (late.empty()) {
    out << "<p class=\"muted\">无逾期未整改问题。</p>\n";
  } else {
    out << "<table><tr><th>预警</th><th>单位</th><th>问题</th><th>责任人（发生时／现任）</th><th>升级至</th><th>整改期限</th><th>状态</th></tr>\n";
    for (auto* a : late)
      out << "<tr><td class=\"nw\">" << escape_html(a->id) << "</td><td>" << escape_html(a->org_name) << "</td><td>" << escape_html(a->message)
          << "</td><td>" << escape_html(a->owner_then_name.empty() ? "—" : a->owner_then_name) << "／"
          << escape_html(a->owner_now_name.empty() ? "—" : a->owner_now_name) << "</td><td>"
          << escape_html(a->escalated_to_name.empty() ? "—" : a->escalated_to_name)
          << (a->form ? " · 形态" + std::to_string(*a->form) : "") << "</td><td class=\"nw\">" << escape_html(a->rectify_due)
          << (a->provisional.empty() ? "" : "<br><span class=\"prov\">" + escape_html(a->provisional_note()) + "</span>") << "</td><td>"
          << tag(a->status) << "</td></tr>\n";
    out << "</table>\n";
  }

  out << "<h2>四、预警及其履责轨迹</h2>\n";
  std::string current;
  for (auto& a : alerts) {
    if (a.org != current) {
      current = a.org;
      out << "<h3>" << escape_html(unit_names[a.org]) << "</h3>\n";
    }
    out << "<div class=\"alert\"><div><b>" << escape_html(a.title) << "</b> " << tag(a.status) << "</div>\n<div>"
        << escape_html(a.message) << "</div>\n<div class=\"meta\">" << escape_html(a.id) << " · 规则 " << escape_html(a.rule)
        << " · 依据 " << escape_html(a.explanation.is_object() ? a.explanation.value("basis", "") : "") << " · 责任人 "
        << escape_html(a.owner_then_name.empty() ? "—" : a.owner_then_name) << " · 整改期限 " << escape_html(a.rectify_due)
        << (a.due.empty() ? "" : " · 期限 " + escape_html(a.due))
        << (a.provisional.empty() ? "" : " <span class=\"prov\">" + escape_html(a.provisional_note()) + "</span>")
        << "</div>\n<ol class=\"trail\">";
    for (auto& t : load_trail(store, a.id)) {
      auto to = ledger::status_from(t.to);
      out << "<li><span class=\"when\">" << escape_html(t.at.substr(0, 16)) << "</span>" << tag(t.to) << " "
          << escape_html(t.reason) << " <span class=\"muted\">— " << escape_html(t.actor_name == "system" ? "系统" : t.actor_name)
          << "</span></li>";
      (void)to;
    }
    out << "</ol></div>\n";
  }
  out << "<p class=\"legend\">本报告由 jiandu 生成，数据来自审计台账；每条轨迹记录均以哈希链相连，可用 jiandu verify 校验。</p>\n</body></html>\n";
}

}  // namespace jiandu::report
