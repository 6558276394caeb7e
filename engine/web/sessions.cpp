#include "web/sessions.h"

#include <sqlite3.h>
#include <SQLiteCpp/Exception.h>

#include "base/sha256.h"
#include "store/account_rows.h"
#include "web/secret.h"

namespace jiandu::web {

std::string csrf_of(const std::string& token) { return sha256_hex("jiandu csrf\n" + token); }

std::string open_session(SQLite::Database& db, const std::string& login, const std::string& address, int64_t now) {
  std::string token = random_token();
  accounts::insert_session(db, token_hash(token), login, now, address.substr(0, 64));
  return token;
}

std::optional<Session> find_session(SQLite::Database& db, const std::string& token, int64_t now, const SessionLimits& limits) {
  if (token.size() != 64) return std::nullopt;
  std::string hash = token_hash(token);
  auto row = accounts::session(db, hash);
  if (!row) return std::nullopt;
  const std::string& login = row->login;
  int64_t created = row->created, seen = row->seen;
  auto drop = [&] { accounts::drop_session(db, hash); };
  if (now - seen > limits.idle_seconds || now - created > limits.absolute_seconds) {
    drop();
    return std::nullopt;
  }
  auto user = find_user(db, login);
  if (!user || user->disabled) {
    drop();
    return std::nullopt;
  }
  if (now - seen >= limits.touch_every) {
    // Best effort, never waited for: while another write (an audit's commit) holds the store,
    // the touch is left for the next request, a minute of idle time at most.
    db.setBusyTimeout(0);
    try {
      accounts::touch_session(db, hash, now);
    } catch (const SQLite::Exception& e) {
      if (e.getErrorCode() != SQLITE_BUSY) {
        db.setBusyTimeout(5000);
        throw;
      }
    }
    db.setBusyTimeout(5000);
  }
  return Session{*user, csrf_of(token), created};
}

void close_session(SQLite::Database& db, const std::string& token) { accounts::drop_session(db, token_hash(token)); }

}  // namespace jiandu::web
