// Many people at once, beside an audit: every action answered as done is on the trail, in
// order, and the anchor file never goes back (writers commit in one order and could append
// their heads in another).
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>
#include <SQLiteCpp/Statement.h>

#include "ledger/anchor.h"
#include "ledger/trail.h"
#include "support/cli.h"
#include "web/web_city.h"

using namespace jiandu;
using namespace jiandu::test;

TEST_CASE("web: concurrent actions beside an audit keep the trail and its anchor in order", "[web]") {
  WebCity w;
  auto sec = login(w, "secretary"), dis = login(w, "discipline");
  std::atomic<int> done{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      auto c = w.client();
      const Browser& b = t % 2 ? sec : dis;
      for (int i = 0; i < 12; ++i) {
        auto r = c.Post(
            "/alerts/" + w.branch_alert + "/act", b.headers(),
            httplib::Params{{"act", "statement"}, {"note", "并发-" + std::to_string(t) + "-" + std::to_string(i)}, {"csrf", b.csrf}});
        (r && r->status == 303 ? done : failed)++;
      }
    });
  int rc = 0;
  auto out = run_cli("audit --rules " + source_path("rules") + " --db " + w.db + " --as-of 2026-11-21", rc);
  for (auto& th : threads) th.join();
  INFO(out);
  CHECK(rc == 0);
  CHECK(failed == 0);
  auto& db = w.city.store->db();
  CHECK(db.execAndGet("SELECT count(*) FROM trail WHERE reason LIKE '情况说明：并发-%'").getInt() == done);
  CHECK_FALSE(ledger::verify_chain(db).first_bad.has_value());
  auto anchor = ledger::check_anchor(*w.city.store);
  INFO(anchor.problem.value_or(""));
  CHECK_FALSE(anchor.problem.has_value());
  CHECK(anchor.last_id == db.execAndGet("SELECT max(id) FROM trail").getInt64());
}
