// One description of state, run both ways (eval/archive.h): what a Saver writes a Loader
// reads back field for field, maps and lists included, and a Loader refuses what its checks
// reject — without a save ever building the reason.
#include <catch2/catch.hpp>

#include <map>
#include <unordered_map>

#include "eval/archive.h"
#include "eval/kinds/tallies.h"

using namespace jiandu;
using namespace jiandu::eval;

namespace {

struct Window {
  std::string id;
  Date day{0};
  double value = 0;
  int unit = -1;
};

struct State {
  int64_t through = 0;
  uint64_t steps = 0;
  bool armed = false;
  std::map<std::string, std::vector<Window>> groups;
  int checks_built = 0;  // how many times a check's reason was made

  template <class A>
  void state(A& a) {
    a(through);
    a(steps);
    a(armed);
    a.keyed(groups, [&](std::vector<Window>& list) {
      a.each(list, [&](Window& w) {
        a(w.id);
        a(w.day);
        a(w.value);
        a.org(w.unit);
        a.check(w.value >= 0, [&] {
          ++checks_built;
          return std::string("a negative amount");
        });
      });
    });
  }
};

std::string saved(State& s) {
  StateWriter w;
  Saver a(w);
  s.state(a);
  return w.out.take();
}

State loaded(const std::string& bytes, size_t orgs) {
  ByteReader in(bytes);
  StateReader r(in, [](std::string_view) -> const std::string* { return nullptr; });
  r.orgs = orgs;
  Loader a(r);
  State s;
  s.state(a);
  REQUIRE(in.done());
  return s;
}

}  // namespace

TEST_CASE("archive: a state saved is read back as it was", "[eval][archive]") {
  State s;
  s.through = -3;  // zigzag: a negative number survives
  s.steps = 1ull << 40;
  s.armed = true;
  s.groups["u1"] = {{"ev-1", Date{20000}, 12.5, 3}, {"ev-2", Date{20001}, 0.1 + 0.2, -1}};
  s.groups["u2"] = {};
  std::string bytes = saved(s);
  CHECK(s.checks_built == 0);  // saving builds no reasons

  State back = loaded(bytes, 10);
  CHECK(back.through == -3);
  CHECK(back.steps == (1ull << 40));
  CHECK(back.armed);
  REQUIRE(back.groups.size() == 2);
  REQUIRE(back.groups["u1"].size() == 2);
  CHECK(back.groups["u1"][1].id == "ev-2");
  CHECK(back.groups["u1"][1].day == Date{20001});
  CHECK(back.groups["u1"][1].value == 0.1 + 0.2);  // bit for bit
  CHECK(back.groups["u1"][0].unit == 3);
  CHECK(back.groups["u1"][1].unit == -1);
  CHECK(back.groups["u2"].empty());
  CHECK(saved(back) == bytes);
}

TEST_CASE("archive: a loader refuses what its checks reject", "[eval][archive]") {
  State s;
  s.groups["u1"] = {{"ev-1", Date{20000}, -1, 0}};
  std::string bytes = saved(s);
  CHECK(s.checks_built == 0);
  CHECK_THROWS_WITH(loaded(bytes, 10), Catch::Contains("a negative amount"));

  // A unit past the organisation is damage, whatever the kind.
  State t;
  t.groups["u1"] = {{"ev-1", Date{20000}, 1, 9}};
  std::string nine = saved(t);
  CHECK_NOTHROW(loaded(nine, 10));
  CHECK_THROWS_AS(loaded(nine, 5), CheckpointError);

  // A count longer than what is left is refused before anything is made for it.
  std::string cut = bytes.substr(0, bytes.size() - 4);
  CHECK_THROWS_AS(loaded(cut, 10), CheckpointError);
}

TEST_CASE("archive: tallies keep only the open periods, keys described once", "[eval][archive][tallies]") {
  TallyTable t;
  Event e;
  e.id = "ev-1";
  t(2, 0, 10).add(e);  // settled: through is 10
  t(2, 0, 11).add(e);
  t(2, 1, 12).add(e);
  t(5, 0, 12).add(e);
  auto key = [](auto& a) {
    return [&a](int& subject, int& lane, int64_t& period) {
      a.org(subject);
      a(lane);
      a(period);
    };
  };
  StateWriter w;
  Saver s(w);
  t.state(s, 10, key(s));
  std::string bytes = w.out.take();

  ByteReader in(bytes);
  StateReader r(in, [](std::string_view) -> const std::string* { return nullptr; });
  r.orgs = 6;
  Loader l(r);
  TallyTable back;
  back.state(l, 10, key(l));
  CHECK(in.done());
  CHECK_FALSE(back.find(2, 0, 10));
  REQUIRE(back.find(2, 0, 11));
  CHECK(back.find(2, 0, 11)->evidence == std::vector<std::string>{"ev-1"});
  CHECK(back.find(2, 1, 12));
  CHECK(back.find(5, 0, 12));
}
