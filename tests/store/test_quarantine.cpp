// The quarantine, managed (issue 17, item 11): a held record retried once what it lacked
// exists leaves the quarantine into the store; a dropped one stays, with who and why; an
// import in which every row was rejected says so.
#include <catch2/catch.hpp>
#include <SQLiteCpp/Database.h>

#include "store/store.h"
#include "support/cli.h"
#include "support/temp_dir.h"

using namespace jiandu;
using test::run_cli;

namespace {

const char* kOrgs = "id,parent,kind,name\nb1,,party_branch,第一党支部\n";
const char* kEvents =
    "id,ts,type,org,person,ref,attrs\n"
    "m1,2026-03-02T10:00,meeting.branch_committee,b2,,,\"{\"\"attendees\"\": 5}\"\n"
    "m2,2026-03-03T10:00,meeting.branch_committee,b2,,,\n"
    "m3,2026-03-04T10:00,meeting.branch_committee,b3,,,\n";

std::string query(const std::string& db, const std::string& sql) {
  SQLite::Database d(db);
  return d.execAndGet(sql).getString();
}

// A store with one unit, into which the three events that name another one were imported:
// all three are in the quarantine. `imported` is what that import printed, `rc` its exit.
struct Quarantined {
  test::TempDir dir;
  std::string db = dir.path("s.db");
  int rc = 0;
  std::string imported;
  Quarantined() {
    run_cli("init " + db, rc);
    run_cli("import --db " + db + " " + dir.write("orgs.csv", kOrgs), rc);
    imported = run_cli("import --db " + db + " " + dir.write("events.csv", kEvents), rc);
  }
};

}  // namespace

TEST_CASE_METHOD(Quarantined, "quarantine: an import of only bad rows says they were all rejected", "[store][quarantine]") {
  const std::string& out = imported;
  INFO(out);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("0 new records: all 3 records were rejected (jiandu quarantine list shows them)"));
  CHECK_THAT(out, !Catch::Contains("already in the store"));
}

TEST_CASE_METHOD(Quarantined, "quarantine: list, retry once the unit exists, drop with a reason; nothing is deleted",
                 "[store][quarantine]") {
  auto out = run_cli("quarantine list --db " + db, rc);
  INFO(out);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("#1 ") && Catch::Contains("#3 ") && Catch::Contains("unknown org 'b2'") &&
                      Catch::Contains("[unknown_org, batch 2, events]"));

  // A bare retry or drop must say which records: it never acts on everything by default.
  out = run_cli("quarantine retry --db " + db, rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("say which records to retry"));

  // Before the unit exists a retry changes nothing but the attempt: still held, exit 1.
  out = run_cli("quarantine retry --db " + db + " --all", rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("0 imported") && Catch::Contains("3 still held"));
  CHECK(query(db, "SELECT count(*) FROM rejected WHERE state = 'held'") == "3");

  // b2 arrives: its two records retry into the store; b3's stays held with its reason.
  run_cli("import --db " + db + " " + dir.write("orgs2.csv", "id,parent,kind,name\nb2,,party_branch,第二党支部\n"), rc);
  out = run_cli("quarantine retry --db " + db + " --all --by 王明", rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("2 imported") && Catch::Contains("1 still held") && Catch::Contains("unknown org 'b3'"));
  CHECK(query(db, "SELECT group_concat(id, ',') FROM (SELECT id FROM events ORDER BY id)") == "m1,m2");
  CHECK(
      query(
          db,
          "SELECT count(*) FROM rejected WHERE state = 'imported' AND settled_batch IS NOT NULL AND settled_by LIKE '王明 (account %)'") ==
      "2");
  CHECK(query(db, "SELECT count(*) FROM rejected") == "3");  // the rows stay
  out = run_cli("status --db " + db, rc);
  CHECK_THAT(out, Catch::Contains("quarantine: 1 records held"));

  // Dropping needs a reason that says something.
  out = run_cli("quarantine drop --db " + db + " --all --reason '　 '", rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("blank reason"));
  out = run_cli("quarantine drop --db " + db + " --code unknown_org --reason '该支部已撤销，记录作废'", rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("1 record dropped"));
  CHECK(query(db, "SELECT state || '|' || note FROM rejected WHERE raw LIKE 'm3,%'") == "dropped|该支部已撤销，记录作废");

  out = run_cli("quarantine list --db " + db, rc);
  CHECK_THAT(out, Catch::Contains("no record is held in quarantine"));
  out = run_cli("quarantine list --db " + db + " --settled", rc);
  CHECK_THAT(out,
             Catch::Contains("imported by 王明 (account ") && Catch::Contains("dropped by ") && Catch::Contains("该支部已撤销，记录作废"));
  // Settled rows are never retried again.
  out = run_cli("quarantine retry --db " + db + " --all", rc);
  CHECK_THAT(out, Catch::Contains("no held record matches"));
}

TEST_CASE_METHOD(Quarantined, "quarantine: a row kept before store version 7 cannot be retried, and says what to do",
                 "[store][quarantine]") {
  { SQLite::Database(db, SQLite::OPEN_READWRITE).exec("UPDATE rejected SET fields = NULL WHERE id = 1"); }
  auto out = run_cli("quarantine retry --db " + db + " 1", rc);
  INFO(out);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("#1: still held: kept without its fields") && Catch::Contains("import its file again, or drop it"));
}
