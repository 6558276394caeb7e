#pragma once
// The SQLite store (schemas/store.sql): opened in WAL mode with foreign keys on, migrated
// forward on open, refused when it was written by a newer jiandu.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "base/date.h"
#include "base/zone.h"
#include "store/catalog.h"

namespace jiandu {

class Store {
 public:
  static constexpr int kVersion = 9;
  static constexpr const char* kDefaultZone = "Asia/Shanghai";

  enum class Mode { read_write, read_only };

  // Creates a new store; throws Error when the file exists or the zone/catalog is bad. A
  // catalog file given here is kept, as text, as the store's catalog version 1.
  static std::unique_ptr<Store> create(const std::string& path, const std::string& zone = kDefaultZone,
                                       const std::optional<std::string>& catalog = std::nullopt);
  // Opens a store, migrating an older one (read_write only); throws Error on a newer one.
  static std::unique_ptr<Store> open(const std::string& path, Mode mode = Mode::read_write);

  SQLite::Database& db() { return db_; }
  const std::string& path() const { return path_; }
  const Zone& zone() const { return zone_; }
  // Today's date in the store's zone: the day people act on.
  Date today() const;
  // The built-in catalog, extended by the newest version of the deployment catalog the
  // store keeps (its text, not a path: moving or editing the file changes nothing here).
  const Catalog& catalog() const { return catalog_; }
  struct CatalogVersion {
    int64_t version = 0;
    std::string name, text, sha256, added, note;
  };
  std::vector<CatalogVersion> catalog_versions();  // oldest first; empty: built-in only
  std::optional<CatalogVersion> current_catalog();
  // A deployment catalog file as the store sees it: the one it keeps, none kept yet, or
  // another text. Throws Error (with file:line:col) when the file has errors.
  enum class CatalogMatch { same, none, differs };
  CatalogMatch compare_catalog(const std::string& file);
  // Keeps the file's text as the next version and uses it; in the caller's transaction when
  // there is one. Refused (Error, nothing written) when a stored event would not fit it.
  int64_t accept_catalog(const std::string& file, const std::string& note = "");
  // For a temporary store (rule tests): use this catalog, keeping nothing.
  void use_catalog(Catalog c) { catalog_ = std::move(c); }

  std::optional<std::string> meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);

  static int version_of(SQLite::Database& db);
  // Whether this account may write the store and beside it (its -wal and -shm files).
  static bool can_write(const std::string& path);

 private:
  Store(const std::string& path, int flags);
  Store(const std::string& name, int flags, const std::string& path);  // name: a path or a file: URI
  static std::unique_ptr<Store> open_unwritable(const std::string& path);
  std::vector<CatalogVersion> catalogs(const char* order_tail);  // " DESC LIMIT 1" for the newest
  void load_settings();
  void migrate();
  void adopt_catalog_file();

  std::string path_;
  SQLite::Database db_;
  Zone zone_{"UTC"};
  Catalog catalog_;
};

// Loads the built-in catalog plus `file`; throws Error rendering the diagnostics.
Catalog load_catalog(const std::optional<std::string>& file);
// The built-in catalog plus a deployment catalog's text (named `name` in diagnostics).
Catalog catalog_from_text(const std::string& name, const std::string& text);

}  // namespace jiandu
