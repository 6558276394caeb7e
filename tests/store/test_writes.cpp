// Commands that write files or stores never claim what they did not do (issue 14, class 7),
// and names that would attack their reader are refused at import (class 8).
#include <filesystem>

#include <catch2/catch.hpp>

#include "base/utf8.h"
#include "store/import.h"
#include "store/store.h"
#include "support/cli.h"
#include "support/temp_dir.h"

using namespace jiandu;
using test::run_cli;

TEST_CASE("init: makes the store whole or not at all, and replaces an empty file", "[store][writes]") {
  test::TempDir dir;
  namespace fs = std::filesystem;
  std::string db = dir.path("a.db");
  dir.write("a.db", "");  // what a failed init of an earlier version left behind
  int rc = 0;
  auto out = run_cli("init " + db, rc);
  INFO(out);
  CHECK(rc == 0);
  CHECK(Store::version_of(Store::open(db)->db()) == Store::kVersion);
  // Nothing left beside it.
  for (auto& e : fs::directory_iterator(dir.path(""))) CHECK(e.path().filename().string().find("creating") == std::string::npos);
  run_cli("init " + db, rc);
  CHECK(rc == 2);
  // A new store beside an earlier store's anchor would disagree with it at its first audit.
  dir.write("c.db.anchor", "29 " + std::string(64, 'a') + " 2026-11-20T00:00:00Z\n");
  out = run_cli("init " + dir.path("c.db"), rc);
  CHECK(rc == 2);
  CHECK(out.find("anchor file of an earlier store") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path("c.db")));
  run_cli("init " + dir.path("no/such/folder/b.db"), rc);
  CHECK(rc == 2);
  CHECK_FALSE(fs::exists(dir.path("no")));
}

TEST_CASE("report: bad dates are refused, and a file is written whole or not at all", "[store][writes]") {
  test::TempDir dir;
  std::string db = dir.path("a.db");
  int rc = 0;
  run_cli("init " + db, rc);
  auto out = run_cli("report --db " + db + " --html " + dir.path("r.html") + " --as-of garbage", rc);
  CHECK(rc == 2);
  CHECK(out.find("not a date") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path("r.html")));
  out = run_cli("audit --rules " + std::string(JIANDU_SOURCE_DIR) + "/rules --db " + db + " --as-of ''", rc);
  CHECK(rc == 2);
  CHECK(out.find("not a date") != std::string::npos);
  out = run_cli("report --db " + db + " --html " + dir.path("no/such/r.html"), rc);
  CHECK(rc == 2);
  CHECK(out.find("no such folder") != std::string::npos);
  CHECK(out.find("wrote") == std::string::npos);
  // An existing report is replaced only by a whole one; a device is written to as it is.
  out = run_cli("report --db " + db + " --html /dev/null", rc);
  CHECK(rc == 0);
  CHECK(std::filesystem::is_character_file("/dev/null"));
}

TEST_CASE("import: ids and names with control or reordering characters are refused", "[store][writes]") {
  test::TempDir dir;
  auto store = Store::create(dir.path("a.db"));
  auto orgs = dir.write("orgs.csv",
                        "id,parent,kind,name\ncity,,city_committee,市委\nx1,city,organ,\x1b[31m红色\x1b[0m\n"
                        "x2,city,organ,报告\xE2\x80\xAE"
                        "fdp.exe\nx3,city,organ,正常的名字\n");
  auto r = import_files(*store, {orgs});
  CHECK(r.reasons["bad_text"] == 2);
  CHECK(store->db().execAndGet("SELECT count(*) FROM orgs").getInt() == 2);
  CHECK(terminal_safe("a\xE2\x80\xAE"
                      "b\x1b") == "a<U+202E>b\\x1b");
  CHECK(show_format_chars("报告\xE2\x80\xAE"
                          "fdp.exe") == "报告<U+202E>fdp.exe");
  CHECK(show_format_chars("普通文字") == "普通文字");
}
