#pragma once
// Logged-in sessions (store table web_sessions): a random 256-bit token in an HttpOnly,
// SameSite=Strict cookie, kept in the store only as its SHA-256; ended by logging out, by
// idle or absolute timeout, by a new password or a disabled account. The CSRF token of a
// session is derived from its token, so forms carry a value an attacker cannot read.
#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>

#include "web/accounts.h"

namespace jiandu::web {

struct SessionLimits {
  int64_t idle_seconds = 30 * 60;
  int64_t absolute_seconds = 12 * 60 * 60;
  int64_t touch_every = 60;  // `seen` is written at most this often (fewer writes beside an audit)
};

struct Session {
  User user;
  std::string csrf;  // what every state-changing request must carry
  int64_t created = 0;
};

// Returns the new session's token (for the cookie).
std::string open_session(SQLite::Database& db, const std::string& login, const std::string& address, int64_t now);
// The session of `token`, when it is live and its account enabled; a timed-out session is deleted.
std::optional<Session> find_session(SQLite::Database& db, const std::string& token, int64_t now, const SessionLimits& limits = {});
void close_session(SQLite::Database& db, const std::string& token);
// The CSRF token of a session token.
std::string csrf_of(const std::string& token);

}  // namespace jiandu::web
