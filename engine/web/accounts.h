#pragma once
// The accounts of the web workplace (store tables users, api_tokens, logins): each account
// logs in as one person of the organisation records, and sees and acts as that person.
// Logging in is throttled per account and per address, and every attempt is recorded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "store/account_rows.h"

namespace jiandu::web {

// The throttle and the password rule (docs/web.md): security settings, not regulations.
struct LoginLimits {
  int window_seconds = 15 * 60;  // failures are counted over this window
  int per_account = 5;           // failures of one login before it is held for the window
  int per_address = 20;          // failures from one address, over every login
  size_t min_password = 10;      // characters
  size_t max_password = 1024;    // bytes: Argon2id reads it all
};

using User = accounts::UserRow;

// Throws Error: a login that is not [a-z0-9._-]{1,64}, a person not in the store, a taken
// login, a weak password.
void add_user(SQLite::Database& db, const std::string& login, const std::string& person, const std::string& password, bool admin,
              const LoginLimits& limits = {});
void set_password(SQLite::Database& db, const std::string& login, const std::string& password, const LoginLimits& limits = {});
// Disabling also ends the account's sessions and revokes its API tokens.
void set_disabled(SQLite::Database& db, const std::string& login, bool disabled);
std::vector<User> list_users(SQLite::Database& db);
std::optional<User> find_user(SQLite::Database& db, const std::string& login);
// Why `password` is not acceptable for `login`, or empty.
std::string weak_password(const std::string& login, const std::string& password, const LoginLimits& limits = {});

// A new API token for scripts (shown once; the store keeps its hash).
std::string add_api_token(SQLite::Database& db, const std::string& login, const std::string& label);
std::optional<User> user_of_api_token(SQLite::Database& db, const std::string& token);

enum class LoginOutcome { ok, bad_password, unknown, disabled, throttled };
const char* outcome_name(LoginOutcome o);

// Checks the password (Argon2id) unless the account or the address is throttled, and records
// the attempt. A login that does not exist costs the same time as one that does.
LoginOutcome try_login(SQLite::Database& db, const std::string& login, const std::string& password, const std::string& address, int64_t now,
                       const LoginLimits& limits = {});

using LoginRecord = accounts::LoginRow;
std::vector<LoginRecord> login_history(SQLite::Database& db, size_t limit, const std::string& login = "");

}  // namespace jiandu::web
