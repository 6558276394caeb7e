// Exports for spreadsheets: CSV that opens in Excel on Chinese Windows (BOM, Chinese headers,
// names beside ids, local times, no formula injection) for alerts and check alike, and an
// .xlsx workbook with the problem list and the per-unit counts.
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "ledger_fixture.h"
#include "report/csv.h"
#include "report/xlsx.h"
#include "support/cli.h"

using namespace jiandu;
using test::run_cli;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

uint32_t le(const std::string& s, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(s.at(at + i));
  return v;
}

// The names of a zip's members, from its central directory (no unpacking needed).
std::set<std::string> zip_names(const std::string& zip) {
  size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  REQUIRE(end != std::string::npos);
  size_t n = le(zip, end + 10, 2), at = le(zip, end + 16, 4);
  std::set<std::string> names;
  for (size_t i = 0; i < n; ++i) {
    REQUIRE(zip.compare(at, 4, std::string("PK\x01\x02", 4)) == 0);
    size_t name = le(zip, at + 28, 2), extra = le(zip, at + 30, 2), comment = le(zip, at + 32, 2);
    names.insert(zip.substr(at + 46, name));
    at += 46 + name + extra + comment;
  }
  return names;
}

// A member's text through `unzip -p`, or nullopt when unzip is not installed.
std::optional<std::string> unzip(const std::string& zip, const std::string& member) {
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) return std::nullopt;
  int rc = 0;
  std::string out;
  FILE* p = popen(("unzip -p '" + zip + "' '" + member + "'").c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  while (size_t k = fread(buf, 1, sizeof buf, p)) out.append(buf, k);
  rc = pclose(p);
  REQUIRE(rc == 0);
  return out;
}

// 办公室党支部 renamed to a formula, a letter to 赵四 acknowledged by 张一 (a person's moment).
struct Export : test::LedgerStore {
  static test::LedgerOptions options() {
    test::LedgerOptions o;
    o.orgs.replace(o.orgs.find("办公室党支部"), std::string("办公室党支部").size(), "\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"");
    return o;
  }
  Export() : LedgerStore(std::string(test::kReplyRule) + std::string(test::kMonthlyRule).substr(7), options()) {
    events(test::event("L1", "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx1") +
           test::meetings("o1.b1", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) + test::meetings("o1.b2", 2026, {1, 2, 3, 4, 5, 6, 7, 8, 10}));
    audit("2026-11-10");
    letter_alert = letter("hx1|", "p4");
    act(letter_alert, ledger::Act::ack, "p1", "已安排回复");
  }
  std::string letter_alert;
};

}  // namespace

TEST_CASE("csv: cells are quoted per RFC 4180 and never start a formula", "[report]") {
  CHECK(report::csv_cell("plain 中文") == "plain 中文");
  CHECK(report::csv_cell("a,b") == "\"a,b\"");
  CHECK(report::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(report::csv_cell("two\nlines") == "\"two\nlines\"");
  CHECK(report::csv_cell("=1+1") == "'=1+1");
  CHECK(report::csv_cell("+86") == "'+86");
  CHECK(report::csv_cell("-2") == "'-2");
  CHECK(report::csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(report::csv_cell("\tx") == "'\tx");
  CHECK(report::csv_cell("\rx") == "\"'\rx\"");
  CHECK(report::csv_cell("=HYPERLINK(\"u\",\"v\")") == "\"'=HYPERLINK(\"\"u\"\",\"\"v\"\")\"");
  CHECK(report::csv_cell("a=b") == "a=b");  // only a leading sign starts a formula
  CHECK(report::csv_cell("") == "");
  std::ostringstream row;
  report::write_csv_row(row, {"a", "b,c", ""});
  CHECK(row.str() == "a,\"b,c\",\r\n");
}

TEST_CASE("csv: alerts open in Excel on Chinese Windows: BOM, Chinese headers, names beside ids, local times, no formulas",
          "[report][ledger]") {
  Export s;
  int rc = -1;
  auto csv = run_cli("alerts --db " + s.path() + " --format csv", rc);
  CHECK(rc == 0);
  CHECK_THAT(csv, Catch::StartsWith("\xEF\xBB\xBF预警编号,状态,规则编号,规则名称,结果,严重程度,单位编号,单位,"));
  CHECK_THAT(csv, Catch::Contains(",责任职务,责任人编号（发生时）,责任人（发生时）,现责任人编号,现责任人,处理对象编号,处理对象,"));
  CHECK_THAT(csv, Catch::Contains("最近办理时间,轨迹校验\r\n"));
  std::istringstream lines(csv);
  std::string header, line, letter_row;
  std::getline(lines, header);
  size_t rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    CHECK_THAT(line, Catch::EndsWith("\r"));
    if (line.rfind(s.letter_alert, 0) == 0) letter_row = line;
  }
  CHECK(rows == 2);
  // The unit's name beside its id, neutralised; the people beside theirs; the ack in 北京时间.
  CHECK_THAT(letter_row, Catch::Contains(",o1.b1,\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\","));
  CHECK_THAT(letter_row, Catch::Contains(",履责·整改中,t.reply,函询应在5个工作日内回复,逾期未办,高,"));
  CHECK_THAT(letter_row, Catch::Contains(",个人,p4,赵四,") && Catch::Contains(",党支部书记,p1,张一,p1,张一,p4,赵四,"));
  CHECK_THAT(letter_row, Catch::Contains("（北京时间）,通过"));
  CHECK_THAT(csv, !Catch::Contains(",=") && !Catch::Contains("T0") && !Catch::Contains("branch_secretary"));
  // --out writes the same bytes to a file.
  run_cli("alerts --db " + s.path() + " --format csv --out " + s.dir.path("a.csv"), rc);
  CHECK(rc == 0);
  CHECK(slurp(s.dir.path("a.csv")) == csv);
}

TEST_CASE("csv: check's findings are the same kind of CSV", "[report][ledger]") {
  Export s;
  int rc = -1;
  auto csv = run_cli("check --rules " + s.dir.path("rules") + " --db " + s.path() + " --as-of 2026-11-10 --format csv", rc);
  CHECK(rc == 0);
  CHECK_THAT(csv,
             Catch::Contains("\xEF\xBB\xBF规则编号,结果,严重程度,对象类型,对象编号,对象,期间,键,期限,日期,证据记录,问题,日历说明\r\n"));
  CHECK_THAT(csv, Catch::Contains("t.reply,逾期未办,高,个人,p4,赵四,") &&
                      Catch::Contains("t.monthly,逾期未办,中,单位,o1.b2,综合处党支部,2026-09,"));
  CHECK_THAT(csv, !Catch::Contains(",=") && !Catch::Contains("overdue") && !Catch::Contains("medium"));
}

TEST_CASE("xlsx: the problem list, per-unit and per-organ counts as a workbook", "[report][ledger]") {
  Export s;
  std::string path = s.dir.path("预警.xlsx");
  report::write_xlsx(path, s.store(), report::load_alerts(s.store(), {}), "2026-11-30");
  std::string zip = slurp(path);
  REQUIRE(zip.size() > 1000);
  CHECK(zip.compare(0, 4, std::string("PK\x03\x04", 4)) == 0);
  auto names = zip_names(zip);
  for (const char* m : {"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                        "xl/sharedStrings.xml", "[Content_Types].xml"})
    CHECK(names.count(m));
  if (auto book = unzip(path, "xl/workbook.xml")) {
    CHECK_THAT(*book,
               Catch::Contains("name=\"预警清单\"") && Catch::Contains("name=\"各单位统计\"") && Catch::Contains("name=\"各机关汇总\""));
    auto strings = *unzip(path, "xl/sharedStrings.xml");
    for (const char* h : {"预警编号", "处理对象", "整改期限", "已升级问责", "待验收", "已豁免", "赵四", "履责·整改中"})
      CHECK_THAT(strings, Catch::Contains(h));
    CHECK_THAT(strings, Catch::Contains("=HYPERLINK"));  // a string cell, never a formula
    auto sheet = *unzip(path, "xl/worksheets/sheet1.xml");
    CHECK_THAT(sheet, Catch::Contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
    CHECK_THAT(sheet, Catch::Contains("<autoFilter ref=\"A1:AD3\"/>"));
    CHECK_THAT(sheet, !Catch::Contains("<f>"));
  } else {
    WARN("unzip is not installed: the workbook's members were listed, not read");
  }
}

TEST_CASE("xlsx: from the command line, alerts --format xlsx --out and report --xlsx", "[report][ledger]") {
  Export s;
  int rc = -1;
  auto out = run_cli("alerts --db " + s.path() + " --format xlsx", rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("give --out FILE.xlsx"));
  out = run_cli("alerts --db " + s.path() + " --format xlsx --out " + s.dir.path("a.xlsx"), rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("wrote " + s.dir.path("a.xlsx")));
  CHECK(zip_names(slurp(s.dir.path("a.xlsx"))).count("xl/worksheets/sheet1.xml"));
  out = run_cli("report --db " + s.path() + " --xlsx " + s.dir.path("r.xlsx"), rc);
  CHECK(rc == 0);
  CHECK(zip_names(slurp(s.dir.path("r.xlsx"))).count("xl/worksheets/sheet2.xml"));
  run_cli("report --db " + s.path(), rc);
  CHECK(rc == 2);
  out = run_cli("alerts --db " + s.path() + " --format xlsx --out " + s.dir.path("no/such/dir/a.xlsx"), rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("no/such/dir/a.xlsx"));
}
