#pragma once
// Every row of a table, every column, in primary-key order: for comparing stores whole.
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace jiandu::test {

inline std::string dump(SQLite::Database& db, const std::string& table) {
  SQLite::Statement q(db, "SELECT * FROM " + table + " ORDER BY 1");
  std::string s;
  while (q.executeStep()) {
    for (int c = 0; c < q.getColumnCount(); ++c)
      s += (c ? "|" : "") + (q.getColumn(c).isNull() ? std::string("NULL") : q.getColumn(c).getString());
    s += "\n";
  }
  return s;
}

}  // namespace jiandu::test
