// The prepared-statement cache the audit and the trail writer run their statements through: a
// statement is prepared once, comes back clean for each use, and is never shared while in use.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include "store/statements.h"

using namespace jiandu;

namespace {

SQLite::Database numbers() {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE n(v INTEGER); INSERT INTO n VALUES (1), (2), (3);");
  return db;
}

}  // namespace

TEST_CASE("statements: one prepared statement serves every use, reset between uses", "[store][statements]") {
  auto db = numbers();
  Statements sql(db);
  const std::string text = "SELECT v FROM n WHERE v >= ? ORDER BY v";
  const SQLite::Statement* first = nullptr;
  {
    auto s = sql(text);
    first = &*s;
    s->bind(1, 2);
    REQUIRE(s->executeStep());
    CHECK(s->getColumn(0).getInt() == 2);
    // The lease ends mid-result: the next use must start from the first row again.
  }
  {
    auto s = sql(text);
    CHECK(&*s == first);
    s->bind(1, 1);
    REQUIRE(s->executeStep());
    CHECK(s->getColumn(0).getInt() == 1);
  }
}

TEST_CASE("statements: bindings do not leak from one use to the next", "[store][statements]") {
  auto db = numbers();
  Statements sql(db);
  const std::string text = "SELECT count(*) FROM n WHERE v = ?";
  {
    auto s = sql(text);
    s->bind(1, 3);
    REQUIRE(s->executeStep());
    CHECK(s->getColumn(0).getInt() == 1);
  }
  auto s = sql(text);  // nothing bound: the parameter is NULL and matches no row
  REQUIRE(s->executeStep());
  CHECK(s->getColumn(0).getInt() == 0);
}

TEST_CASE("statements: the same text used while stepping gets a statement of its own", "[store][statements]") {
  auto db = numbers();
  Statements sql(db);
  const std::string text = "SELECT v FROM n ORDER BY v";
  auto outer = sql(text);
  REQUIRE(outer->executeStep());
  CHECK(outer->getColumn(0).getInt() == 1);
  {
    auto inner = sql(text);
    CHECK(&*inner != &*outer);
    int rows = 0;
    while (inner->executeStep()) ++rows;
    CHECK(rows == 3);
  }
  // The outer use goes on where it was.
  REQUIRE(outer->executeStep());
  CHECK(outer->getColumn(0).getInt() == 2);
}

TEST_CASE("statements: a statement whose step failed is usable again", "[store][statements]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE u(k TEXT PRIMARY KEY)");
  Statements sql(db);
  const std::string text = "INSERT INTO u(k) VALUES(?)";
  {
    auto s = sql(text);
    s->bind(1, "a");
    s->exec();
  }
  {
    auto s = sql(text);
    s->bind(1, "a");
    CHECK_THROWS(s->exec());  // the key exists
  }
  auto s = sql(text);
  s->bind(1, "b");
  CHECK(s->exec() == 1);
  SQLite::Statement count(db, "SELECT count(*) FROM u");
  REQUIRE(count.executeStep());
  CHECK(count.getColumn(0).getInt() == 2);
}
