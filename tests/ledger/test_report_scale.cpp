// The report an inspector can use at scale: every state counted per unit and rolled up per
// organ, units with the most open problems first, a table of contents, the overdue list with
// severity, lapse date and days overdue, A4 print and phone layouts, and nothing in English
// where people read.
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>

#include "base/vocabulary.h"
#include "ledger_fixture.h"
#include "report/html.h"
#include "report/integrity.h"
#include "report/labels.h"
#include "report/local_time.h"
#include "report/unit_counts.h"

using namespace jiandu;
using ledger::Act;

namespace {

report::AlertRow row(const std::string& org, const std::string& status, int level = 0, const std::string& rectify_due = "") {
  report::AlertRow a;
  a.id = "A-" + org + "-" + status;
  a.org = org;
  a.status = status;
  a.level = level;
  a.rectify_due = rectify_due;
  return a;
}

// b1: one reported rectified (待验收) and one letter overdue; b2: one waived, two months
// missing and overdue. The report is judged as of 2026-06-15, past every rectification date.
struct Scale : test::LedgerStore {
  Scale() : LedgerStore(std::string(test::kReplyRule) + std::string(test::kMonthlyRule).substr(7)) {
    events(test::meetings("o1.b1", 2026, {2, 3, 4, 5}) + test::meetings("o1.b2", 2026, {2, 5}) +
           test::event("L1", "2026-04-27T10:00", "inquiry.letter", "o1.b1", "p4", "hx1"));
    audit("2026-02-09");
    b1_jan = alert("t.monthly", "o1.b1", "2026-01");
    b2_jan = alert("t.monthly", "o1.b2", "2026-01");
    act(b1_jan, Act::resolve, "p1", "已补开");
    act(b2_jan, Act::waive, "p8", "不适用");
    audit("2026-05-20");
    letter_alert = letter("hx1|", "p4");
  }
  std::string html(const std::string& as_of = "2026-06-15") {
    std::ostringstream out;
    report::write_html(out, store(), {as_of, "监督检查报告"});
    return out.str();
  }
  std::string b1_jan, b2_jan, letter_alert;
};

// The text a reader sees: no style sheet, no tags.
std::string visible_text(const std::string& html) {
  std::string s = std::regex_replace(html, std::regex("<style>[\\s\\S]*?</style>"), " ");
  return std::regex_replace(s, std::regex("<[^>]*>"), " ");
}

}  // namespace

TEST_CASE("report: the counts hold every state; units roll up to their organ, or to themselves", "[report][ledger]") {
  test::LedgerStore s(test::kMonthlyRule);
  std::vector<report::AlertRow> rows{row("o1.b1", "rectified"),   row("o1.b2", "waived"),  row("o1.b2", "assigned", 0, "2026-05-20"),
                                     row("o1.b2", "in_progress"), row("city", "assigned"), row("o1", "escalated", 1, "2026-06-10"),
                                     row("o1.b1", "verified"),    row("o1.b1", "closed"),  row("o1.b1", "reopened")};
  auto t = report::tally(s.store(), rows, "2026-06-01");
  REQUIRE(t.units.size() == 4);
  // Most open first: b2 (2), then one each — ordered by overdue, then id.
  CHECK(t.units[0].org == "o1.b2");
  CHECK(t.units[0].open == 2);
  CHECK(t.units[0].overdue == 1);
  CHECK(t.units[0].of(ledger::Status::waived) == 1);
  CHECK(t.units[1].org == "city");
  CHECK(t.units[2].org == "o1");
  CHECK(t.units[2].escalated == 1);
  CHECK(t.units[3].org == "o1.b1");
  CHECK(t.units[3].of(ledger::Status::rectified) == 1);
  CHECK(t.units[3].of(ledger::Status::verified) == 1);
  CHECK(t.units[3].of(ledger::Status::closed) == 1);
  CHECK(t.units[3].of(ledger::Status::reopened) == 1);
  CHECK(t.units[3].organ == "o1");
  CHECK(t.units[3].organ_name == "江州市测试局");
  // The organ takes its own alerts and its units'; the city committee, under no organ, itself.
  REQUIRE(t.organs.size() == 2);
  CHECK(t.organs[0].org == "o1");
  CHECK(t.organs[0].units == 3);
  CHECK(t.organs[0].total == 8);
  CHECK(t.organs[0].open == 4);
  CHECK(t.organs[1].org == "city");
  CHECK(t.organs[1].units == 1);
  CHECK(t.all.total == 9);
  int sum = 0;
  for (int n : t.all.by_status) sum += n;
  CHECK(sum == 9);  // every alert is in exactly one state column
  CHECK(report::days_overdue(rows[2], "2026-06-01") == 12);
  CHECK(report::days_overdue(rows[5], "2026-06-01") == 0);
}

TEST_CASE("report: per-unit and per-organ tables with every state, most open first, linked from a table of contents", "[report][ledger]") {
  Scale s;
  std::string html = s.html();
  // The table of contents links to every section.
  for (std::string id : {"summary", "units", "roll-up", "forms", "overdue", "trails", "notes"}) {
    CHECK_THAT(html, Catch::Contains("href=\"#" + id + "\"") && Catch::Contains("id=\"" + id + "\""));
  }
  CHECK(html.find("<nav class=\"toc\">") < html.find("id=\"summary\""));
  for (auto st : report::kStatusOrder) CHECK_THAT(html, Catch::Contains(std::string("<th>") + report::status_column(st) + "</th>"));
  // b2 (two open) comes before b1 (one open) in the unit table and in the trails.
  auto units = html.substr(html.find("id=\"units\""), html.find("id=\"roll-up\"") - html.find("id=\"units\""));
  CHECK(units.find("综合处党支部") < units.find("办公室党支部"));
  CHECK(html.find("id=\"u-o1.b2\"") < html.find("id=\"u-o1.b1\""));
  CHECK_THAT(units, Catch::Contains("<a href=\"#u-o1.b2\">综合处党支部</a>"));
  // b2: 3 alerts, 2 open, 2 overdue; 2 assigned, 0 reopened, 0 in progress, 0 escalated, 0 rectified, 0 verified, 0 closed, 1 waived.
  std::string z = "<td class=\"z\">0</td>";
  CHECK_THAT(units, Catch::Contains("<td>江州市测试局</td><td class=\"n\">3</td><td class=\"n\">2</td><td class=\"n\">2</td>"
                                    "<td class=\"n\">2</td>" +
                                    z + z + z + z + z + z + "<td class=\"n\">1</td></tr>"));
  // b1: the rectified one awaits verification (待验收).
  CHECK_THAT(units, Catch::Contains("<td class=\"n\">1</td>" + z + z + z + "<td class=\"n\">1</td>" + z + z + z + "</tr>"));
  auto organs = html.substr(html.find("id=\"roll-up\""), html.find("id=\"forms\"") - html.find("id=\"roll-up\""));
  CHECK_THAT(organs, Catch::Contains("江州市测试局 <span class=\"muted\">o1</span></td><td class=\"n\">2</td><td class=\"n\">5</td>"));
  // The cards count what awaits verification and what was waived.
  CHECK_THAT(html, Catch::Contains("待验收<b>1</b>") && Catch::Contains("已豁免<b>1</b>"));
}

TEST_CASE("report: the overdue list shows severity, lapse date and days overdue, most overdue first, and the person to deal with",
          "[report][ledger]") {
  Scale s;
  std::string html = s.html();
  auto late = html.substr(html.find("id=\"overdue\""), html.find("id=\"trails\"") - html.find("id=\"overdue\""));
  for (const char* h : {"<th>严重程度</th>", "<th>发生日期</th>", "<th>逾期天数</th>", "<th>处理对象</th>"})
    CHECK_THAT(late, Catch::Contains(h));
  for (auto& a : report::load_alerts(s.store(), {"open", "", "", "", {}, ""})) {
    INFO(a.id << " " << a.rule << " rectify by " << a.rectify_due);
    REQUIRE(report::is_overdue(a, "2026-06-15"));
    auto at = late.find(">" + a.id + "</a>");
    REQUIRE(at != std::string::npos);
    auto tr = late.substr(at, late.find("</tr>", at) - at);
    int days = Date::parse("2026-06-15")->days - Date::parse(a.rectify_due)->days;
    CHECK_THAT(tr, Catch::Contains(">" + report::severity_label(a.severity) + "</td>") && Catch::Contains(">" + a.lapse_date + "</td>") &&
                       Catch::Contains("<td class=\"n\">" + std::to_string(days) + "</td>"));
    if (a.rule == "t.reply")
      CHECK_THAT(tr, Catch::Contains("<td>赵四</td>") && Catch::Contains(">高</td>"));
    else
      CHECK_THAT(tr, Catch::Contains("<td>周六</td>") && Catch::Contains(">中</td>"));
  }
  // Most overdue first: the March lapse before April's.
  auto mar = s.alert("t.monthly", "o1.b2", "2026-03"), apr = s.alert("t.monthly", "o1.b2", "2026-04");
  CHECK(late.find(mar) < late.find(apr));
  // The alert's own block names the person to be dealt with too.
  auto block = html.substr(html.find("id=\"a-" + s.letter_alert + "\""));
  CHECK_THAT(block.substr(0, block.find("</div>\n<ol")), Catch::Contains("处理对象 赵四") && Catch::Contains("责任职务 党支部书记"));
  // Judged as of the audit's own day, nothing is overdue yet.
  CHECK_THAT(s.html(""), Catch::Contains("无逾期未整改问题"));
}

TEST_CASE("report: prints on A4 with page numbers, rows never split, heads repeated; reads at 390 px", "[report][ledger]") {
  Scale s;
  std::string html = s.html();
  CHECK_THAT(html, Catch::Contains("@page { size: A4;") && Catch::Contains("counter(page)") && Catch::Contains("counter(pages)"));
  CHECK_THAT(html, Catch::Contains("tr { break-inside: avoid; }") && Catch::Contains("thead { display: table-header-group; }"));
  CHECK_THAT(html, Catch::Contains("@media (max-width: 600px)") && Catch::Contains(".cards { grid-template-columns: repeat(2, 1fr);") &&
                       Catch::Contains(".scroll { overflow-x: auto; }"));
  CHECK_THAT(html, Catch::Contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""));
  // Every table scrolls sideways on a phone instead of squeezing the page.
  size_t tables = 0, wrapped = 0;
  for (size_t at = html.find("<table>"); at != std::string::npos; at = html.find("<table>", at + 1)) {
    ++tables;
    wrapped += html.compare(at - 20, 20, "<div class=\"scroll\">") == 0;
  }
  CHECK(tables >= 4);
  CHECK(wrapped == tables);
  // A title cannot break out of the CSS string of the page footer.
  std::ostringstream out;
  report::write_html(out, s.store(), {"", "标题\"; } </style><b>x"});
  CHECK_THAT(out.str(), Catch::Contains("@bottom-left { content: \"标题\\22 \\3B  \\7D  \\3C \\2F style\\3E \\3C b\\3E x"));
  CHECK(out.str().find("</style><b>") == std::string::npos);
}

TEST_CASE("report: no English identifiers where people read; people's moments in the store's zone, named", "[report][ledger]") {
  Scale s;
  s.act(s.letter_alert, Act::ack, "p1", "已安排回复");
  std::string html = s.html();
  // Not even in attributes: no role, state or org-kind id anywhere in the file.
  std::vector<std::string> ids{"branch_secretary", "organ_committee_secretary", "discipline_secretary", "party_group_secretary",
                               "in_progress",      "organ_party_committee",     "party_branch",         "leadership_group"};
  for (auto& id : ids) CHECK_THAT(html, !Catch::Contains(id));
  // In the visible text, no snake_case id and no single-word id either.
  std::string text = visible_text(html);
  std::smatch m;
  CHECK_FALSE(std::regex_search(text, m, std::regex("[a-z]+_[a-z_]+")));
  INFO(m.str());
  for (std::string w : {"assigned", "escalated", "rectified", "verified", "closed", "reopened", "waived", "medium", "high", "missing",
                        "overdue", "system", "organ", "report", "member"})
    CHECK_FALSE(std::regex_search(text, std::regex("\\b" + w + "\\b")));
  for (auto& role : vocabulary().role_ids()) CHECK_THAT(text, !Catch::Contains(role));
  // The ack was a person's: its moment is shown in 北京时间, not as UTC.
  CHECK_THAT(text, Catch::Contains("（北京时间）") && !Catch::Contains("Z "));
  CHECK_FALSE(std::regex_search(text, std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d")));

  // The trail command too, but for its machine lines (the explanation's numbers, the rule set).
  std::ostringstream trail;
  report::write_trail(trail, s.store(), s.letter_alert, report::check_integrity(s.store()));
  std::istringstream lines(trail.str());
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  数值：", 0) == 0 || line.rfind("  证据记录：", 0) == 0 || line.rfind("  规则集 ", 0) == 0) continue;
    INFO(line);
    CHECK_FALSE(std::regex_search(line, std::regex("[a-z]+_[a-z_]+")));
    CHECK_FALSE(std::regex_search(line, std::regex("\\b(by|system|status|rule|owner|lapse|due|timeline|new|assigned|in_progress)\\b")));
    CHECK_FALSE(std::regex_search(line, std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d")));
  }
  CHECK_THAT(trail.str(), Catch::Contains("处理对象 赵四（p4）") && Catch::Contains("（北京时间）  明责·已交办 → 履责·整改中  张一"));
}

TEST_CASE("report: local moments are in the store's zone and say which", "[report]") {
  Zone sh("Asia/Shanghai"), utc("UTC"), ny("America/New_York");
  CHECK(report::local_moment("2026-12-01T12:33:05Z", sh) == "2026-12-01 20:33（北京时间）");
  CHECK(report::local_moment("2026-12-01T12:33:05Z", sh, true) == "2026-12-01 20:33:05（北京时间）");
  CHECK(report::local_moment("2026-12-01T18:10:00Z", sh) == "2026-12-02 02:10（北京时间）");  // the local day, not UTC's
  CHECK(report::local_moment("2026-12-01T12:33:05Z", utc) == "2026-12-01 12:33（协调世界时）");
  CHECK(report::local_moment("2026-07-01T12:00:00Z", ny) == "2026-07-01 08:00（America/New_York）");
  CHECK(report::local_moment("2026-11-21", sh) == "2026-11-21");  // an audit's day stays a day
  CHECK(report::local_moment("", sh) == "");
  CHECK(report::local_moment_bare("2026-12-01T12:33:05Z", sh) == "2026-12-01 20:33");
}
