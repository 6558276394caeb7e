#include "store/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "base/embedded.h"
#include "base/error.h"
#include "base/json_limits.h"
#include "base/sha256.h"
#include "base/timestamp.h"

namespace jiandu {
namespace fs = std::filesystem;

Catalog catalog_from_text(const std::string& name, const std::string& text) {
  Catalog c = Catalog::builtin();
  Diagnostics d;
  c.load(std::make_shared<Source>(name, text), d);
  if (d.has_errors()) throw Error("the event catalog has errors:\n" + render_all(d));
  return c;
}

Catalog load_catalog(const std::optional<std::string>& file) {
  if (!file) return Catalog::builtin();
  auto src = Source::read_file(*file);
  return catalog_from_text(src->name(), src->text());
}

namespace {

void insert_catalog(SQLite::Database& db, const std::string& name, const std::string& text, const std::string& note) {
  SQLite::Statement q(db,
                      "INSERT INTO catalogs(version, name, text, sha256, added, note) "
                      "VALUES((SELECT coalesce(max(version), 0) + 1 FROM catalogs), ?, ?, ?, ?, ?)");
  q.bind(1, name);
  q.bind(2, text);
  q.bind(3, sha256_hex(text));
  q.bind(4, now_utc());
  q.bind(5, note);
  q.exec();
}

}  // namespace

Store::Store(const std::string& path, int flags) : Store(path, flags, path) {}

// A Store is used by one thread at a time (the web workplace leases one per request), so the
// connection goes without SQLite's per-call locking: a run calls into it several times per event.
Store::Store(const std::string& name, int flags, const std::string& path) : path_(path), db_(name, flags | SQLITE_OPEN_NOMUTEX) {
  db_.exec("PRAGMA foreign_keys = ON");
  db_.setBusyTimeout(5000);
}

namespace {
std::string fmt_percent(char c) {
  static const char* hex = "0123456789ABCDEF";
  return {'%', hex[(unsigned char)c >> 4], hex[(unsigned char)c & 15]};
}
}  // namespace

int Store::version_of(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

std::unique_ptr<Store> Store::create(const std::string& path, const std::string& zone, const std::optional<std::string>& catalog) {
  // An empty file (a store whose creation failed before version 5) holds nothing to lose.
  std::error_code ec;
  bool empty_file = fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0;
  if (fs::exists(path) && !empty_file) throw Error(path + ": already exists (jiandu init makes a new store)");
  // An anchor beside the path belongs to a store that was there before: a new store would
  // disagree with it at its first audit.
  if (fs::exists(path + ".anchor"))
    throw Error(path +
                ".anchor: the anchor file of an earlier store at this path is still there; move it away (keep it "
                "with that store) or remove it, then run init again");
  Zone z(zone);  // validates before anything is written
  Catalog c = load_catalog(catalog);
  // Made whole beside the target and then put in place: a full disk or a kill leaves no
  // half-made store behind to block the next init.
  std::string temp = path + ".creating-" + std::to_string(::getpid());
  auto cleanup = [&] {
    for (auto ext : {"", "-wal", "-shm", "-journal"}) fs::remove(temp + ext, ec);
  };
  cleanup();
  try {
    Store s(temp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    s.db_.exec("PRAGMA journal_mode = WAL");
    SQLite::Transaction tx(s.db_);
    s.db_.exec(std::string(embedded("schemas/store.sql")));
    s.db_.exec("PRAGMA user_version = " + std::to_string(kVersion));
    s.set_meta("zone", zone);
    if (catalog) insert_catalog(s.db_, fs::path(*catalog).filename().string(), Source::read_file(*catalog)->text(), "init");
    tx.commit();
    s.db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (const SQLite::Exception& e) {
    cleanup();
    throw Error(path + ": the store could not be created (" + e.what() + "); nothing was left behind");
  }
  // link() refuses an existing target: two inits at once cannot both succeed.
  int rc = empty_file ? ::rename(temp.c_str(), path.c_str()) : ::link(temp.c_str(), path.c_str());
  int err = errno;
  cleanup();
  if (rc != 0)
    throw Error(path + (err == EEXIST ? ": already exists (jiandu init makes a new store)"
                                      : ": the store could not be put in place (" + std::string(std::strerror(err)) + ")"));
  return open(path);
}

std::unique_ptr<Store> Store::open(const std::string& path, Mode mode) {
  if (!fs::exists(path)) throw Error(path + ": no such store (create one with: jiandu init " + path + ")");
  // SQLite names its write-ahead log after the path: a store with a second name (a hard link)
  // would have two logs, and what is committed through one name is lost to the other.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink > 1)
    throw Error(path + ": the store has " + std::to_string(st.st_nlink) +
                " names (hard links); each name would get its own write-ahead log and commits made through one would be lost "
                "to the others. Remove the extra links and use one path (a symbolic link is fine)");
  int flags = mode == Mode::read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
  std::unique_ptr<Store> s;
  try {
    s.reset(new Store(path, flags));
    s->version_of(s->db_);
    s->db_.execAndGet("SELECT count(*) FROM sqlite_master");
  } catch (const SQLite::Exception& e) {
    if (mode != Mode::read_only || can_write(path)) throw Error(path + ": not a jiandu store (" + e.what() + ")");
    s = open_unwritable(path);
  }
  int v = version_of(s->db_);
  if (v == 0) throw Error(path + ": not a jiandu store (no schema version)");
  if (v > kVersion)
    throw Error(path + ": the store is version " + std::to_string(v) + ", written by a newer jiandu; this one reads up to version " +
                std::to_string(kVersion) + " (upgrade jiandu)");
  if (v < kVersion) {
    if (mode == Mode::read_only)
      throw Error(path + ": the store is version " + std::to_string(v) + " and needs migrating to " + std::to_string(kVersion) +
                  "; run a writing command first (e.g. jiandu status --db " + path + ")");
    s->migrate();
  }
  s->load_settings();
  return s;
}

bool Store::can_write(const std::string& path) {
  fs::path dir = fs::absolute(path).parent_path();
  return ::access(path.c_str(), W_OK) == 0 && ::access(dir.c_str(), W_OK) == 0;
}

// A reader who may not write beside the store (a read-only account, a read-only mount):
// SQLite's write-ahead log needs a -shm file it cannot create. With no log pending, the
// file alone is the whole store and is read as immutable; with one, only its writer can
// fold it in first.
std::unique_ptr<Store> Store::open_unwritable(const std::string& path) {
  std::error_code ec;
  auto wal = fs::file_size(path + "-wal", ec);
  if (!ec && wal > 0)
    throw Error(path + ": cannot be read by this account: the store's write-ahead log (" + path +
                "-wal) holds commits that only an account that may write beside the store can fold in. Ask its operator "
                "to run `jiandu status --db " +
                path + "` (or wait for the running audit to end), then try again");
  std::string uri = "file:";
  for (char c : fs::absolute(path).string()) {
    if (c == '%' || c == '?' || c == '#')
      uri += fmt_percent(c);
    else
      uri += c;
  }
  uri += "?immutable=1";
  try {
    std::unique_ptr<Store> s(new Store(uri, SQLite::OPEN_READONLY | SQLITE_OPEN_URI, path));
    s->db_.execAndGet("SELECT count(*) FROM sqlite_master");
    return s;
  } catch (const SQLite::Exception& e) {
    throw Error(path + ": not a jiandu store, or not readable by this account (" + e.what() + ")");
  }
}

void Store::migrate() {
  SQLite::Transaction tx(db_);
  for (int v = version_of(db_) + 1; v <= kVersion; ++v) {
    char name[64];
    std::snprintf(name, sizeof name, "schemas/migrations/%04d.sql", v);
    try {
      db_.exec(std::string(embedded(name)));
    } catch (const SQLite::Exception& e) {
      // Rolled back whole: the store stays as it was.
      throw Error(path_ + ": migrating the store from version " + std::to_string(v - 1) + " to " + std::to_string(v) + " failed (" +
                  e.what() + "); it was left unchanged. Its version number may not match its tables (was it edited?)");
    }
    if (v == 6) adopt_catalog_file();
    db_.exec("PRAGMA user_version = " + std::to_string(v));
  }
  tx.commit();
}

Date Store::today() const {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return Timestamp{now, zone_.offset_at(now)}.local_date();
}

// Up to version 5 a store named its deployment catalog by a path; it now keeps the text
// that path holds, as version 1 (inside the migration's transaction: all or nothing).
void Store::adopt_catalog_file() {
  auto path = meta("catalog");
  if (!path) return;
  std::string text;
  try {
    text = Source::read_file(*path)->text();
  } catch (const Error& e) {
    throw Error(path_ + ": the store names its event catalog by the file " + *path + ", which cannot be read (" + e.what() +
                "). Put the file back there and run the command again: from now on the store keeps the catalog's text itself");
  }
  (void)catalog_from_text(*path, text);  // its errors stop the migration
  insert_catalog(db_, fs::path(*path).filename().string(), text, "migrated from " + *path);
  SQLite::Statement q(db_, "DELETE FROM meta WHERE key = 'catalog'");
  q.exec();
}

void Store::load_settings() {
  zone_ = Zone(meta("zone").value_or(kDefaultZone));
  auto current = current_catalog();
  catalog_ = current ? catalog_from_text("catalog version " + std::to_string(current->version) + " (" + current->name + ")", current->text)
                     : Catalog::builtin();
}

std::vector<Store::CatalogVersion> Store::catalogs(const char* order_tail) {
  std::vector<CatalogVersion> out;
  SQLite::Statement q(db_, std::string("SELECT version, name, text, sha256, added, note FROM catalogs ORDER BY version") + order_tail);
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString(),
                   q.getColumn(4).getString(), q.getColumn(5).getString()});
  return out;
}

std::vector<Store::CatalogVersion> Store::catalog_versions() { return catalogs(""); }

// Every open and every fingerprint asks for the newest one: one row, not every version's text.
std::optional<Store::CatalogVersion> Store::current_catalog() {
  auto newest = catalogs(" DESC LIMIT 1");
  if (newest.empty()) return std::nullopt;
  return newest.front();
}

Store::CatalogMatch Store::compare_catalog(const std::string& file) {
  auto src = Source::read_file(file);
  auto current = current_catalog();
  if (current && current->text == src->text()) return CatalogMatch::same;  // checked when it was kept
  (void)catalog_from_text(src->name(), src->text());                       // its mistakes, before anything is said of it
  return current ? CatalogMatch::differs : CatalogMatch::none;
}

int64_t Store::accept_catalog(const std::string& file, const std::string& note) {
  auto src = Source::read_file(file);
  Catalog next = catalog_from_text(src->name(), src->text());
  // Every stored event must still be readable: its type known and its attributes allowed.
  SQLite::Statement q(db_, "SELECT id, type, attrs FROM events ORDER BY seq");
  std::string misfits;
  size_t count = 0;
  while (q.executeStep()) {
    std::string why;
    const EventType* t = next.find(q.getColumn(1).getString());
    if (!t)
      why = "unknown event type '" + q.getColumn(1).getString() + "'";
    else if (auto j = parse_json_bounded(q.getColumn(2).getString(), why); j.is_discarded())
      why = "attrs unreadable: " + why;
    else if (auto err = next.check_attrs(*t, j))
      why = *err;
    if (why.empty()) continue;
    if (++count <= 10) misfits += "\n  event " + q.getColumn(0).getString() + ": " + why;
  }
  if (count)
    throw Error(file + ": not accepted: " + std::to_string(count) + " stored event(s) would not fit this catalog" + misfits +
                (count > 10 ? "\n  …" : "") +
                "\n(a catalog may add types and attributes; one that drops what stored events use would change how they are read)");
  bool own = db_.getHandle() && sqlite3_get_autocommit(db_.getHandle());
  std::optional<SQLite::Transaction> tx;
  if (own) tx.emplace(db_);
  insert_catalog(db_, fs::path(file).filename().string(), src->text(), note);
  if (tx) tx->commit();
  catalog_ = std::move(next);
  return current_catalog()->version;
}

std::optional<std::string> Store::meta(const std::string& key) {
  SQLite::Statement q(db_, "SELECT value FROM meta WHERE key = ?");
  q.bind(1, key);
  if (q.executeStep()) return q.getColumn(0).getString();
  return std::nullopt;
}

void Store::set_meta(const std::string& key, const std::string& value) {
  SQLite::Statement q(db_, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  q.bind(1, key);
  q.bind(2, value);
  q.exec();
}

}  // namespace jiandu
