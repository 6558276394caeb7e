// The tallies of periodic and chain rules (eval/kinds/tallies.h): a tally is found again
// whatever order its periods were first counted in (an event that makes up an earlier
// period comes after later ones), lanes and subjects apart, and the open ones are saved in
// one order, by subject, period and lane.
#include <catch2/catch.hpp>

#include "eval/kinds/tallies.h"

using namespace jiandu;
using namespace jiandu::eval;

TEST_CASE("tallies: found by subject, lane and period, in any order of first count", "[eval][tallies]") {
  TallyTable t;
  Event e;
  e.id = "ev-1";
  t(7, 0, 24).add(e);
  t(7, 0, 22).add(e);  // an earlier period, made up later
  t(7, 1, 22).add(e);  // the same period, another lane
  t(7, 0, 24).add(e);
  t(3, 0, 24).add(e);
  REQUIRE(t.find(7, 0, 24));
  CHECK(t.find(7, 0, 24)->n == 2);
  CHECK(t.find(7, 0, 22)->n == 1);
  CHECK(t.find(7, 1, 22)->n == 1);
  CHECK(t.find(3, 0, 24)->n == 1);
  CHECK_FALSE(t.find(7, 1, 24));
  CHECK_FALSE(t.find(3, 0, 22));
  CHECK_FALSE(t.find(8, 0, 24));   // a subject past every one counted
  CHECK_FALSE(t.find(-1, 0, 24));  // none
  CHECK(t.find(7, 0, 22)->evidence == std::vector<std::string>{"ev-1"});

  std::vector<std::tuple<int, int, int64_t, int64_t>> seen;
  t.each([&](int s, int lane, int64_t period, const Tally& x) { seen.emplace_back(s, lane, period, x.n); });
  CHECK(seen == std::vector<std::tuple<int, int, int64_t, int64_t>>{{3, 0, 24, 1}, {7, 0, 22, 1}, {7, 1, 22, 1}, {7, 0, 24, 2}});
}
