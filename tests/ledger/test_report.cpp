// The ledger read back: the HTML report escapes what the records and rules say, and the
// alert lists and trail show what the ledger holds.
#include <algorithm>
#include <sstream>

#include <catch2/catch.hpp>

#include "ledger_fixture.h"
#include "report/html.h"
#include "report/integrity.h"
#include "report/ledger_view.h"

using namespace jiandu;

TEST_CASE("report: escape_html escapes the five characters", "[ledger][html]") {
  CHECK(report::escape_html(R"(<a href="x">Tom & Jerry's</a>)") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(report::escape_html("中文不变") == "中文不变");
}

TEST_CASE("report: names and messages are escaped in the HTML report; no raw script gets through", "[ledger][html]") {
  test::LedgerOptions o;
  o.orgs = std::string(test::kLedgerOrgs);
  o.orgs.replace(o.orgs.find("办公室党支部"), std::string("办公室党支部").size(), "<script>alert(1)</script>");
  o.people = std::string(test::kLedgerPeople);
  o.people.replace(o.people.find("张一"), std::string("张一").size(), "<img src=x onerror=alert(2)>");
  std::string rule = test::kMonthlyRule;
  rule.replace(rule.find(R"(message: "{org.name} {period.label} 未召开支部委员会会议")"),
               std::string(R"(message: "{org.name} {period.label} 未召开支部委员会会议")").size(),
               R"(message: "{org.name} {period.label} 未召开支部委员会会议 \"&'<>")");
  rule.replace(rule.find("title: 支部委员会会议每月至少一次"), std::string("title: 支部委员会会议每月至少一次").size(),
               "title: \"<b>支部委员会会议</b>\"");
  test::LedgerStore s(rule, o);
  s.events(test::meetings("o1.b2", 2026, {1}));
  s.audit("2026-02-09");  // January missing in b1
  s.audit("2026-03-02");  // and overdue (rectify by 02-28, a make-up Saturday): escalated
  auto a = s.alert("t.monthly", "o1.b1", "2026-01");
  REQUIRE(s.status(a) == "escalated");
  s.act(a, ledger::Act::ack, "p1", "<script>alert(3)</script> & \"note\"");

  std::ostringstream out;
  report::write_html(out, s.store(), {"", "<script>alert(4)</script>"});
  std::string html = out.str();
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  CHECK(lower.find("<script") == std::string::npos);
  CHECK(lower.find("<img") == std::string::npos);
  CHECK(html.find("<b>支部") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;alert(3)&lt;/script&gt; &amp; &quot;note&quot;"));
  CHECK_THAT(html, Catch::Contains("<title>&lt;script&gt;alert(4)&lt;/script&gt;</title>"));
  CHECK_THAT(html, Catch::Contains("&lt;img src=x onerror=alert(2)&gt;"));
  CHECK_THAT(html, Catch::Contains("未召开支部委员会会议 &quot;&amp;&#39;&lt;&gt;"));
  CHECK_THAT(html, Catch::Contains("&lt;b&gt;支部委员会会议&lt;/b&gt;"));
  CHECK(html.find("\"&'<>") == std::string::npos);
  CHECK(html.find("截至 2026-03-02") != std::string::npos);  // the last audit's date by default
}

TEST_CASE("report: the alert list filters by status, unit and rule, in three formats", "[ledger][html]") {
  test::LedgerStore s(std::string(test::kReplyRule) + std::string(test::kMonthlyRule).substr(7));
  s.events(test::event("L1", "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx1") +
           test::meetings("o1.b1", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) + test::meetings("o1.b2", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 10}));
  s.audit("2026-11-10");
  s.act(s.letter("hx1|", "p4"), ledger::Act::ack, "p1", "");
  CHECK(report::load_alerts(s.store(), {}).size() == 2);
  CHECK(report::load_alerts(s.store(), {"open", "", "", "", {}, ""}).size() == 2);
  CHECK(report::load_alerts(s.store(), {"in_progress", "", "", "", {}, ""}).size() == 1);
  CHECK(report::load_alerts(s.store(), {"", "o1.b2", "", "", {}, ""}).size() == 1);
  CHECK(report::load_alerts(s.store(), {"", "o1", "", "", {}, ""}).size() == 2);
  CHECK(report::load_alerts(s.store(), {"", "", "t.reply", "", {}, ""}).size() == 1);
  CHECK_THROWS_WITH(report::load_alerts(s.store(), {"", "nowhere", "", "", {}, ""}), Catch::Contains("--org nowhere: no such org unit"));
  auto rows = report::load_alerts(s.store(), {"", "o1.b2", "", "", {}, ""});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].owner_then_name == "周六");
  CHECK(rows[0].period == "2026-09");

  std::ostringstream csv, jsonl, table, trail;
  report::write_alerts_csv(csv, rows, s.store().zone());
  CHECK_THAT(csv.str(), Catch::StartsWith("\xEF\xBB\xBF预警编号,状态,规则编号,规则名称,"));
  CHECK_THAT(csv.str(), Catch::Contains(",明责·已交办,t.monthly,支部委员会会议每月至少一次,逾期未办,中,o1.b2,综合处党支部,单位,o1.b2,"
                                        "综合处党支部,2026-09,"));
  CHECK_THAT(csv.str(), Catch::Contains(",党支部书记,p6,周六,p6,周六,p6,周六,,,0,,"));
  report::write_alerts_jsonl(jsonl, rows);
  auto j = nlohmann::json::parse(jsonl.str());
  CHECK(j["subject"]["name"] == "综合处党支部");
  CHECK(j["form"].is_null());
  report::write_alerts_table(table, rows);
  CHECK_THAT(table.str(), Catch::StartsWith("预警") && Catch::Contains("明责·已交办") && Catch::EndsWith("共 1 条预警\n"));
  auto intact = report::check_integrity(s.store());
  report::write_trail(trail, s.store(), rows[0].id, intact);
  CHECK_THAT(trail.str(), Catch::Contains("责任职务 党支部书记：发生时 周六，现任 周六") && Catch::Contains("轨迹（时间为北京时间") &&
                              Catch::Contains("（新建） → 明责·已交办  系统"));
  CHECK_THAT(trail.str(), !Catch::Contains("警告") && !Catch::Contains("branch_secretary") && !Catch::Contains("by system"));
  CHECK_THROWS_WITH(report::write_trail(trail, s.store(), "A-nope", intact), Catch::Contains("no alert A-nope"));
}
