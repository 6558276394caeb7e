#include <catch2/catch.hpp>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "base/error.h"
#include "base/embedded.h"
#include "store/event_rows.h"
#include "store/import.h"
#include "store/store.h"
#include "support/old_store.h"
#include "support/temp_dir.h"

using namespace jiandu;

namespace {

std::string schema_of(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name");
  std::string out;
  while (q.executeStep()) {
    std::string sql = q.getColumn(2).getString(), flat;
    // Compare statements, not their comments and spacing.
    for (size_t i = 0; i < sql.size(); ++i) {
      if (sql.compare(i, 2, "--") == 0) {
        while (i < sql.size() && sql[i] != '\n') ++i;
      }
      if (i < sql.size() && !std::isspace(static_cast<unsigned char>(sql[i]))) flat += sql[i];
    }
    out += q.getColumn(0).getString() + " " + q.getColumn(1).getString() + ": " + flat + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("store: a new store has the current schema, WAL and foreign keys", "[store]") {
  test::TempDir dir;
  auto s = Store::create(dir.path("a.db"));
  CHECK(Store::version_of(s->db()) == Store::kVersion);
  CHECK(s->db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(s->db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(s->zone().name() == "Asia/Shanghai");
  CHECK(s->catalog().find("meeting.branch_committee") != nullptr);
  CHECK_THROWS_WITH(Store::create(dir.path("a.db")), Catch::Contains("already exists"));
}

TEST_CASE("store: a version-1 store is migrated on open to the same schema as a new one", "[store]") {
  test::TempDir dir;
  { Store::create(dir.path("fresh.db")); }
  {
    // A store as version 1 left it: no ledger tables (version 2), no checkpoint (version 3),
    // no run faults (version 4), no accounts (version 5), no kept catalog (version 6), an
    // unmanaged quarantine (version 7).
    auto s = Store::create(dir.path("old.db"));
    s->db().exec(std::string(test::kEventsBeforeVersion8) + test::kRejectedBeforeVersion7 +
                 "DROP TABLE failed_runs; DROP TABLE catalogs; DROP TABLE logins; DROP TABLE api_tokens; DROP TABLE web_sessions; DROP "
                 "TABLE users; DROP TABLE run_faults; DROP TABLE evidence_files; DROP TABLE checkpoint_findings; DROP TABLE checkpoint; "
                 "DROP TABLE trail; DROP TABLE alert_keys; DROP TABLE alerts; DROP TABLE runs; "
                 "PRAGMA user_version = 1;");
    s->db().exec("INSERT INTO batches(started, files) VALUES('2024-01-01T00:00:00Z', '[]')");
    s->db().exec("INSERT INTO orgs(id, kind, name, batch) VALUES('o1', 'organ', '市财政局', 1)");
  }
  auto migrated = Store::open(dir.path("old.db"));
  auto fresh = Store::open(dir.path("fresh.db"));
  CHECK(Store::version_of(migrated->db()) == Store::kVersion);
  CHECK(schema_of(migrated->db()) == schema_of(fresh->db()));
  CHECK(migrated->db().execAndGet("SELECT name FROM orgs WHERE id = 'o1'").getString() == "市财政局");
}

TEST_CASE("store: a version-2 store gains the checkpoint, run faults and due dates and keeps its ledger", "[store]") {
  test::TempDir dir;
  { Store::create(dir.path("fresh.db")); }
  {
    auto s = Store::create(dir.path("v2.db"));
    // The ledger tables as version 2 made them.
    s->db().exec(
        std::string(test::kEventsBeforeVersion8) + test::kRejectedBeforeVersion7 +
        "DROP TABLE failed_runs; DROP TABLE catalogs; DROP TABLE logins; DROP TABLE api_tokens; DROP TABLE web_sessions; DROP TABLE users; "
        "DROP TABLE run_faults; DROP TABLE evidence_files; DROP TABLE checkpoint_findings; DROP TABLE checkpoint; DROP TABLE trail; "
        "DROP TABLE alert_keys; DROP TABLE alerts; DROP TABLE runs;");
    s->db().exec(std::string(embedded("schemas/migrations/0002.sql")));
    s->db().exec("PRAGMA user_version = 2;");
    s->db().exec("INSERT INTO runs(started, as_of, rules_hash, watermark) VALUES('2026-11-01T00:00:00Z', '2026-10-31', 'h', 0)");
  }
  auto migrated = Store::open(dir.path("v2.db"));
  auto fresh = Store::open(dir.path("fresh.db"));
  CHECK(Store::version_of(migrated->db()) == Store::kVersion);
  CHECK(schema_of(migrated->db()) == schema_of(fresh->db()));
  CHECK(migrated->db().execAndGet("SELECT as_of FROM runs").getString() == "2026-10-31");
  CHECK(migrated->db().execAndGet("SELECT count(*) FROM checkpoint").getInt() == 0);
}

TEST_CASE("store: a version-6 store calls a deadline's overdue missing and holds its quarantine", "[store]") {
  test::TempDir dir;
  { Store::create(dir.path("fresh.db")); }
  {
    auto s = Store::create(dir.path("v6.db"));
    s->db().exec(std::string(test::kEventsBeforeVersion8) + test::kRejectedBeforeVersion7 +
                 "CREATE INDEX rejected_file_line ON rejected(file, line); PRAGMA user_version = 6;");
    s->db().exec(R"(INSERT INTO batches(started, files) VALUES('2026-11-01T00:00:00Z', '[]');
      INSERT INTO rejected(batch, file, line, kind, code, reason, raw) VALUES(1, 'e.csv', 2, 'events', 'unknown_org', 'unknown org', 'e1,x');
      INSERT INTO runs(started, as_of, rules_hash, watermark) VALUES('2026-11-01T00:00:00Z', '2026-10-31', 'h', 0);
      INSERT INTO alerts(id, key, rule, outcome, subject_type, subject_id, severity, title, message, status, lapse_date,
                         explanation, first_run, last_run)
        VALUES('A1', 'k1', 'r', 'overdue', 'org', 'o1', 'high', 't', 'm', 'assigned', '2026-10-01', '{"outcome":"overdue","rule":"r"}', 1, 1),
              ('A2', 'k2', 'r', 'late', 'org', 'o1', 'high', 't', 'm', 'closed', '2026-10-01', '{"outcome":"late"}', 1, 1);)");
  }
  auto migrated = Store::open(dir.path("v6.db"));
  auto fresh = Store::open(dir.path("fresh.db"));
  CHECK(schema_of(migrated->db()) == schema_of(fresh->db()));
  auto& db = migrated->db();
  CHECK(db.execAndGet("SELECT group_concat(outcome, ',') FROM (SELECT outcome FROM alerts ORDER BY id)").getString() == "missing,late");
  CHECK(db.execAndGet("SELECT json_extract(explanation, '$.outcome') FROM alerts WHERE id = 'A1'").getString() == "missing");
  CHECK(db.execAndGet("SELECT json_extract(explanation, '$.rule') FROM alerts WHERE id = 'A1'").getString() == "r");
  CHECK(db.execAndGet("SELECT state FROM rejected").getString() == "held");
}

TEST_CASE("store: a version-7 store's events are stored in time order by the migration, nothing lost", "[store]") {
  test::TempDir dir;
  { Store::create(dir.path("fresh.db")); }
  const char* rows =
      "SELECT group_concat(seq || ':' || id || ':' || ts || ':' || type || ':' || coalesce(person, '-') || ':' || attrs, ' ') "
      "FROM (SELECT * FROM events ORDER BY seq)";
  std::string before;
  {
    auto s = Store::create(dir.path("v7.db"));
    s->db().exec(std::string(test::kEventsBeforeVersion8) + "PRAGMA user_version = 7;");
    // Arrived out of time order: the late report e3 (seq 3) happened first.
    s->db().exec(R"(INSERT INTO batches(started, files) VALUES('2026-11-01T00:00:00Z', '[]');
      INSERT INTO orgs(id, kind, name, batch) VALUES('o1', 'organ', '市财政局', 1);
      INSERT INTO people(id, name, org, batch) VALUES('p1', '张三', 'o1', 1);
      INSERT INTO events(id, ts, utc_offset, type, org, person, attrs, batch) VALUES
        ('e1', 200, 28800, 'meeting.branch_committee', 'o1', NULL, '{}', 1),
        ('e2', 300, 28800, 'expense.meal', 'o1', 'p1', '{"amount":5}', 1),
        ('e3', 100, 28800, 'expense.meal', 'o1', 'p1', '{"amount":7}', 1);)");
    before = s->db().execAndGet(rows).getString();
  }
  auto migrated = Store::open(dir.path("v7.db"));
  auto fresh = Store::open(dir.path("fresh.db"));
  CHECK(Store::version_of(migrated->db()) == Store::kVersion);
  CHECK(schema_of(migrated->db()) == schema_of(fresh->db()));
  auto& db = migrated->db();
  CHECK(db.execAndGet(rows).getString() == before);  // every row and column as it was
  // The table itself is the (ts, seq) order: reading in time order needs no sort.
  const char* in_time = "SELECT group_concat(id, ',') FROM (SELECT id FROM events ORDER BY ts, seq)";
  CHECK(db.execAndGet(in_time).getString() == "e3,e1,e2");
  SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT * FROM events ORDER BY ts, seq");
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "; ";
  CHECK(steps.find("TEMP B-TREE") == std::string::npos);
  CHECK(steps.find("INDEX") == std::string::npos);
  // The next event arrives as seq 4, wherever its time falls.
  EventWriter(db, 1).insert("e4", 150, 28800, "expense.meal", "o1", std::nullopt, std::nullopt, "{}");
  CHECK(db.execAndGet("SELECT seq FROM events WHERE id = 'e4'").getInt64() == 4);
  CHECK(db.execAndGet(in_time).getString() == "e3,e4,e1,e2");
}

TEST_CASE("store: a version-8 store's units, people and events get their numbers; new ones the next", "[store]") {
  test::TempDir dir;
  { Store::create(dir.path("fresh.db")); }
  {
    auto s = Store::create(dir.path("v8.db"));
    s->db().exec(std::string(test::kEventsBeforeVersion9) + "PRAGMA user_version = 8;");
    s->db().exec(R"(INSERT INTO batches(started, files) VALUES('2026-11-01T00:00:00Z', '[]');
      INSERT INTO orgs(id, kind, name, batch) VALUES('o2', 'organ', '市教育局', 1), ('o1', 'organ', '市财政局', 1);
      INSERT INTO people(id, name, org, batch) VALUES('p2', '李四', 'o2', 1), ('p1', '张三', 'o1', 1);
      INSERT INTO events(seq, id, ts, utc_offset, type, org, person, attrs, batch) VALUES
        (1, 'e1', 200, 28800, 'meeting.branch_committee', 'o1', NULL, '{}', 1),
        (2, 'e2', 300, 28800, 'expense.meal', 'o2', 'p2', '{"amount":5}', 1),
        (3, 'e3', 100, 28800, 'expense.meal', 'o1', 'p1', '{"amount":7}', 1);)");
  }
  auto migrated = Store::open(dir.path("v8.db"));
  auto fresh = Store::open(dir.path("fresh.db"));
  CHECK(Store::version_of(migrated->db()) == Store::kVersion);
  CHECK(schema_of(migrated->db()) == schema_of(fresh->db()));
  auto& db = migrated->db();
  // Numbered in the order they were stored, each event carrying its unit's and person's.
  CHECK(db.execAndGet("SELECT group_concat(id || '=' || no, ',') FROM (SELECT id, no FROM orgs ORDER BY no)").getString() == "o2=1,o1=2");
  CHECK(db.execAndGet("SELECT group_concat(id || '=' || no, ',') FROM (SELECT id, no FROM people ORDER BY no)").getString() == "p2=1,p1=2");
  CHECK(
      db.execAndGet("SELECT group_concat(id || ':' || org_no || ':' || coalesce(person_no, '-'), ',') FROM (SELECT * FROM events ORDER BY "
                    "seq)")
          .getString() == "e1:2:-,e2:1:1,e3:2:2");
  // What is imported afterwards is numbered next, and its events carry the numbers.
  ImportOptions opts;
  test::TempDir in;
  import_files(
      *migrated,
      {in.write("orgs.csv", "id,parent,kind,name\no3,,organ,市审计局\n"), in.write("people.csv", "id,name,org\np3,王五,o3\n"),
       in.write("events.csv", "id,ts,type,org,person,attrs\ne4,2026-11-02T09:00:00+08:00,expense.meal,o3,p3,\"{\"\"amount\"\":9}\"\n")},
      opts);
  CHECK(db.execAndGet("SELECT no FROM orgs WHERE id = 'o3'").getInt64() == 3);
  CHECK(db.execAndGet("SELECT no FROM people WHERE id = 'p3'").getInt64() == 3);
  CHECK(db.execAndGet("SELECT org_no || ':' || person_no FROM events WHERE id = 'e4'").getString() == "3:3");
}

TEST_CASE("store: a newer store is refused with a clear message", "[store]") {
  test::TempDir dir;
  { Store::create(dir.path("new.db"))->db().exec("PRAGMA user_version = 99"); }
  CHECK_THROWS_WITH(Store::open(dir.path("new.db")), Catch::Contains("version 99, written by a newer jiandu"));
}

TEST_CASE("store: a read-only open does not migrate", "[store]") {
  test::TempDir dir;
  {
    auto s = Store::create(dir.path("old.db"));
    s->db().exec(
        "DROP TABLE run_faults; DROP TABLE evidence_files; DROP TABLE checkpoint_findings; DROP TABLE checkpoint; DROP TABLE trail; DROP "
        "TABLE alert_keys; DROP TABLE alerts; DROP TABLE runs; "
        "PRAGMA user_version = 1;");
  }
  CHECK_THROWS_WITH(Store::open(dir.path("old.db"), Store::Mode::read_only), Catch::Contains("needs migrating"));
}

TEST_CASE("store: missing files and non-stores are named", "[store]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(Store::open(dir.path("none.db")), Catch::Contains("no such store"));
  dir.write("junk.db", "this is not sqlite at all, just some text that is long enough to be a header......");
  CHECK_THROWS_WITH(Store::open(dir.path("junk.db")), Catch::Contains("not a jiandu store"));
  CHECK_THROWS_WITH(Store::create(dir.path("z.db"), "Nowhere/Zone"), Catch::Contains("unknown time zone"));
}

TEST_CASE("store: a deployment catalog is checked and remembered", "[store][catalog]") {
  test::TempDir dir;
  auto cat = dir.write("mine.yaml", "types:\n  local.visit:\n    title: 走访\n    attrs: {households: int}\n");
  { Store::create(dir.path("a.db"), "Asia/Shanghai", cat); }
  auto s = Store::open(dir.path("a.db"));
  REQUIRE(s->catalog().find("local.visit"));
  CHECK(s->catalog().find("local.visit")->attr("households")->type == AttrType::int_);
  CHECK(s->catalog().find("meeting.group"));  // the built-in types remain

  auto bad = dir.write("bad.yaml", "types:\n  x.y:\n    attrs: {n: integer}\n");
  CHECK_THROWS_WITH(Store::create(dir.path("b.db"), "Asia/Shanghai", bad),
                    Catch::Contains("bad.yaml:3:16: error: unknown attribute type 'integer'"));
}
