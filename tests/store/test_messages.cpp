// Messages a user can act on (issue 14, class 9): the file and line, in words, not a parser's
// type name or the library's bare text.
#include <catch2/catch.hpp>

#include "expr/parser.h"
#include "store/import.h"
#include "store/store.h"
#include "support/cli.h"
#include "support/temp_dir.h"

using namespace jiandu;
using test::run_cli;

TEST_CASE("messages: a CR-only CSV is numbered line by line", "[messages]") {
  test::TempDir dir;
  auto store = Store::create(dir.path("a.db"));
  auto orgs = dir.write("orgs.csv", "id,parent,kind,name\rcity,,city_committee,市委\rx,nowhere,organ,某局\r");
  auto r = import_files(*store, {orgs});
  REQUIRE(r.rejections.size() == 1);
  CHECK(r.rejections[0].line == 3);
}

TEST_CASE("messages: a bad \\u escape says what it needs", "[messages]") {
  auto r = expr::parse(R"(event.type == "\u12")");
  REQUIRE_FALSE(r.errors.empty());
  CHECK(r.errors[0].message.find("four hexadecimal digits") != std::string::npos);
  CHECK(r.errors[0].message.find("boost") == std::string::npos);
}

TEST_CASE("messages: an unknown argument is named before a missing one", "[messages]") {
  int rc = 0;
  auto out = run_cli("check --bogus", rc);
  CHECK(rc == 2);
  CHECK(out.find("unknown argument --bogus") != std::string::npos);
}

TEST_CASE("messages: a YAML value of the wrong shape names the file and line", "[messages]") {
  test::TempDir dir;
  dir.write("rules/a.yaml", "rules:\n  - id: x\n    title: t\n    {a: b}: c\n");
  dir.write("rules/policy/roles.yaml", "roles:\n  [x]: y\n");
  int rc = 0;
  auto out = run_cli("lint " + dir.path("rules"), rc);
  INFO(out);
  CHECK(rc != 0);
  CHECK(out.find("yaml-cpp") == std::string::npos);
  CHECK(out.find("roles.yaml:2:") != std::string::npos);
}
