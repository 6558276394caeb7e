// A trail that tells the truth: when the hash chain does not verify, the report opens with a
// red banner and marks the altered entries, trail and alerts say so first and mark them, and
// all three exit 1 (report keeps 3 when the last audit could not judge something).
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "ledger_fixture.h"
#include "report/html.h"
#include "support/cli.h"

using namespace jiandu;
using test::run_cli;

namespace {

// Two letters to 赵四, both overdue: two alerts, four trail entries or more.
struct Letters : test::LedgerStore {
  Letters(bool unjudged = false) : LedgerStore(test::kReplyRule) {
    events(test::event("L1", "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", unjudged ? "" : "hx1") +
           test::event("L2", "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx2") +
           test::event("L3", "2026-11-03T10:00", "inquiry.letter", "o1.b1", "p4", "hx3"));
    audit("2026-11-20");
    audit("2026-12-01");  // overdue: escalated
    altered = db().execAndGet("SELECT alert FROM trail WHERE id = 2").getString();
  }
  void tamper() { db().exec("UPDATE trail SET reason = 'x' WHERE id = 2"); }
  std::string html() {
    std::ostringstream out;
    report::write_html(out, store(), {"", "监督检查报告"});
    return out.str();
  }
  std::string file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }
  std::string altered;
};

}  // namespace

TEST_CASE("integrity: an intact trail: no banner, the footer says the chain was verified, commands exit 0", "[report][ledger]") {
  Letters s;
  std::string html = s.html();
  CHECK_THAT(html, !Catch::Contains("class=\"banner\"") && !Catch::Contains("已被改动") && !Catch::Contains("完整性校验未通过"));
  CHECK_THAT(html, Catch::Contains("未发现改动；可用 jiandu verify 复核"));
  int rc = -1;
  auto trail = run_cli("trail --db " + s.path() + " " + s.altered, rc);
  CHECK(rc == 0);
  CHECK_THAT(trail, !Catch::Contains("警告") && !Catch::Contains("已被改动"));
  auto alerts = run_cli("alerts --db " + s.path(), rc);
  CHECK(rc == 0);
  CHECK_THAT(alerts, Catch::StartsWith("预警") && !Catch::Contains("警告"));
  run_cli("report --db " + s.path() + " --html " + s.dir.path("r.html"), rc);
  CHECK(rc == 0);
}

TEST_CASE("integrity: a tampered entry: the report opens with the banner and marks the entry; the footer claims nothing",
          "[report][ledger]") {
  Letters s;
  s.tamper();
  std::string html = s.html();
  auto body = html.substr(html.find("<body>"));
  CHECK_THAT(body, Catch::StartsWith("<body>\n<div class=\"banner\" role=\"alert\">完整性校验未通过：第 2 条轨迹记录被改动"));
  CHECK_THAT(body.substr(0, body.find("</div>")), Catch::Contains("本报告内容不可作为依据"));
  // The altered entry, and only it, is marked in its alert's trail; the alert is marked too.
  auto block = html.substr(html.find("id=\"a-" + s.altered + "\""));
  block = block.substr(0, block.find("</ol></div>"));
  CHECK_THAT(block, Catch::Contains("<li class=\"altered\">") && Catch::Contains("<span class=\"tag altered\">已被改动</span>"));
  size_t marked = 0;
  for (size_t at = html.find("<li class=\"altered\">"); at != std::string::npos; at = html.find("<li class=\"altered\">", at + 1)) ++marked;
  CHECK(marked == 1);
  CHECK_THAT(block.substr(block.find("<li class=\"altered\">")), Catch::Contains(" x "));
  CHECK_THAT(
      html, !Catch::Contains("未发现改动") && !Catch::Contains("可用 jiandu verify 复核") && Catch::Contains("生成时轨迹哈希链校验未通过"));
}

TEST_CASE("integrity: a tampered entry: trail and alerts warn first, mark it, and exit 1; so does report", "[report][ledger]") {
  Letters s;
  s.tamper();
  int rc = -1;
  auto trail = run_cli("trail --db " + s.path() + " " + s.altered, rc);
  CHECK(rc == 1);
  CHECK_THAT(trail, Catch::StartsWith("警告：完整性校验未通过：第 2 条轨迹记录被改动"));
  CHECK_THAT(trail, Catch::Contains("本预警有 1 条记录未通过校验"));
  std::istringstream lines(trail);
  std::string line;
  int marks = 0;
  while (std::getline(lines, line))
    if (line.rfind("  #", 0) == 0 && line.find("【已被改动】") != std::string::npos) {
      ++marks;
      CHECK_THAT(line, Catch::StartsWith("  #2 "));
    }
  CHECK(marks == 1);
  // Another alert's trail is still told the chain is broken.
  std::string other = s.db().execAndGet("SELECT id FROM alerts WHERE id != '" + s.altered + "' LIMIT 1").getString();
  auto clean = run_cli("trail --db " + s.path() + " " + other, rc);
  CHECK(rc == 1);
  CHECK_THAT(clean, Catch::StartsWith("警告：完整性校验未通过") && !Catch::Contains("【已被改动】"));

  auto alerts = run_cli("alerts --db " + s.path(), rc);
  CHECK(rc == 1);
  CHECK_THAT(alerts, Catch::StartsWith("警告：完整性校验未通过：第 2 条轨迹记录被改动") &&
                         Catch::Contains("有 1 个的轨迹记录已被改动（以 ! 标出）"));
  CHECK_THAT(alerts, Catch::Contains("\n!  " + s.altered) && Catch::Contains("\n   " + other));
  CHECK_THAT(alerts, Catch::Contains("! 表示该预警的轨迹记录已被改动"));
  auto csv = run_cli("alerts --db " + s.path() + " --format csv", rc);
  CHECK(rc == 1);
  CHECK_THAT(csv, Catch::Contains(",已被改动\r\n") && Catch::Contains(",通过\r\n"));
  run_cli("alerts --db " + s.path() + " --format jsonl", rc);
  CHECK(rc == 1);

  auto out = run_cli("report --db " + s.path() + " --html " + s.dir.path("r.html"), rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("does not verify (entry 2)"));
  CHECK_THAT(s.file(s.dir.path("r.html")), Catch::Contains("class=\"banner\""));
}

TEST_CASE("integrity: a tampered store whose last audit could not judge something: report keeps exit 3", "[report][ledger]") {
  Letters s(true);
  s.tamper();
  int rc = -1;
  auto out = run_cli("report --db " + s.path() + " --html " + s.dir.path("r.html"), rc);
  CHECK(rc == 3);
  CHECK_THAT(out, Catch::Contains("could not judge") && Catch::Contains("does not verify"));
  std::string html = s.file(s.dir.path("r.html"));
  CHECK_THAT(html, Catch::Contains("class=\"banner\"") && Catch::Contains("未能判断的事项"));
  CHECK(html.find("class=\"banner\"") < html.find("未能判断的事项</h2>"));
}

TEST_CASE("integrity: the newest entries removed: the banner says so, with nothing to mark", "[report][ledger]") {
  Letters s;
  int64_t last = s.db().execAndGet("SELECT max(id) FROM trail").getInt64();
  s.db().exec("DELETE FROM trail WHERE id = " + std::to_string(last));
  std::string html = s.html();
  CHECK_THAT(html, Catch::Contains("完整性校验未通过：第 " + std::to_string(last) + " 条起的轨迹记录已被删除"));
  CHECK_THAT(html, !Catch::Contains("<li class=\"altered\">"));
}
