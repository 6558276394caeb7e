// A failed audit leaves a row of its own, so the operator's `status` says the last night
// failed and why (issue 17, item 9); an audit that commits afterwards clears the warning.
#include <catch2/catch.hpp>

#include "store/store.h"
#include "support/cli.h"
#include "support/temp_dir.h"

using jiandu::test::run_cli;

TEST_CASE("status: names the last failed audit until one commits", "[ledger][status]") {
  jiandu::test::TempDir dir;
  std::string db = dir.path("s.db");
  int rc = 0;
  run_cli("init " + db, rc);
  REQUIRE(rc == 0);
  auto broken = dir.write("rules/bad.yaml", "rules:\n  - id: x\n    kind: nonsense\n");
  auto out = run_cli("audit --rules " + dir.path("rules") + " --db " + db + " --as-of 2026-11-20", rc);
  CHECK(rc == 2);
  {
    auto s = jiandu::Store::open(db, jiandu::Store::Mode::read_only);
    CHECK(s->db().execAndGet("SELECT count(*) FROM runs").getInt() == 0);  // the audit itself wrote nothing
    CHECK(s->db().execAndGet("SELECT count(*) FROM failed_runs").getInt() == 1);
  }
  out = run_cli("status --db " + db, rc);
  INFO(out);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("last failed audit") && Catch::Contains("as of 2026-11-20") && Catch::Contains("the rules have errors"));
  // A good night afterwards: the failure is history, not the state.
  out = run_cli("audit --rules " + std::string(JIANDU_SOURCE_DIR) + "/rules --db " + db + " --as-of 2026-11-21", rc);
  CHECK(rc == 0);
  out = run_cli("status --db " + db, rc);
  CHECK(rc == 0);
  CHECK_THAT(out, !Catch::Contains("last failed audit"));
}
