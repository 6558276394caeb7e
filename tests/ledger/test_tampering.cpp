// Edits of the store that would change outcomes: each is found (issue 14, class 5 and 6).
#include <filesystem>

#include <catch2/catch.hpp>

#include "ledger/trail.h"
#include "ledger_fixture.h"
#include "support/cli.h"

using namespace jiandu;
using ledger::Act;
using test::run_cli;

namespace {

struct History : test::LedgerStore {
  History() : LedgerStore(test::kReplyRule) {
    std::string lines;
    for (int i = 1; i <= 3; ++i)
      lines += test::event("L" + std::to_string(i), "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx" + std::to_string(i));
    events(lines);
    audit("2026-11-10");
  }
  std::string rules_dir() const { return dir.path("rules"); }
};

}  // namespace

TEST_CASE("tampering: an alert closed in the alerts table, past its trail, is found", "[ledger][tamper]") {
  History s;
  std::string alert = s.letter("hx1|", "p4");
  s.db().exec("UPDATE alerts SET status = 'closed' WHERE id = '" + alert + "'");
  auto r = ledger::verify_chain(s.db());
  REQUIRE(r.first_bad);
  CHECK(r.alert == alert);
  CHECK(r.why.find("is closed in the alerts table, but its trail last moved it to assigned") != std::string::npos);
  CHECK(r.bad_alerts.count(alert));
  int rc = 0;
  auto out = run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 1);
  CHECK(out.find(alert) != std::string::npos);
  // An alert row with no trail at all.
  s.db().exec("UPDATE alerts SET status = 'assigned' WHERE id = '" + alert + "'");
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);
  s.db().exec("CREATE TEMP TABLE forged AS SELECT * FROM alerts WHERE id = '" + alert +
              "'; "
              "UPDATE forged SET id = 'A-forged', key = key || '-forged'; INSERT INTO alerts SELECT * FROM forged;");
  auto r2 = ledger::verify_chain(s.db());
  REQUIRE(r2.first_bad);
  CHECK(r2.why == "alert A-forged has no trail: the alerts table was edited");
}

TEST_CASE("tampering: a damaged checkpoint is not resumed from", "[ledger][tamper]") {
  History s;
  s.audit("2026-11-11");
  auto resumed = s.audit("2026-11-12");
  CHECK(resumed.resumed);
  // One byte of the operators' state flipped, as a disk or an editor might.
  {
    auto col = s.db().execAndGet("SELECT state FROM checkpoint");
    std::string state(static_cast<const char*>(col.getBlob()), size_t(col.getBytes()));
    REQUIRE(state.size() > 20);
    state[state.size() / 2] ^= 1;
    SQLite::Statement up(s.db(), "UPDATE checkpoint SET state = ?");
    up.bind(1, state.data(), int(state.size()));
    up.exec();
  }
  auto after = s.audit("2026-11-13");
  CHECK_FALSE(after.resumed);
  CHECK(after.full_because.find("does not match its checksum") != std::string::npos);
  // The next night resumes again, from the checkpoint that full read wrote.
  CHECK(s.audit("2026-11-14").resumed);
  // A field of the row edited, or a finding added: the same.
  s.db().exec("UPDATE checkpoint SET end_ts = end_ts - 86400");
  CHECK_FALSE(s.audit("2026-11-15").resumed);
  s.db().exec("INSERT INTO checkpoint_findings(n, data) VALUES(100000, x'00')");
  auto edited = s.audit("2026-11-16");
  CHECK_FALSE(edited.resumed);
  CHECK(edited.full_because.find("checksum") != std::string::npos);
}

TEST_CASE("tampering: a note cannot move text between the hashed fields", "[ledger][tamper]") {
  History s;
  std::string alert = s.letter("hx1|", "p4");
  s.act(alert, Act::statement, "p1",
        "说明\x1f"
        "p3\x1f");
  std::string reason = s.db().execAndGet("SELECT reason FROM trail ORDER BY id DESC LIMIT 1").getString();
  CHECK(reason.find('\x1f') == std::string::npos);
  CHECK(reason.find("<U+001F>") != std::string::npos);
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);
}

TEST_CASE("audits: one dated earlier is refused whatever path it comes by", "[ledger][lock]") {
  History s;
  namespace fs = std::filesystem;
  std::string sym = s.dir.path("via-symlink.db"), hard = s.dir.path("via-hardlink.db");
  fs::create_symlink(s.path(), sym);
  int rc = 0;
  auto out = run_cli("audit --rules " + s.rules_dir() + " --db " + sym + " --as-of 2026-11-12", rc);
  INFO(out);
  CHECK(rc == 0);
  fs::create_hard_link(s.path(), hard);
  // A second name for the store is refused outright: SQLite would give it its own log.
  auto linked = run_cli("audit --rules " + s.rules_dir() + " --db " + hard + " --as-of 2026-11-13", rc);
  CHECK(rc == 2);
  CHECK(linked.find("hard links") != std::string::npos);
  CHECK_THROWS_WITH(Store::open(s.path()), Catch::Contains("hard links"));
  fs::remove(hard);
  for (const std::string& path : {s.path(), sym}) {
    auto earlier = run_cli("audit --rules " + s.rules_dir() + " --db " + path + " --as-of 2026-11-11", rc);
    INFO(path << ": " << earlier);
    CHECK(rc == 2);
    CHECK(earlier.find("would go back in time") != std::string::npos);
  }
  // The symlink shares the store's lock and anchor: verify through either agrees.
  CHECK_FALSE(fs::exists(sym + ".anchor"));
  out = run_cli("verify --db " + sym, rc);
  INFO(out);
  CHECK(rc == 0);
}
