#include "report/html.h"

#include "base/utf8.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "base/timestamp.h"
#include "base/vocabulary.h"
#include "ledger/trail.h"
#include "report/html_style.h"
#include "report/integrity.h"
#include "report/labels.h"
#include "report/ledger_view.h"
#include "report/local_time.h"
#include "report/unit_counts.h"

namespace jiandu::report {

std::string escape_html(const std::string& text) {
  std::string s = show_format_chars(text);  // a name reads as what it is
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

// An id usable as an HTML id and in a #link whatever the unit or alert id holds: letters,
// digits, '.', '-' kept, every other byte as _XX.
std::string anchor(const std::string& prefix, const std::string& id) {
  std::string s = prefix;
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '.' || c == '-')
      s += char(c);
    else
      s += fmt::format("_{:02X}", c);
  }
  return s;
}

// Text inside a CSS string: every ASCII byte but letters, digits and space as a hex escape, so
// nothing in it can end the string or the <style> element.
std::string css_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c >= 0x80 || std::isalnum(c) || c == ' ')
      o += char(c);
    else
      o += fmt::format("\\{:X} ", c);
  }
  return o + "\"";
}

// A state's tag, coloured by what it asks for (classes name colours, never state ids: the
// page carries no English identifiers at all).
std::string tag(const std::string& status) {
  auto s = ledger::status_from(status);
  const char* tone = !s                    ? ""
                     : ledger::is_open(*s) ? (*s == ledger::Status::escalated || *s == ledger::Status::reopened ? " red" : " amber")
                     : *s == ledger::Status::waived ? ""
                                                    : " green";
  return std::string("<span class=\"tag") + tone + "\">" + escape_html(status_text(status)) + "</span>";
}

const char* kAlteredTag = "<span class=\"tag altered\">已被改动</span>";

std::string or_dash(const std::string& s) { return s.empty() ? "—" : s; }

std::string num(int n) { return n ? "<td class=\"n\">" + std::to_string(n) + "</td>" : "<td class=\"z\">0</td>"; }

int severity_rank(const std::string& s) {
  static const std::map<std::string, int> rank{{"info", 0}, {"low", 1}, {"medium", 2}, {"high", 3}, {"critical", 4}};
  auto it = rank.find(s);
  return it == rank.end() ? -1 : it->second;
}

// The per-unit (or per-organ) counts: the open ones first, every state in its own column.
void counts_table(std::ostream& out, const std::vector<UnitCount>& rows, const UnitCount& all, bool organs) {
  out << "<div class=\"scroll\"><table><thead><tr><th>" << (organs ? "机关" : "单位") << "</th><th>" << (organs ? "单位数" : "所属机关")
      << "</th><th>预警</th><th>未办结</th><th>逾期</th>";
  for (auto s : kStatusOrder) out << "<th>" << status_column(s) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (auto& u : rows) {
    out << "<tr><td>";
    if (organs)
      out << escape_html(u.name);
    else
      out << "<a href=\"#" << anchor("u-", u.org) << "\">" << escape_html(u.name) << "</a>";
    out << " <span class=\"muted\">" << escape_html(u.org) << "</span></td>";
    if (organs)
      out << num(u.units);
    else
      out << "<td>" << escape_html(u.organ == u.org ? "—" : u.organ_name) << "</td>";
    out << num(u.total) << num(u.open) << num(u.overdue);
    for (int n : u.by_status) out << num(n);
    out << "</tr>\n";
  }
  out << "</tbody><tfoot><tr><td>合计</td><td class=\"n\">" << (organs ? std::to_string(rows.size()) : "") << "</td>" << num(all.total)
      << num(all.open) << num(all.overdue);
  for (int n : all.by_status) out << num(n);
  out << "</tr></tfoot></table></div>\n";
}

}  // namespace

void write_html(std::ostream& out, Store& store, const HtmlOptions& opts) {
  std::string as_of = opts.as_of.empty() ? last_audit_date(store) : opts.as_of;
  const Zone& zone = store.zone();
  auto alerts = load_alerts(store, {});
  auto integrity = check_integrity(store);
  mark_altered(alerts, integrity);
  auto t = tally(store, alerts, as_of);
  auto faults = load_last_run_faults(store);
  bool unjudged = faults && faults->total > 0;
  std::map<int, int> forms;
  for (auto& a : alerts)
    if (a.form) ++forms[*a.form];

  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<title>" << escape_html(opts.title) << "</title><style>" << kReportCss
      << "@page { size: A4; margin: 16mm 14mm 18mm;\n  @bottom-left { content: "
      << css_string(opts.title + (as_of.empty() ? "" : " 截至 " + as_of))
      << "; font-size: 8pt; color: #59636e; }\n  @bottom-right { content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"; "
         "font-size: 8pt; color: #59636e; } }\n</style></head><body>\n";

  // A trail that does not verify is said before anything else: what follows may be false.
  if (integrity.broken())
    out << "<div class=\"banner\" role=\"alert\">" << escape_html(integrity.warning())
        << "，本报告内容不可作为依据。被改动的记录已在“五、预警及其履责轨迹”中标为“已被改动”；请用 jiandu verify "
           "核查，并从备份恢复台账。</div>\n";

  out << "<h1>" << escape_html(opts.title) << "</h1>\n<div class=\"sub\">截至 " << escape_html(as_of.empty() ? "（尚无审计）" : as_of)
      << " · 问题清单 · 明责 → 履责 → 尽责 → 问责</div>\n";

  out << "<nav class=\"toc\"><b>目录</b><ol>";
  if (unjudged) out << "<li><a href=\"#unjudged\">未能判断的事项</a></li>";
  out << "<li><a href=\"#summary\">总体情况</a></li><li><a href=\"#units\">一、各单位问题统计</a></li>"
      << "<li><a href=\"#roll-up\">二、各机关汇总</a></li><li><a href=\"#forms\">三、“四种形态”建议分布</a></li>"
      << "<li><a href=\"#overdue\">四、逾期未整改清单</a></li><li><a href=\"#trails\">五、预警及其履责轨迹</a></li>"
      << "<li><a href=\"#notes\">说明</a></li></ol></nav>\n";

  // What the last audit could not judge comes first: the findings below are incomplete.
  if (unjudged) {
    out << "<h2 class=\"unjudged\" id=\"unjudged\">未能判断的事项</h2>\n<p class=\"warn\">第 " << faults->run << " 次审计（截至 "
        << escape_html(faults->as_of) << "）有 " << faults->total
        << " 项义务未能判断，以下问题清单因此不完整。请核实并更正相关记录后重新审计。</p>\n"
        << "<div class=\"scroll\"><table><thead><tr><th>规则</th><th>对象</th><th>记录</th><th>原因</th></tr></thead><tbody>\n";
    for (auto& f : faults->rows)
      out << "<tr><td class=\"nw\">" << escape_html(f.rule) << "</td><td>" << escape_html(f.subject_name)
          << (f.subject.empty() || f.subject == f.subject_name ? "" : " <span class=\"muted\">" + escape_html(f.subject) + "</span>")
          << "</td><td class=\"nw\">" << escape_html(f.event.empty() ? "—" : f.event) << "</td><td>" << escape_html(f.reason)
          << "</td></tr>\n";
    out << "</tbody></table></div>\n";
  }

  const UnitCount& all = t.all;
  out << "<h2 id=\"summary\">总体情况</h2>\n<div class=\"cards\">";
  for (auto [label, n, cls] : {std::tuple{"预警总数", all.total, ""},
                               {"未办结", all.open, "amber"},
                               {"逾期未整改", all.overdue, "red"},
                               {"已升级问责", all.escalated, "red"},
                               {"待验收", all.of(ledger::Status::rectified), "amber"},
                               {"已销号", all.of(ledger::Status::closed), "green"},
                               {"已豁免", all.of(ledger::Status::waived), ""}})
    out << "<div class=\"card " << cls << "\">" << label << "<b>" << n << "</b></div>";
  out << "</div>\n";

  out << "<h2 id=\"units\">一、各单位问题统计</h2>\n<p class=\"legend\">按未办结问题从多到少排列；单位名称链接到该单位的预警及轨迹。"
         "“未办结”为已交办、重新交办、整改中、已升级之和；“待验收”为已报整改、待纪检组织验收。</p>\n";
  counts_table(out, t.units, all, false);
  out << "<h2 id=\"roll-up\">二、各机关汇总</h2>\n<p class=\"legend\">各单位计入其所属机关；不属于任何机关的单位单列。</p>\n";
  counts_table(out, t.organs, all, true);

  out << "<h2 id=\"forms\">三、“四种形态”建议分布</h2>\n<div "
         "class=\"scroll\"><table><thead><tr><th>形态</th><th>建议次数</th></tr></thead><tbody>\n";
  int most = 1;
  for (auto& [f, n] : forms) most = std::max(most, n);
  for (int f = 1; f <= 4; ++f) {
    int n = forms.count(f) ? forms[f] : 0;
    static const char* names[] = {"", "第一种形态（批评教育、谈话提醒）", "第二种形态（轻处分、组织调整）",
                                  "第三种形态（重处分、重大职务调整）", "第四种形态（严重违纪涉嫌违法立案审查）"};
    out << "<tr><td>" << names[f] << "</td><td><span class=\"bar\" style=\"width:" << (n * 300 / most) << "px\"></span>" << n
        << "</td></tr>\n";
  }
  out << "</tbody></table></div>\n<p "
         "class=\"legend\">"
         "形态建议由问责升级时按政策文件“四种形态”阶梯给出，针对处理对象本人：首次为第一种形态，回溯期内每复发一次升一级。</p>\n";

  out << "<h2 id=\"overdue\">四、逾期未整改清单</h2>\n";
  std::vector<const AlertRow*> late;
  for (auto& a : alerts)
    if (is_overdue(a, as_of)) late.push_back(&a);
  std::stable_sort(late.begin(), late.end(), [&](const AlertRow* x, const AlertRow* y) {
    int dx = days_overdue(*x, as_of), dy = days_overdue(*y, as_of);
    if (dx != dy) return dx > dy;
    return severity_rank(x->severity) > severity_rank(y->severity);
  });
  if (late.empty()) {
    out << "<p class=\"muted\">无逾期未整改问题。</p>\n";
  } else {
    out << "<p class=\"legend\">截至 " << escape_html(as_of) << "，按逾期天数（自然日，自整改期限次日起算）从多到少排列。</p>\n"
        << "<div class=\"scroll\"><table><thead><tr><th>预警</th><th>单位</th><th>问题</th><th>严重程度</th><th>发生日期</th>"
           "<th>整改期限</th><th>逾期天数</th><th>责任人（发生时／现任）</th><th>处理对象</th><th>升级至</th><th>状态</th></tr></"
           "thead><tbody>\n";
    for (auto* a : late)
      out << "<tr><td class=\"nw\"><a href=\"#" << anchor("a-", a->id) << "\">" << escape_html(a->id) << "</a>"
          << (a->altered ? "<br>" + std::string(kAlteredTag) : "") << "</td><td>" << escape_html(a->org_name) << "</td><td>"
          << escape_html(a->message) << "</td><td class=\"nw" << (severity_rank(a->severity) >= 3 ? " hot" : "") << "\">"
          << escape_html(severity_label(a->severity)) << "</td><td class=\"nw\">" << escape_html(a->lapse_date) << "</td><td class=\"nw\">"
          << escape_html(a->rectify_due)
          << (a->provisional.empty() ? "" : "<br><span class=\"prov\">" + escape_html(a->provisional_note()) + "</span>")
          << "</td><td class=\"n\">" << days_overdue(*a, as_of) << "</td><td>" << escape_html(or_dash(a->owner_then_name)) << "／"
          << escape_html(or_dash(a->owner_now_name)) << "</td><td>" << escape_html(or_dash(a->target_name))
          << (a->form ? " · " + form_label(*a->form) : "") << "</td><td>" << escape_html(or_dash(a->escalated_to_name)) << "</td><td>"
          << tag(a->status) << "</td></tr>\n";
    out << "</tbody></table></div>\n";
  }

  out << "<h2 id=\"trails\">五、预警及其履责轨迹</h2>\n<p class=\"legend\">时间为" << escape_html(zone_label(zone))
      << "；审计生成的记录只记审计日期。</p>\n";
  std::map<std::string, std::vector<const AlertRow*>> by_unit;
  for (auto& a : alerts) by_unit[a.org].push_back(&a);
  for (auto& u : t.units) {
    out << "<h3 id=\"" << anchor("u-", u.org) << "\">" << escape_html(u.name) << " <span class=\"muted\">预警 " << u.total << "，未办结 "
        << u.open << "</span></h3>\n";
    // Rules go by their titles here; their ids (snake_case, for `jiandu explain`) are in the trail and the CSV.
    for (const AlertRow* a : by_unit[u.org]) {
      out << "<div class=\"alert" << (a->altered ? " altered" : "") << "\" id=\"" << anchor("a-", a->id) << "\"><div><b>"
          << escape_html(a->title) << "</b> " << tag(a->status) << (a->altered ? std::string(" ") + kAlteredTag : "") << "</div>\n<div>"
          << escape_html(a->message) << "</div>\n<div class=\"meta\">" << escape_html(a->id) << " · 严重程度 "
          << escape_html(severity_label(a->severity)) << " · 依据 "
          << escape_html(a->explanation.is_object() ? a->explanation.value("basis", "") : "");
      if (!a->owner_role.empty()) out << " · 责任职务 " << escape_html(vocabulary().role(a->owner_role));
      out << " · 责任人 " << escape_html(or_dash(a->owner_then_name));
      if (!a->target_name.empty() || !a->target.empty())
        out << " · 处理对象 " << escape_html(a->target_name.empty() ? a->target : a->target_name);
      if (a->form) out << " · 建议" << escape_html(form_label(*a->form));
      out << " · 发生日期 " << escape_html(a->lapse_date) << " · 整改期限 " << escape_html(or_dash(a->rectify_due))
          << (a->due.empty() ? "" : " · 期限 " + escape_html(a->due))
          << (a->provisional.empty() ? "" : " <span class=\"prov\">" + escape_html(a->provisional_note()) + "</span>")
          << "</div>\n<ol class=\"trail\">";
      for (auto& e : load_trail(store, a->id)) {
        bool bad = integrity.altered(e.id);
        out << "<li" << (bad ? " class=\"altered\"" : "") << "><span class=\"when\">" << escape_html(local_moment(e.at, zone)) << "</span>"
            << tag(e.to) << " " << escape_html(e.reason) << " <span class=\"muted\">— "
            << escape_html(e.actor == "system" ? "系统" : e.actor_name) << "</span>" << (bad ? std::string(" ") + kAlteredTag : "")
            << "</li>";
      }
      out << "</ol></div>\n";
    }
  }

  out << "<h2 id=\"notes\">说明</h2>\n<p class=\"legend\">本报告由 jiandu 于 " << escape_html(local_moment(now_utc(), zone))
      << " 生成，数据来自审计台账。";
  if (integrity.broken())
    out << "生成时轨迹哈希链校验未通过（见报告开头），轨迹记录已被改动，本报告内容不可作为依据。";
  else
    out << "生成时已校验全部 " << integrity.chain.entries << " 条轨迹记录的哈希链，未发现改动；可用 jiandu verify 复核。";
  out << "</p>\n</body></html>\n";
}

}  // namespace jiandu::report
