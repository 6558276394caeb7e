#include "store/account_rows.h"

#include <SQLiteCpp/Statement.h>

namespace jiandu::accounts {
namespace {

constexpr const char* kUserColumns =
    "SELECT u.login, u.person, coalesce(p.name, u.person), u.admin, u.disabled, u.created, u.changed FROM users u "
    "LEFT JOIN people p ON p.id = u.person ";

UserRow read_user(SQLite::Statement& q) {
  UserRow u;
  u.login = q.getColumn(0).getString();
  u.person = q.getColumn(1).getString();
  u.person_name = q.getColumn(2).getString();
  u.admin = q.getColumn(3).getInt() != 0;
  u.disabled = q.getColumn(4).getInt() != 0;
  u.created = q.getColumn(5).getString();
  u.changed = q.getColumn(6).getString();
  return u;
}

std::optional<UserRow> one_user(SQLite::Database& db, const std::string& tail, const std::string& value) {
  SQLite::Statement q(db, std::string(kUserColumns) + tail);
  q.bind(1, value);
  if (!q.executeStep()) return std::nullopt;
  return read_user(q);
}

// The statement with every `?` bound in order, run; the rows it changed.
template <class... A>
int run(SQLite::Database& db, const char* sql, const A&... values) {
  SQLite::Statement q(db, sql);
  int i = 1;
  (q.bind(i++, values), ...);
  return q.exec();
}

int64_t failures(SQLite::Database& db, const char* sql, const std::string& value, int64_t since) {
  SQLite::Statement q(db, sql);
  q.bind(1, value);
  q.bind(2, since);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace

std::vector<UserRow> users(SQLite::Database& db) {
  SQLite::Statement q(db, std::string(kUserColumns) + "ORDER BY u.login");
  std::vector<UserRow> out;
  while (q.executeStep()) out.push_back(read_user(q));
  return out;
}

std::optional<UserRow> user(SQLite::Database& db, const std::string& login) { return one_user(db, "WHERE u.login = ?", login); }

std::optional<UserRow> user_of_token_hash(SQLite::Database& db, const std::string& hash) {
  return one_user(db, "JOIN api_tokens t ON t.login = u.login WHERE t.token_hash = ?", hash);
}

std::optional<std::pair<std::string, bool>> credentials(SQLite::Database& db, const std::string& login) {
  SQLite::Statement q(db, "SELECT pwhash, disabled FROM users WHERE login = ?");
  q.bind(1, login);
  if (!q.executeStep()) return std::nullopt;
  return std::make_pair(q.getColumn(0).getString(), q.getColumn(1).getInt() != 0);
}

bool person_exists(SQLite::Database& db, const std::string& person) {
  SQLite::Statement q(db, "SELECT 1 FROM people WHERE id = ?");
  q.bind(1, person);
  return q.executeStep();
}

void insert_user(SQLite::Database& db, const std::string& login, const std::string& person, const std::string& pwhash, bool admin,
                 const std::string& now) {
  run(db, "INSERT INTO users(login, person, pwhash, admin, disabled, created, changed) VALUES(?,?,?,?,0,?,?)", login, person, pwhash,
      admin ? 1 : 0, now, now);
}

bool update_password(SQLite::Database& db, const std::string& login, const std::string& pwhash, const std::string& now) {
  return run(db, "UPDATE users SET pwhash = ?, changed = ? WHERE login = ?", pwhash, now, login) == 1;
}

bool update_disabled(SQLite::Database& db, const std::string& login, bool disabled, const std::string& now) {
  return run(db, "UPDATE users SET disabled = ?, changed = ? WHERE login = ?", disabled ? 1 : 0, now, login) == 1;
}

void drop_sessions_of(SQLite::Database& db, const std::string& login) { run(db, "DELETE FROM web_sessions WHERE login = ?", login); }
void drop_tokens_of(SQLite::Database& db, const std::string& login) { run(db, "DELETE FROM api_tokens WHERE login = ?", login); }

void insert_token(SQLite::Database& db, const std::string& hash, const std::string& login, const std::string& label,
                  const std::string& now) {
  run(db, "INSERT INTO api_tokens(token_hash, login, label, created) VALUES(?,?,?,?)", hash, login, label, now);
}

int64_t failures_of_login(SQLite::Database& db, const std::string& login, int64_t since) {
  return failures(db,
                  "SELECT count(*) FROM logins WHERE login = ? AND at >= ? "
                  "AND outcome IN ('bad_password', 'unknown', 'disabled', 'throttled')",
                  login, since);
}

int64_t failures_from(SQLite::Database& db, const std::string& address, int64_t since) {
  return failures(db,
                  "SELECT count(*) FROM logins WHERE address = ? AND at >= ? "
                  "AND outcome IN ('bad_password', 'unknown', 'disabled', 'throttled')",
                  address, since);
}

void insert_login(SQLite::Database& db, int64_t at, const std::string& login, const std::string& address, const std::string& outcome) {
  run(db, "INSERT INTO logins(at, login, address, outcome) VALUES(?,?,?,?)", at, login, address, outcome);
}

std::vector<LoginRow> logins(SQLite::Database& db, size_t limit, const std::string& login) {
  SQLite::Statement q(db, login.empty() ? "SELECT at, login, address, outcome FROM logins ORDER BY id DESC LIMIT ?"
                                        : "SELECT at, login, address, outcome FROM logins WHERE login = ? ORDER BY id DESC LIMIT ?");
  int c = 1;
  if (!login.empty()) q.bind(c++, login);
  q.bind(c, int64_t(limit));
  std::vector<LoginRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString()});
  return out;
}

void insert_session(SQLite::Database& db, const std::string& hash, const std::string& login, int64_t now, const std::string& address) {
  run(db, "INSERT INTO web_sessions(token_hash, login, created, seen, address) VALUES(?,?,?,?,?)", hash, login, now, now, address);
}

std::optional<SessionRow> session(SQLite::Database& db, const std::string& hash) {
  SQLite::Statement q(db, "SELECT login, created, seen FROM web_sessions WHERE token_hash = ?");
  q.bind(1, hash);
  if (!q.executeStep()) return std::nullopt;
  return SessionRow{q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
}

void drop_session(SQLite::Database& db, const std::string& hash) { run(db, "DELETE FROM web_sessions WHERE token_hash = ?", hash); }

void touch_session(SQLite::Database& db, const std::string& hash, int64_t now) {
  run(db, "UPDATE web_sessions SET seen = ? WHERE token_hash = ?", now, hash);
}

}  // namespace jiandu::accounts
