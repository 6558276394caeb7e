#include "web/accounts.h"

#include <set>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/error.h"
#include "base/timestamp.h"
#include "base/utf8.h"
#include "web/secret.h"

namespace jiandu::web {

namespace {

bool valid_login(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  // Begins with a letter or digit: "..", "-x" and "." are no names.
  if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'))) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

User read_user(SQLite::Statement& q) {
  User u;
  u.login = q.getColumn(0).getString();
  u.person = q.getColumn(1).getString();
  u.person_name = q.getColumn(2).getString();
  u.admin = q.getColumn(3).getInt() != 0;
  u.disabled = q.getColumn(4).getInt() != 0;
  u.created = q.getColumn(5).getString();
  u.changed = q.getColumn(6).getString();
  return u;
}

constexpr const char* kUserColumns =
    "SELECT u.login, u.person, coalesce(p.name, u.person), u.admin, u.disabled, u.created, u.changed FROM users u "
    "LEFT JOIN people p ON p.id = u.person ";

int64_t failures(SQLite::Database& db, const char* column, const std::string& value, int64_t since) {
  SQLite::Statement q(db, std::string("SELECT count(*) FROM logins WHERE ") + column +
                              " = ? AND at >= ? AND outcome IN ('bad_password', 'unknown', 'disabled', 'throttled')");
  q.bind(1, value);
  q.bind(2, since);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

void record(SQLite::Database& db, const std::string& login, const std::string& address, int64_t now, LoginOutcome o) {
  SQLite::Statement q(db, "INSERT INTO logins(at, login, address, outcome) VALUES(?,?,?,?)");
  q.bind(1, now);
  q.bind(2, login.substr(0, 64));
  q.bind(3, address.substr(0, 64));
  q.bind(4, outcome_name(o));
  q.exec();
}

}  // namespace

std::string weak_password(const std::string& login, const std::string& password, const LoginLimits& limits) {
  if (password.size() > limits.max_password) return "the password is longer than " + std::to_string(limits.max_password) + " bytes";
  if (invalid_utf8_at(password) != std::string::npos) return "the password is not valid UTF-8";
  if (utf8_columns(password) < limits.min_password)
    return "the password needs at least " + std::to_string(limits.min_password) + " characters";
  if (password.find('\0') != std::string::npos || has_unsafe_chars(password))
    return "the password may not hold control characters";
  if (password.find_first_not_of(" \t") == std::string::npos) return "the password may not be only spaces";
  // Guessed first: one character repeated, a run of digits or letters in order, the login in it.
  std::set<char> distinct(password.begin(), password.end());
  if (distinct.size() < 4) return "the password needs at least 4 different characters";
  bool run = password.size() > 1;
  for (size_t i = 1; i < password.size() && run; ++i) run = password[i] == password[i - 1] + 1 || password[i] == password[i - 1] - 1;
  if (run) return "the password may not be a run of characters in order (1234567890, abcdefghij)";
  if (!login.empty() && password.find(login) != std::string::npos) return "the password may not contain the login";
  return "";
}

void add_user(SQLite::Database& db, const std::string& login, const std::string& person, const std::string& password, bool admin,
              const LoginLimits& limits) {
  if (!valid_login(login)) throw Error("login '" + terminal_safe(login) + "': use 1–64 of a-z 0-9 . _ -");
  if (auto why = weak_password(login, password, limits); !why.empty()) throw Error(why);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  {
    SQLite::Statement p(db, "SELECT 1 FROM people WHERE id = ?");
    p.bind(1, person);
    if (!p.executeStep()) throw Error("--person " + terminal_safe(person) + ": no such person in the store (import people.csv first)");
  }
  if (find_user(db, login)) throw Error("login " + login + " exists already");
  SQLite::Statement q(db, "INSERT INTO users(login, person, pwhash, admin, disabled, created, changed) VALUES(?,?,?,?,0,?,?)");
  std::string now = now_utc();
  q.bind(1, login);
  q.bind(2, person);
  q.bind(3, hash_password(password));
  q.bind(4, admin ? 1 : 0);
  q.bind(5, now);
  q.bind(6, now);
  q.exec();
  tx.commit();
}

void set_password(SQLite::Database& db, const std::string& login, const std::string& password, const LoginLimits& limits) {
  if (auto why = weak_password(login, password, limits); !why.empty()) throw Error(why);
  std::string hash = hash_password(password);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement q(db, "UPDATE users SET pwhash = ?, changed = ? WHERE login = ?");
  q.bind(1, hash);
  q.bind(2, now_utc());
  q.bind(3, login);
  if (q.exec() != 1) throw Error("no account " + terminal_safe(login));
  // A new password ends every other session: whoever knew the old one is out.
  SQLite::Statement s(db, "DELETE FROM web_sessions WHERE login = ?");
  s.bind(1, login);
  s.exec();
  tx.commit();
}

void set_disabled(SQLite::Database& db, const std::string& login, bool disabled) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement q(db, "UPDATE users SET disabled = ?, changed = ? WHERE login = ?");
  q.bind(1, disabled ? 1 : 0);
  q.bind(2, now_utc());
  q.bind(3, login);
  if (q.exec() != 1) throw Error("no account " + terminal_safe(login));
  if (disabled)
    for (const char* sql : {"DELETE FROM web_sessions WHERE login = ?", "DELETE FROM api_tokens WHERE login = ?"}) {
      SQLite::Statement d(db, sql);
      d.bind(1, login);
      d.exec();
    }
  tx.commit();
}

std::vector<User> list_users(SQLite::Database& db) {
  SQLite::Statement q(db, std::string(kUserColumns) + "ORDER BY u.login");
  std::vector<User> out;
  while (q.executeStep()) out.push_back(read_user(q));
  return out;
}

std::optional<User> find_user(SQLite::Database& db, const std::string& login) {
  SQLite::Statement q(db, std::string(kUserColumns) + "WHERE u.login = ?");
  q.bind(1, login);
  if (!q.executeStep()) return std::nullopt;
  return read_user(q);
}

std::string add_api_token(SQLite::Database& db, const std::string& login, const std::string& label) {
  auto u = find_user(db, login);
  if (!u) throw Error("no account " + terminal_safe(login));
  if (u->disabled) throw Error("account " + login + " is disabled");
  std::string token = random_token();
  SQLite::Statement q(db, "INSERT INTO api_tokens(token_hash, login, label, created) VALUES(?,?,?,?)");
  q.bind(1, token_hash(token));
  q.bind(2, login);
  q.bind(3, label);
  q.bind(4, now_utc());
  q.exec();
  return token;
}

std::optional<User> user_of_api_token(SQLite::Database& db, const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  SQLite::Statement q(db, std::string(kUserColumns) + "JOIN api_tokens t ON t.login = u.login WHERE t.token_hash = ?");
  q.bind(1, token_hash(token));
  if (!q.executeStep()) return std::nullopt;
  User u = read_user(q);
  if (u.disabled) return std::nullopt;
  return u;
}

const char* outcome_name(LoginOutcome o) {
  switch (o) {
    case LoginOutcome::ok: return "ok";
    case LoginOutcome::bad_password: return "bad_password";
    case LoginOutcome::unknown: return "unknown";
    case LoginOutcome::disabled: return "disabled";
    case LoginOutcome::throttled: return "throttled";
  }
  return "?";
}

LoginOutcome try_login(SQLite::Database& db, const std::string& login, const std::string& password, const std::string& address,
                       int64_t now, const LoginLimits& limits) {
  int64_t since = now - limits.window_seconds;
  LoginOutcome o;
  if (failures(db, "login", login, since) >= limits.per_account || failures(db, "address", address, since) >= limits.per_address) {
    o = LoginOutcome::throttled;  // the password is not even looked at: guessing gains nothing
  } else if (password.size() > limits.max_password) {
    o = LoginOutcome::bad_password;
  } else {
    SQLite::Statement q(db, "SELECT pwhash, disabled FROM users WHERE login = ?");
    q.bind(1, login);
    if (!q.executeStep()) {
      dummy_password_check(password);
      o = LoginOutcome::unknown;
    } else {
      std::string hash = q.getColumn(0).getString();
      bool disabled = q.getColumn(1).getInt() != 0;
      bool good = check_password(hash, password);
      o = !good ? LoginOutcome::bad_password : disabled ? LoginOutcome::disabled : LoginOutcome::ok;
    }
  }
  record(db, login, address, now, o);
  return o;
}

std::vector<LoginRecord> login_history(SQLite::Database& db, size_t limit, const std::string& login) {
  SQLite::Statement q(db, login.empty() ? "SELECT at, login, address, outcome FROM logins ORDER BY id DESC LIMIT ?"
                                        : "SELECT at, login, address, outcome FROM logins WHERE login = ? ORDER BY id DESC LIMIT ?");
  int c = 1;
  if (!login.empty()) q.bind(c++, login);
  q.bind(c, int64_t(limit));
  std::vector<LoginRecord> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString()});
  return out;
}

}  // namespace jiandu::web
