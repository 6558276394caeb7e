// `jiandu gen` works from any folder (issue 17, item 13): its calendars are compiled into the
// binary, so nothing is read from the repository's rules/ — and the store it makes audits.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/cli.h"
#include "support/temp_dir.h"

TEST_CASE("gen: runs outside the repository, from a folder with nothing in it", "[store][gen]") {
  jiandu::test::TempDir dir;
  std::string cmd =
      "cd " + dir.path("") + " && " + JIANDU_BINARY + " gen --db city.db --units 8 --people 60 --years 1 --seed 5 > out.txt 2>&1";
  int status = std::system(cmd.c_str());
  std::ifstream in(dir.path("out.txt"));
  std::stringstream out;
  out << in.rdbuf();
  INFO(out.str());
  CHECK(status == 0);
  int rc = 0;
  auto status_out = jiandu::test::run_cli("status --db " + dir.path("city.db"), rc);
  INFO(status_out);
  CHECK(rc == 0);
  CHECK_THAT(status_out, Catch::Contains("events") && !Catch::Contains(" 0 events"));
}
