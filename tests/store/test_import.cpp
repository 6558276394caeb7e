#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "store/import.h"
#include "support/temp_dir.h"

using namespace jiandu;

namespace {

const char* kOrgs = "id,parent,kind,name\nb1,o1,party_branch,办公室党支部\no1,,organ,市财政局\n";
const char* kPeople = "id,name,org\np1,张三,b1\np2,李四,o1\n";
const char* kRoles = "person,org,role,from,to\np1,b1,branch_secretary,2024-01-01,\np2,o1,division_head,2023-05-01,2024-06-30\n";
const char* kEvents =
    "id,ts,type,org,person,ref,attrs\n"
    "e1,2024-01-15T09:00,meeting.branch_committee,b1,p1,,\"{\"\"attendees\"\": 5}\"\n"
    "e2,2024-02-10,party_day.themed,b1,,,\n";

struct Fixture {
  test::TempDir dir;
  std::unique_ptr<Store> store = Store::create(dir.path("s.db"));
  int64_t count(const char* table) { return store->db().execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64(); }
  ImportReport import(std::vector<std::string> files, ImportOptions o = {}) { return import_files(*store, files, o); }
  std::vector<std::string> base() {
    return {dir.write("orgs.csv", kOrgs), dir.write("people.csv", kPeople), dir.write("roles.csv", kRoles)};
  }
};

}  // namespace

TEST_CASE("import: each kind from CSV, parents before children whatever the order", "[import]") {
  Fixture f;
  auto files = f.base();
  files.push_back(f.dir.write("events.csv", kEvents));
  std::reverse(files.begin(), files.end());  // events named first: still imported last
  auto r = f.import(files);
  CHECK(r.committed);
  CHECK(r.rejections.empty());
  CHECK(r.counts[RecordKind::orgs].added == 2);
  CHECK(r.counts[RecordKind::people].added == 2);
  CHECK(r.counts[RecordKind::roles].added == 2);
  CHECK(r.counts[RecordKind::events].added == 2);
  CHECK(f.store->db().execAndGet("SELECT attrs FROM events WHERE id = 'e1'").getString() == R"({"attendees":5})");
  CHECK(f.store->db().execAndGet("SELECT valid_to IS NULL FROM roles WHERE person = 'p1'").getInt() == 1);
}

TEST_CASE("import: each kind from JSONL", "[import]") {
  Fixture f;
  auto r = f.import({
      f.dir.write("orgs.jsonl", R"({"id":"o1","parent":null,"kind":"organ","name":"市财政局"})"
                                "\n"),
      f.dir.write("people.jsonl", R"({"id":"p1","name":"张三","org":"o1"})"
                                  "\n"),
      f.dir.write("roles.jsonl", R"({"person":"p1","org":"o1","role":"party_group_secretary","from":"2024-01-01","to":null})"
                                 "\n"),
      f.dir.write(
          "events.jsonl",
          R"({"id":"e1","ts":"2024-01-15T09:00:00+08:00","type":"expense.meal","org":"o1","person":"p1","attrs":{"amount":120.5,"public_funds":true}})"
          "\n"
          "\n"
          R"({"id":"e2","ts":"2024-01-16","type":"meeting.group","org":"o1"})"
          "\n"),
  });
  CHECK(r.rejections.empty());
  CHECK(f.count("orgs") == 1);
  CHECK(f.count("roles") == 1);
  CHECK(f.count("events") == 2);
  CHECK(f.store->db().execAndGet("SELECT attrs FROM events WHERE id = 'e1'").getString() == R"({"amount":120.5,"public_funds":true})");
}

TEST_CASE("import: the kind comes from --kind, else the file name, else the header", "[import]") {
  Fixture f;
  f.import(f.base());
  auto by_header = f.dir.write("2024-q1.csv", kEvents);
  CHECK(f.import({by_header}).counts[RecordKind::events].added == 2);
  auto forced = f.dir.write("misc.jsonl", R"({"id":"e9","ts":"2024-01-16","type":"meeting.group","org":"b1"})"
                                          "\n");
  ImportOptions o;
  o.kind = RecordKind::events;
  CHECK(f.import({forced}, o).counts[RecordKind::events].added == 1);
  auto unknown = f.dir.write("misc.csv", "a,b\n1,2\n");
  CHECK_THROWS_WITH(f.import({unknown}), Catch::Contains("cannot tell the kind of records"));
}

TEST_CASE("import: the same file twice adds nothing the second time", "[import]") {
  Fixture f;
  auto files = f.base();
  files.push_back(f.dir.write("events.csv", kEvents));
  f.import(files);
  auto again = f.import(files);
  CHECK(again.committed);
  CHECK(again.added() == 0);
  CHECK(again.counts[RecordKind::events].unchanged == 2);
  CHECK(again.counts[RecordKind::orgs].unchanged == 2);
  CHECK(f.count("events") == 2);
}

TEST_CASE("import: the same id with other content is a conflict, quarantined, not overwritten", "[import]") {
  Fixture f;
  auto files = f.base();
  files.push_back(f.dir.write("events.csv", kEvents));
  f.import(files);
  auto changed = f.dir.write("events-fix.csv", "id,ts,type,org,person,ref,attrs\ne1,2024-01-15T10:00,meeting.branch_committee,b1,p1,,\n");
  auto r = f.import({changed});
  REQUIRE(r.rejections.size() == 1);
  CHECK(r.rejections[0].code == "conflict");
  CHECK(r.rejections[0].line == 2);
  CHECK(f.store->db().execAndGet("SELECT ts FROM events WHERE id = 'e1'").getInt64() ==
        f.store->db().execAndGet("SELECT strftime('%s', '2024-01-15 01:00:00')").getInt64());
  CHECK(f.count("rejected") == 1);
  auto org = f.dir.write("orgs2.csv", "id,parent,kind,name\no1,,organ,市教育局\n");
  CHECK(f.import({org}).rejections.at(0).code == "conflict");
}

TEST_CASE("import: an open role assignment may be ended later", "[import]") {
  Fixture f;
  f.import(f.base());
  auto ended = f.dir.write("roles-2.csv", "person,org,role,from,to\np1,b1,branch_secretary,2024-01-01,2024-09-30\n");
  auto r = f.import({ended});
  CHECK(r.counts[RecordKind::roles].closed == 1);
  CHECK(f.store->db().execAndGet("SELECT valid_to FROM roles WHERE person = 'p1'").getString() == "2024-09-30");
  auto other = f.dir.write("roles-3.csv", "person,org,role,from,to\np1,b1,branch_secretary,2024-01-01,2024-10-31\n");
  CHECK(f.import({other}).rejections.at(0).code == "conflict");
}

TEST_CASE("import: every kind of bad record is quarantined with its line and reason", "[import]") {
  Fixture f;
  f.import(f.base());
  auto events = f.dir.write("events.csv",
                            "id,ts,type,org,person,ref,attrs\n"
                            "e1,2024-01-15T09:00,meeting.branch_committee,b1,p1,,\n"                // 2 good
                            ",2024-01-15,meeting.group,b1,,,\n"                                     // 3 missing id
                            "e3,2024-02-30,meeting.group,b1,,,\n"                                   // 4 bad timestamp
                            "e4,2024-01-15,meeting.nope,b1,,,\n"                                    // 5 unknown type
                            "e5,2024-01-15,meeting.group,b9,,,\n"                                   // 6 unknown org
                            "e6,2024-01-15,meeting.group,b1,p9,,\n"                                 // 7 unknown person
                            "e7,2024-01-15,expense.meal,b1,,,\"{\"\"amount\"\": \"\"lots\"\"}\"\n"  // 8 attr type
                            "e8,2024-01-15,expense.meal,b1,,,\"{\"\"diners\"\": 3}\"\n"             // 9 required attr
                            "e9,2024-01-15,meeting.group,b1,,,{oops\n"                              // 10 bad JSON
                            "e10,2024-01-15,meeting.group,b1,,,\"{\"\"colour\"\": 1}\"\n"           // 11 unknown attr
                            "e11,2024-01-15,meeting.group,b1\n"                                     // 12 field count
                            "e12,2024-01-15,meeting.group,b1,,\xff\xfe,\n"                          // 13 invalid UTF-8
                            "e13,2024-01-15,car.use,b1,,,\"{\"\"purpose\"\": \"\"fun\"\"}\"\n"      // 14 enum
                            "e14,2024-01-16,meeting.group,b1,,,\n");                                // 15 good
  auto r = f.import({events});
  CHECK(r.committed);
  CHECK(r.counts[RecordKind::events].added == 2);
  std::vector<std::pair<size_t, std::string>> got;
  for (auto& rj : r.rejections) got.emplace_back(rj.line, rj.code);
  std::vector<std::pair<size_t, std::string>> want{{3, "missing_field"},  {4, "bad_timestamp"}, {5, "unknown_type"},  {6, "unknown_org"},
                                                   {7, "unknown_person"}, {8, "bad_attr"},      {9, "bad_attr"},      {10, "bad_json"},
                                                   {11, "bad_attr"},      {12, "bad_csv"},      {13, "invalid_utf8"}, {14, "bad_attr"}};
  CHECK(got == want);
  CHECK(r.reasons["bad_attr"] == 4);
  CHECK(f.count("rejected") == 12);
  CHECK(f.store->db().execAndGet("SELECT raw FROM rejected WHERE line = 6").getString() == "e5,2024-01-15,meeting.group,b9,,,");
  // Re-importing the same file quarantines nothing twice.
  auto again = f.import({events});
  CHECK(again.already_quarantined == 12);
  CHECK(f.count("rejected") == 12);
}

TEST_CASE("import: bad people, roles and orgs", "[import]") {
  Fixture f;
  auto r = f.import({
      f.dir.write("orgs.csv", "id,parent,kind,name\no1,,organ,局\nb1,o9,party_branch,支部\nc1,,organ\n"),
      f.dir.write("people.csv", "id,name,org\np1,张三,o1\np2,,o1\np3,王五,zz\n"),
      f.dir.write("roles.csv",
                  "person,org,role,from,to\np1,o1,member,2024-13-01,\np1,o1,member,2024-05-01,2024-04-01\n"
                  "p9,o1,member,2024-01-01,\n"),
  });
  std::vector<std::string> codes;
  for (auto& rj : r.rejections) codes.push_back(rj.file.substr(rj.file.rfind('/') + 1) + ":" + std::to_string(rj.line) + " " + rj.code);
  CHECK(codes == std::vector<std::string>{"orgs.csv:4 bad_csv", "orgs.csv:3 unknown_parent", "people.csv:3 missing_field",
                                          "people.csv:4 unknown_org", "roles.csv:2 bad_date", "roles.csv:3 bad_value",
                                          "roles.csv:4 unknown_person"});
}

TEST_CASE("import: --strict refuses the whole batch and writes nothing", "[import]") {
  Fixture f;
  auto files = f.base();
  files.push_back(f.dir.write("events.csv", std::string(kEvents) + "e3,not-a-date,meeting.group,b1,,,\n"));
  ImportOptions o;
  o.strict = true;
  auto r = f.import(files, o);
  CHECK_FALSE(r.committed);
  CHECK_FALSE(r.batch);
  CHECK(r.rejections.size() == 1);
  CHECK(f.count("orgs") == 0);
  CHECK(f.count("events") == 0);
  CHECK(f.count("batches") == 0);
  CHECK(f.count("rejected") == 0);
}

TEST_CASE("import: timestamps without an offset are in the store's zone", "[import][time]") {
  test::TempDir dir;
  auto utc_store = Store::create(dir.path("utc.db"), "UTC");
  auto sh_store = Store::create(dir.path("sh.db"));
  auto orgs = dir.write("orgs.csv", "id,parent,kind,name\no1,,organ,局\n");
  auto ev = dir.write("events.csv",
                      "id,ts,type,org,person,ref,attrs\ne1,2024-03-01T23:30,meeting.group,o1,,,\n"
                      "e2,2024-03-01T23:30:00Z,meeting.group,o1,,,\n");
  import_files(*utc_store, {orgs, ev});
  import_files(*sh_store, {orgs, ev});
  auto ts = [](Store& s, const char* id) {
    return s.db().execAndGet(std::string("SELECT ts || '/' || utc_offset FROM events WHERE id = '") + id + "'").getString();
  };
  CHECK(ts(*utc_store, "e1") == "1709335800/0");
  CHECK(ts(*sh_store, "e1") == "1709307000/28800");  // 15:30 UTC
  CHECK(ts(*sh_store, "e2") == "1709335800/28800");  // the instant as given; local day 2024-03-02
  CHECK(sh_store->db().execAndGet("SELECT local_time FROM events_local WHERE id = 'e2'").getString() == "2024-03-02 07:30:00");
}

TEST_CASE("import: a killed import leaves the store exactly as before", "[import][kill]") {
  Fixture f;
  auto files = f.base();
  f.import(files);
  std::string big = "id,ts,type,org,person,ref,attrs\n";
  for (int i = 0; i < 5000; ++i) big += "k" + std::to_string(i) + ",2024-01-15T09:00,meeting.group,b1,,,\n";
  auto events = f.dir.write("events.csv", big);
  auto before = f.store->db().execAndGet("SELECT (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM batches)").getString();
  std::string path = f.store->path();
  f.store.reset();

  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto s = Store::open(path);
    ImportOptions o;
    o.after_record = [](size_t n) {
      if (n == 2500) raise(SIGKILL);  // killed half-way through the batch
    };
    import_files(*s, {events}, o);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  auto s = Store::open(path);
  CHECK(s->db().execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(s->db().execAndGet("SELECT (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM batches)").getString() == before);
  // And the same import, run again, completes.
  CHECK(import_files(*s, {events}).counts[RecordKind::events].added == 5000);
}
