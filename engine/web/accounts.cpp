#include "web/accounts.h"

#include <set>

#include <SQLiteCpp/Transaction.h>

#include "base/error.h"
#include "base/timestamp.h"
#include "base/utf8.h"
#include "store/account_rows.h"
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

void record(SQLite::Database& db, const std::string& login, const std::string& address, int64_t now, LoginOutcome o) {
  accounts::insert_login(db, now, login.substr(0, 64), address.substr(0, 64), outcome_name(o));
}

}  // namespace

std::string weak_password(const std::string& login, const std::string& password, const LoginLimits& limits) {
  if (password.size() > limits.max_password) return "the password is longer than " + std::to_string(limits.max_password) + " bytes";
  if (invalid_utf8_at(password) != std::string::npos) return "the password is not valid UTF-8";
  if (utf8_columns(password) < limits.min_password)
    return "the password needs at least " + std::to_string(limits.min_password) + " characters";
  if (password.find('\0') != std::string::npos || has_unsafe_chars(password)) return "the password may not hold control characters";
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
  if (!accounts::person_exists(db, person))
    throw Error("--person " + terminal_safe(person) + ": no such person in the store (import people.csv first)");
  if (find_user(db, login)) throw Error("login " + login + " exists already");
  accounts::insert_user(db, login, person, hash_password(password), admin, now_utc());
  tx.commit();
}

void set_password(SQLite::Database& db, const std::string& login, const std::string& password, const LoginLimits& limits) {
  if (auto why = weak_password(login, password, limits); !why.empty()) throw Error(why);
  std::string hash = hash_password(password);
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (!accounts::update_password(db, login, hash, now_utc())) throw Error("no account " + terminal_safe(login));
  // A new password ends every other session: whoever knew the old one is out.
  accounts::drop_sessions_of(db, login);
  tx.commit();
}

void set_disabled(SQLite::Database& db, const std::string& login, bool disabled) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (!accounts::update_disabled(db, login, disabled, now_utc())) throw Error("no account " + terminal_safe(login));
  if (disabled) {
    accounts::drop_sessions_of(db, login);
    accounts::drop_tokens_of(db, login);
  }
  tx.commit();
}

std::vector<User> list_users(SQLite::Database& db) { return accounts::users(db); }

std::optional<User> find_user(SQLite::Database& db, const std::string& login) { return accounts::user(db, login); }

std::string add_api_token(SQLite::Database& db, const std::string& login, const std::string& label) {
  auto u = find_user(db, login);
  if (!u) throw Error("no account " + terminal_safe(login));
  if (u->disabled) throw Error("account " + login + " is disabled");
  std::string token = random_token();
  accounts::insert_token(db, token_hash(token), login, label, now_utc());
  return token;
}

std::optional<User> user_of_api_token(SQLite::Database& db, const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  auto u = accounts::user_of_token_hash(db, token_hash(token));
  if (!u || u->disabled) return std::nullopt;
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

LoginOutcome try_login(SQLite::Database& db, const std::string& login, const std::string& password, const std::string& address, int64_t now,
                       const LoginLimits& limits) {
  int64_t since = now - limits.window_seconds;
  LoginOutcome o;
  if (accounts::failures_of_login(db, login, since) >= limits.per_account ||
      accounts::failures_from(db, address, since) >= limits.per_address) {
    o = LoginOutcome::throttled;  // the password is not even looked at: guessing gains nothing
  } else if (password.size() > limits.max_password) {
    o = LoginOutcome::bad_password;
  } else {
    auto stored = accounts::credentials(db, login);
    if (!stored) {
      dummy_password_check(password);
      o = LoginOutcome::unknown;
    } else {
      auto& [hash, disabled] = *stored;
      bool good = check_password(hash, password);
      o = !good ? LoginOutcome::bad_password : disabled ? LoginOutcome::disabled : LoginOutcome::ok;
    }
  }
  record(db, login, address, now, o);
  return o;
}

std::vector<LoginRecord> login_history(SQLite::Database& db, size_t limit, const std::string& login) {
  return accounts::logins(db, limit, login);
}

}  // namespace jiandu::web
