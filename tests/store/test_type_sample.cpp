// The sample of event types a run on threads shares its rules out by: drawn from the whole
// span of the events asked for, in proportion, and bounded however large the store.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include "store/event_cursor.h"
#include "support/city.h"

using namespace jiandu;

TEST_CASE("type sample: every type of the example city, none invented, counts within the bound", "[store][threads]") {
  test::City city;
  auto sample = sample_types(*city.store, INT64_MIN, INT64_MAX);
  REQUIRE_FALSE(sample.empty());
  SQLite::Statement all(city.store->db(), "SELECT type, count(*) FROM events GROUP BY type");
  std::map<std::string, int64_t> real;
  while (all.executeStep()) real[all.getColumn(0).getString()] = all.getColumn(1).getInt64();
  int64_t total = 0;
  for (auto& [type, n] : sample) {
    INFO(type);
    REQUIRE(real.count(type));
    CHECK(n >= 1);
    CHECK(n <= real[type] * 16);  // each of 16 runs reads a type's event at most once per occurrence
    total += n;
  }
  CHECK(total <= 16 * 1024);
}

TEST_CASE("type sample: an empty range samples nothing; a range holds only its own events", "[store][threads]") {
  test::City city;
  CHECK(sample_types(*city.store, 0, 1).empty());
  SQLite::Statement first(city.store->db(), "SELECT ts, type FROM events ORDER BY ts, seq LIMIT 1");
  REQUIRE(first.executeStep());
  int64_t ts = first.getColumn(0).getInt64();
  auto one = sample_types(*city.store, ts, ts + 1);
  SQLite::Statement there(city.store->db(), "SELECT count(*) FROM events WHERE ts = ?");
  there.bind(1, ts);
  REQUIRE(there.executeStep());
  int64_t n = 0;
  for (auto& [type, k] : one) n += k;
  CHECK(n == 16 * there.getColumn(0).getInt64());  // one instant: every run starts at it
}
