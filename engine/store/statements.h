#pragma once
// Statements prepared once and run many times on one connection. Preparing a statement costs
// about as much as running a small one, and a night's audit runs the same few statements
// hundreds of times.
#include <memory>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace jiandu {

class Statements {
 public:
  explicit Statements(SQLite::Database& db) : db_(db) {}

  // A statement handed out for one use: reset, its bindings cleared, when the lease ends.
  class Lease {
   public:
    Lease(SQLite::Statement& s, bool& busy) : s_(&s), busy_(&busy) {}
    Lease(Lease&& o) noexcept : s_(o.s_), busy_(o.busy_) { o.s_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    SQLite::Statement* operator->() const { return s_; }
    SQLite::Statement& operator*() const { return *s_; }

   private:
    SQLite::Statement* s_;
    bool* busy_;
  };

  // The statement for `sql`, prepared on first use. A statement already leased (the same text
  // used again while the first is stepping) is not shared: the nested use prepares its own.
  Lease operator()(const std::string& sql);

 private:
  struct Slot {
    std::unique_ptr<SQLite::Statement> statement;
    bool busy = false;
  };
  SQLite::Database& db_;
  std::unordered_multimap<std::string, Slot> slots_;
};

}  // namespace jiandu
