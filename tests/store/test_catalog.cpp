// The store keeps its deployment catalog's text, by version (issue 17, items 1–2): a moved or
// edited file changes nothing; a new version is accepted explicitly, after every stored event
// is checked against it; --catalog means the same on every command.
#include <filesystem>

#include <catch2/catch.hpp>

#include "store/store.h"
#include "support/cli.h"
#include "support/old_store.h"
#include "support/temp_dir.h"

using namespace jiandu;
using test::run_cli;
namespace fs = std::filesystem;

namespace {

const char* kVisit = "types:\n  local.visit:\n    title: 走访群众\n    attrs: {households: int}\n";
const char* kVisitNote = "types:\n  local.visit:\n    title: 走访群众\n    attrs: {households: int, note: string}\n";
const char* kOther = "types:\n  local.survey:\n    title: 问卷调查\n    attrs: {answers: int}\n";

std::string records(const test::TempDir& dir) {
  dir.write("orgs.csv", "id,parent,kind,name\nb1,,party_branch,第一党支部\n");
  return dir.write("events.csv", "id,ts,type,org,person,ref,attrs\nv1,2026-03-02T10:00,local.visit,b1,,,\"{\"\"households\"\": 3}\"\n");
}

}  // namespace

TEST_CASE("catalog: kept as text, so moving or editing the file changes nothing", "[store][catalog]") {
  test::TempDir dir;
  std::string db = dir.path("s.db"), cat = dir.write("mine.yaml", kVisit);
  int rc = 0;
  run_cli("init " + db + " --catalog " + cat, rc);
  REQUIRE(rc == 0);
  auto ev = records(dir);
  auto out = run_cli("import --db " + db + " " + dir.path("orgs.csv") + " " + ev, rc);
  INFO(out);
  CHECK(rc == 0);
  fs::rename(cat, dir.path("moved.yaml"));
  out = run_cli("status --db " + db, rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("version 1: mine.yaml"));
  out = run_cli("catalog show --db " + db, rc);
  CHECK(out == kVisit);
  // Editing the moved file: the store still reads with its own text.
  dir.write("moved.yaml", kVisitNote);
  out = run_cli("catalog list --db " + db, rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("* version 1") && !Catch::Contains("version 2"));
}

TEST_CASE("catalog: another text is refused until accepted; accepting checks the stored events", "[store][catalog]") {
  test::TempDir dir;
  std::string db = dir.path("s.db"), cat = dir.write("mine.yaml", kVisit);
  int rc = 0;
  run_cli("init " + db, rc);
  auto ev = records(dir);
  // The first catalog comes with the import that needs it, in its transaction.
  auto out = run_cli("import --db " + db + " --catalog " + cat + " " + dir.path("orgs.csv") + " " + ev, rc);
  INFO(out);
  CHECK(rc == 0);
  CHECK(Store::open(db)->current_catalog()->version == 1);
  // Another text on import or check: refused, saying how to accept it; nothing written.
  auto note = dir.write("note.yaml", kVisitNote);
  out = run_cli("import --db " + db + " --catalog " + note + " " + ev, rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("not the event catalog the store keeps (version 1") &&
                      Catch::Contains("jiandu catalog accept --db " + db + " " + note));
  out = run_cli("check --rules " + std::string(JIANDU_SOURCE_DIR) + "/rules --db " + db + " --catalog " + note + " --as-of 2026-03-31", rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("jiandu catalog accept"));
  // A version that drops a type stored events use is refused, naming them.
  auto other = dir.write("other.yaml", kOther);
  out = run_cli("catalog accept --db " + db + " " + other, rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("1 stored event(s) would not fit") && Catch::Contains("event v1: unknown event type 'local.visit'"));
  CHECK(Store::open(db)->catalog_versions().size() == 1);
  // One that only adds is kept as version 2, and then the same file is accepted everywhere.
  out = run_cli("catalog accept --db " + db + " " + note + " --note 增加备注", rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("catalog version 2 kept"));
  run_cli("import --db " + db + " --catalog " + note + " " + ev, rc);
  CHECK(rc == 0);
  out = run_cli("catalog list --db " + db, rc);
  CHECK_THAT(out, Catch::Contains("  version 1") && Catch::Contains("* version 2") && Catch::Contains("增加备注"));
}

TEST_CASE("catalog: a failed import keeps no catalog", "[store][catalog]") {
  test::TempDir dir;
  std::string db = dir.path("s.db"), cat = dir.write("mine.yaml", kVisit);
  int rc = 0;
  run_cli("init " + db, rc);
  records(dir);
  auto bad = dir.write("bad.csv", "id,ts,type,org,person,ref,attrs\nx1,2026-13-01,local.visit,b1,,,\n");
  run_cli("import --strict --db " + db + " --catalog " + cat + " " + dir.path("orgs.csv") + " " + bad, rc);
  CHECK(rc == 1);
  CHECK(Store::open(db)->catalog_versions().empty());
}

TEST_CASE("catalog: a version-5 store naming a catalog file keeps that file's text when migrated", "[store][catalog]") {
  test::TempDir dir;
  std::string db = dir.path("old.db"), cat = dir.write("mine.yaml", kVisit);
  {
    auto s = Store::create(db);
    s->db().exec(
        std::string(test::kEventsBeforeVersion8) + test::kRejectedBeforeVersion7 +
        "CREATE INDEX rejected_file_line ON rejected(file, line); DROP TABLE catalogs; DROP TABLE failed_runs; PRAGMA user_version = 5;");
    s->set_meta("catalog", cat);
  }
  // With the file gone the migration stops, saying what to do, and changes nothing.
  fs::rename(cat, dir.path("away.yaml"));
  CHECK_THROWS_WITH(Store::open(db),
                    Catch::Contains("names its event catalog by the file " + cat) && Catch::Contains("Put the file back there"));
  {
    SQLite::Database raw(db);
    CHECK(Store::version_of(raw) == 5);
  }
  fs::rename(dir.path("away.yaml"), cat);
  auto s = Store::open(db);
  CHECK(Store::version_of(s->db()) == Store::kVersion);
  REQUIRE(s->current_catalog());
  CHECK(s->current_catalog()->text == kVisit);
  CHECK(s->current_catalog()->note == "migrated from " + cat);
  CHECK_FALSE(s->meta("catalog"));
  CHECK(s->catalog().find("local.visit"));
}

TEST_CASE("catalog: jiandu test --catalog reads the test records with the deployment's types", "[store][catalog][ruletest]") {
  test::TempDir dir;
  auto cat = dir.write("mine.yaml", kVisit);
  dir.write("rules/visits.yaml", R"(rules:
  - id: local.visit_small
    title: 走访户数过少
    basis: 本单位规定
    severity: low
    effective: {from: 2025-01-01}
    owner: branch_secretary
    kind: match
    when: event.type == "local.visit" && event.attrs.households < 5
    message: "{org.name} 走访仅 {event.attrs.households} 户"
)");
  dir.write("rules/visits.test.yaml", R"(tests:
  - name: 走访三户
    as_of: 2026-03-31
    orgs: [{id: b1, kind: party_branch, name: 第一党支部}]
    events:
      - {id: v1, ts: "2026-03-02T10:00", type: local.visit, org: b1, attrs: {households: 3}}
      - {id: v2, ts: "2026-03-03T10:00", type: local.visit, org: b1, attrs: {households: 8}}
    expect:
      - {rule: local.visit_small, subject: b1, outcome: violation, key: v1}
)");
  int rc = 0;
  auto out = run_cli("test " + dir.path("rules") + " --catalog " + cat, rc);
  INFO(out);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("1 passed, 0 failed"));
}
