#include "web/sessions.h"

#include <sqlite3.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "base/sha256.h"
#include "web/secret.h"

namespace jiandu::web {

std::string csrf_of(const std::string& token) { return sha256_hex("jiandu csrf\n" + token); }

std::string open_session(SQLite::Database& db, const std::string& login, const std::string& address, int64_t now) {
  std::string token = random_token();
  SQLite::Statement q(db, "INSERT INTO web_sessions(token_hash, login, created, seen, address) VALUES(?,?,?,?,?)");
  q.bind(1, token_hash(token));
  q.bind(2, login);
  q.bind(3, now);
  q.bind(4, now);
  q.bind(5, address.substr(0, 64));
  q.exec();
  return token;
}

std::optional<Session> find_session(SQLite::Database& db, const std::string& token, int64_t now, const SessionLimits& limits) {
  if (token.size() != 64) return std::nullopt;
  std::string hash = token_hash(token);
  SQLite::Statement q(db, "SELECT login, created, seen FROM web_sessions WHERE token_hash = ?");
  q.bind(1, hash);
  if (!q.executeStep()) return std::nullopt;
  std::string login = q.getColumn(0).getString();
  int64_t created = q.getColumn(1).getInt64(), seen = q.getColumn(2).getInt64();
  q.reset();
  auto drop = [&] {
    SQLite::Statement d(db, "DELETE FROM web_sessions WHERE token_hash = ?");
    d.bind(1, hash);
    d.exec();
  };
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
      SQLite::Statement t(db, "UPDATE web_sessions SET seen = ? WHERE token_hash = ?");
      t.bind(1, now);
      t.bind(2, hash);
      t.exec();
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

void close_session(SQLite::Database& db, const std::string& token) {
  SQLite::Statement d(db, "DELETE FROM web_sessions WHERE token_hash = ?");
  d.bind(1, token_hash(token));
  d.exec();
}

}  // namespace jiandu::web
