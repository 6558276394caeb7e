// What keeps the ledger trustworthy: the trail's hash chain, the audit lock, and a killed
// audit leaving the store exactly as it was.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <thread>

#include <catch2/catch.hpp>

#include "base/error.h"
#include "ledger/anchor.h"
#include "ledger/lock.h"
#include "ledger/trail.h"
#include "ledger_fixture.h"
#include "support/cli.h"

using namespace jiandu;
using ledger::Act;
using test::run_cli;

namespace {

// A ledger with some history: letters answered late, one escalated, one acted on.
struct History : test::LedgerStore {
  History() : LedgerStore(test::kReplyRule) {
    std::string lines;
    for (int i = 1; i <= 4; ++i)
      lines += test::event("L" + std::to_string(i), "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx" + std::to_string(i));
    events(lines);
    audit("2026-11-10");
    act(letter("hx1|", "p4"), Act::ack, "p1", "整改中");
    events(test::event("R2", "2026-11-12T10:00", "inquiry.reply", "o1.b1", "p4", "hx2"));
    audit_days("2026-11-11", "2026-11-18");
    REQUIRE(count("trail") >= 10);
  }
};

}  // namespace

TEST_CASE("verify: the chain of an untouched trail verifies", "[ledger][chain]") {
  History s;
  auto r = ledger::verify_chain(s.db());
  CHECK_FALSE(r.first_bad);
  CHECK(r.entries == s.count("trail"));
  // Each entry links to the one before it; the first to the genesis hash.
  CHECK(s.db().execAndGet("SELECT prev_hash FROM trail WHERE id = 1").getString() == std::string(64, '0'));
  CHECK(s.count("trail t JOIN trail u ON u.id = t.id + 1", "u.prev_hash != t.hash") == 0);
}

TEST_CASE("verify: an edited entry is named", "[ledger][chain]") {
  History s;
  std::string alert = s.db().execAndGet("SELECT alert FROM trail WHERE id = 5").getString();
  SECTION("its reason") { s.db().exec("UPDATE trail SET reason = reason || '（已修改）' WHERE id = 5"); }
  SECTION("its actor") { s.db().exec("UPDATE trail SET actor = 'p3' WHERE id = 5"); }
  SECTION("its state") { s.db().exec("UPDATE trail SET to_state = 'waived' WHERE id = 5"); }
  SECTION("its evidence") { s.db().exec("UPDATE trail SET evidence = '[\"forged\"]' WHERE id = 5"); }
  SECTION("its hash") { s.db().exec("UPDATE trail SET hash = lower(hex(randomblob(32))) WHERE id = 5"); }
  SECTION("its time") { s.db().exec("UPDATE trail SET at = '2026-01-01' WHERE id = 5"); }
  auto r = ledger::verify_chain(s.db());
  REQUIRE(r.first_bad);
  CHECK(*r.first_bad == 5);
  CHECK(r.alert == alert);
}

TEST_CASE("verify: an edited reason names that entry, with the alert", "[ledger][chain]") {
  History s;
  std::string alert = s.db().execAndGet("SELECT alert FROM trail WHERE id = 4").getString();
  s.db().exec("UPDATE trail SET reason = '无问题' WHERE id = 4");
  auto r = ledger::verify_chain(s.db());
  REQUIRE(r.first_bad);
  CHECK(*r.first_bad == 4);
  CHECK(r.alert == alert);
  CHECK_THAT(r.why, Catch::Contains("altered"));

  int rc = 0;
  auto out = run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("trail ALTERED: entry 4 (alert " + alert + ")"));
}

TEST_CASE("verify: a deleted entry in the middle is named", "[ledger][chain]") {
  History s;
  s.db().exec("DELETE FROM trail WHERE id = 6");
  auto r = ledger::verify_chain(s.db());
  REQUIRE(r.first_bad);
  CHECK_THAT(r.why, Catch::Contains("entry 6 is missing"));
  int rc = 0;
  auto out = run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("entry 6 is missing"));
}

TEST_CASE("verify: entries renumbered to hide a deletion break the chain", "[ledger][chain]") {
  History s;
  s.db().exec("DELETE FROM trail WHERE id = 6");
  s.db().exec("UPDATE trail SET id = id - 1 WHERE id > 6");
  auto r = ledger::verify_chain(s.db());
  REQUIRE(r.first_bad);
  CHECK(*r.first_bad == 6);
}

TEST_CASE("verify: the newest entry deleted is found too", "[ledger][chain]") {
  // trail.h: "an edited, removed or reordered entry is found by jiandu verify". The chain
  // alone has nothing after the last entry to notice its removal; the alert's status (set by
  // that entry) and the runs' entry counts still tell.
  History s;
  s.db().exec("DELETE FROM trail WHERE id = (SELECT max(id) FROM trail)");
  auto r = ledger::verify_chain(s.db());
  CHECK(r.first_bad);
}

TEST_CASE("verify: a store whose trail was written before the chain's head was kept is not called altered", "[ledger][chain]") {
  // Stores written by jiandu before the head was recorded in meta have a sound chain and no
  // head: `verify` after an upgrade must not report them tampered (nor print an empty entry
  // and alert); the next entry written records the head.
  History s;
  s.db().exec("DELETE FROM meta WHERE key = 'trail_head'");
  auto r = ledger::verify_chain(s.db());
  CHECK_FALSE(r.first_bad);
  INFO(r.why);
  s.act(s.letter("hx1|", "p4"), Act::resolve, "p1", "已回复");
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);
  s.db().exec("DELETE FROM trail WHERE id = (SELECT max(id) FROM trail)");
  CHECK(ledger::verify_chain(s.db()).first_bad);
}

TEST_CASE("verify: a valid chain after more audits and commands still verifies", "[ledger][chain]") {
  History s;
  s.act(s.letter("hx1|", "p4"), Act::resolve, "p1", "已回复");
  s.audit_days("2026-11-19", "2026-11-30");
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);
  int rc = 0;
  auto out = run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("trail intact: " + std::to_string(s.count("trail")) + " entries"));
}

TEST_CASE("lock: a second audit is refused while one holds the lock, and runs after it ends", "[ledger][lock]") {
  test::TempDir dir;
  std::string db = dir.path("store.db");
  {
    ledger::AuditLock first(db, false);
    // flock locks belong to the open file description: a second open, even in this process, conflicts.
    CHECK_THROWS_WITH(ledger::AuditLock(db, false), Catch::Contains("another audit is running on " + db) &&
                                                        Catch::Contains("(pid " + std::to_string(getpid()) + ")") &&
                                                        Catch::Contains("--wait"));
  }
  CHECK_NOTHROW(ledger::AuditLock(db, false));
  CHECK(std::filesystem::exists(db + ".lock"));  // the file stays; the lock does not
}

TEST_CASE("lock: held by another process; released by the kernel when it dies", "[ledger][lock]") {
  test::TempDir dir;
  std::string db = dir.path("store.db");
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(ready[0]);
    {
      ledger::AuditLock held(db, false);
      (void)!write(ready[1], "x", 1);
      pause();  // until killed
    }
    _exit(0);
  }
  close(ready[1]);
  char c;
  REQUIRE(read(ready[0], &c, 1) == 1);
  close(ready[0]);
  CHECK_THROWS_WITH(ledger::AuditLock(db, false),
                    Catch::Contains("another audit is running") && Catch::Contains("(pid " + std::to_string(pid) + ")"));
  kill(pid, SIGKILL);  // no destructor runs: the kernel drops the lock
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK_NOTHROW(ledger::AuditLock(db, false));
}

TEST_CASE("lock: --wait queues behind a running audit", "[ledger][lock]") {
  test::TempDir dir;
  std::string db = dir.path("store.db");
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(ready[0]);
    {
      ledger::AuditLock held(db, false);
      (void)!write(ready[1], "x", 1);
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }
    _exit(0);
  }
  close(ready[1]);
  char c;
  REQUIRE(read(ready[0], &c, 1) == 1);
  close(ready[0]);
  auto start = std::chrono::steady_clock::now();
  {
    ledger::AuditLock waited(db, true);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
}

TEST_CASE("lock: jiandu audit exits 2 while another audit holds the lock", "[ledger][lock]") {
  test::LedgerStore s(test::kReplyRule);
  ledger::AuditLock held(s.path(), false);
  int rc = 0;
  auto out = run_cli("audit --rules " + s.dir.path("rules") + " --db " + s.path() + " --as-of 2026-11-10", rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains("another audit is running"));
  CHECK(s.count("runs") == 0);
}

TEST_CASE("audit: a killed audit leaves the ledger exactly as it was", "[ledger][kill]") {
  History s;
  // New work for the next audit: a letter to another member overdue, a reply closing an alert.
  s.events(test::event("L9", "2026-11-09T10:00", "inquiry.letter", "o1.b1", "p5", "hx9") +
           test::event("R3", "2026-11-19T10:00", "inquiry.reply", "o1.b1", "p4", "hx3"));
  auto dump = [&] { return s.dump("alerts") + "\n" + s.dump("alert_keys") + "\n" + s.dump("trail") + "\n" + s.dump("runs"); };
  auto before = dump();
  s.close();

  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    s.reopen();
    s.audit("2026-11-20", [] { raise(SIGKILL); });  // after the findings are in, before the commit
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  s.reopen();
  CHECK(s.db().execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(dump() == before);
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);
  // And the same audit, run again, completes: the lock died with the killed process.
  ledger::AuditLock lock(s.path(), false);
  auto sum = s.audit("2026-11-20");
  CHECK(sum.opened == 1);
  CHECK(sum.closed >= 1);
  CHECK(s.status(s.letter("hx3|", "p4")) == "closed");
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);
}

TEST_CASE("integrity: an audit over an altered trail does its work, records it in its run row and exits 1", "[ledger][chain]") {
  History s;
  s.db().exec("UPDATE trail SET reason = '已整改完毕' WHERE id = 3");
  int rc = 0;
  auto out = run_cli("audit --rules " + s.dir.path("rules") + " --db " + s.path() + " --as-of 2026-11-19", rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("the trail does not verify") && Catch::Contains("entry 3"));
  CHECK(s.count("runs", "as_of = '2026-11-19' AND chain LIKE 'entry 3 %'") == 1);
  // The next audit still says so: nothing makes an altered entry right again.
  run_cli("audit --rules " + s.dir.path("rules") + " --db " + s.path() + " --as-of 2026-11-20", rc);
  CHECK(rc == 1);
}

TEST_CASE("integrity: the anchor file catches an edit of the last entry with its hash and the head recomputed", "[ledger][chain]") {
  History s;
  int rc = 0;
  run_cli("verify --db " + s.path(), rc);
  REQUIRE(rc == 0);
  auto out = run_cli("verify --db " + s.path(), rc);
  CHECK_THAT(out, Catch::Contains("anchor agrees"));
  // A careful forger: the last entry's reason changed, its hash recomputed, the head moved.
  int64_t last = s.db().execAndGet("SELECT max(id) FROM trail").getInt64();
  s.db().exec("UPDATE trail SET reason = '经核实不属实' WHERE id = " + std::to_string(last));
  std::string forged = ledger::entry_hash(s.db(), last);
  s.db().exec("UPDATE trail SET hash = '" + forged + "' WHERE id = " + std::to_string(last));
  s.db().exec("UPDATE meta SET value = '" + std::to_string(last) + ":" + forged + "' WHERE key = 'trail_head'");
  CHECK_FALSE(ledger::verify_chain(s.db()).first_bad);  // inside the store, it all agrees …
  out = run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 1);  // … but not with the anchor outside it
  CHECK_THAT(out, Catch::Contains("trail intact") && Catch::Contains("anchor DISAGREES") &&
                      Catch::Contains("entry " + std::to_string(last) + " no longer has the hash anchored"));
  // The audit says so too.
  out = run_cli("audit --rules " + s.dir.path("rules") + " --db " + s.path() + " --as-of 2026-11-19", rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("anchor"));
}

TEST_CASE("integrity: the anchor file catches removed entries with the head moved back", "[ledger][chain]") {
  History s;
  int64_t last = s.db().execAndGet("SELECT max(id) FROM trail").getInt64();
  std::string prev = s.db().execAndGet("SELECT hash FROM trail WHERE id = " + std::to_string(last - 1)).getString();
  s.db().exec("DELETE FROM trail WHERE id = " + std::to_string(last));
  s.db().exec("UPDATE meta SET value = '" + std::to_string(last - 1) + ":" + prev + "' WHERE key = 'trail_head'");
  // The chain itself now ends cleanly; what still tells is the alert's state, which the
  // removed entry had set, and the anchor outside the store.
  auto chain = ledger::verify_chain(s.db());
  CHECK(chain.first_bad);
  CHECK_THAT(chain.why, Catch::Contains("in the alerts table, but its trail last moved it to"));
  int rc = 0;
  auto out = run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("entries were removed"));
  // An anchor given explicitly that does not exist is a failure, not a pass.
  run_cli("verify --db " + s.path() + " --anchor " + s.dir.path("elsewhere.anchor"), rc);
  CHECK(rc == 1);
}

TEST_CASE("integrity: every action and audit appends the new head to the anchor, once", "[ledger][chain]") {
  History s;
  auto a = ledger::check_anchor(s.store());
  CHECK(a.exists);
  CHECK_FALSE(a.problem);
  CHECK(a.last_id == s.db().execAndGet("SELECT max(id) FROM trail").getInt64());
  int64_t lines = a.lines;
  s.audit("2026-11-18");  // the same date again: nothing new, nothing appended
  CHECK(ledger::check_anchor(s.store()).lines == lines);
}
