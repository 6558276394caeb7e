#pragma once
// The web workplace's tables (users, api_tokens, logins, web_sessions) behind typed calls:
// web/ keeps the policy (password rules, hashing, throttling, session lifetimes), this file
// the SQL. Every value is bound; tokens are kept only as their hashes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace jiandu::accounts {

struct UserRow {
  std::string login, person, person_name, created, changed;
  bool admin = false, disabled = false;
};
std::vector<UserRow> users(SQLite::Database& db);  // by login
std::optional<UserRow> user(SQLite::Database& db, const std::string& login);
std::optional<UserRow> user_of_token_hash(SQLite::Database& db, const std::string& token_hash);
// The stored password hash and whether the account is disabled.
std::optional<std::pair<std::string, bool>> credentials(SQLite::Database& db, const std::string& login);
bool person_exists(SQLite::Database& db, const std::string& person);  // an account logs in as a person of the records
void insert_user(SQLite::Database& db, const std::string& login, const std::string& person, const std::string& pwhash, bool admin,
                 const std::string& now);
// False when there is no such account.
bool update_password(SQLite::Database& db, const std::string& login, const std::string& pwhash, const std::string& now);
bool update_disabled(SQLite::Database& db, const std::string& login, bool disabled, const std::string& now);
void drop_sessions_of(SQLite::Database& db, const std::string& login);
void drop_tokens_of(SQLite::Database& db, const std::string& login);
void insert_token(SQLite::Database& db, const std::string& token_hash, const std::string& login, const std::string& label,
                  const std::string& now);

// Failed attempts (bad password, unknown login, disabled, throttled) since `since`.
int64_t failures_of_login(SQLite::Database& db, const std::string& login, int64_t since);
int64_t failures_from(SQLite::Database& db, const std::string& address, int64_t since);
void insert_login(SQLite::Database& db, int64_t at, const std::string& login, const std::string& address, const std::string& outcome);
struct LoginRow {
  int64_t at = 0;
  std::string login, address, outcome;
};
std::vector<LoginRow> logins(SQLite::Database& db, size_t limit, const std::string& login);  // newest first; all logins if empty

struct SessionRow {
  std::string login;
  int64_t created = 0, seen = 0;
};
void insert_session(SQLite::Database& db, const std::string& token_hash, const std::string& login, int64_t now, const std::string& address);
std::optional<SessionRow> session(SQLite::Database& db, const std::string& token_hash);
void drop_session(SQLite::Database& db, const std::string& token_hash);
// Throws SQLite::Exception (SQLITE_BUSY when another write holds the store).
void touch_session(SQLite::Database& db, const std::string& token_hash, int64_t now);

}  // namespace jiandu::accounts
