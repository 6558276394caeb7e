#pragma once
// The SQLite store (schemas/store.sql): opened in WAL mode with foreign keys on, migrated
// forward on open, refused when it was written by a newer jiandu.
#include <memory>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>

#include "base/date.h"
#include "base/zone.h"
#include "store/catalog.h"

namespace jiandu {

class Store {
 public:
  static constexpr int kVersion = 5;
  static constexpr const char* kDefaultZone = "Asia/Shanghai";

  enum class Mode { read_write, read_only };

  // Creates a new store; throws Error when the file exists or the zone/catalog is bad.
  static std::unique_ptr<Store> create(const std::string& path, const std::string& zone = kDefaultZone,
                                       const std::optional<std::string>& catalog = std::nullopt);
  // Opens a store, migrating an older one (read_write only); throws Error on a newer one.
  static std::unique_ptr<Store> open(const std::string& path, Mode mode = Mode::read_write);

  SQLite::Database& db() { return db_; }
  const std::string& path() const { return path_; }
  const Zone& zone() const { return zone_; }
  // Today's date in the store's zone: the day people act on.
  Date today() const;
  // The built-in catalog, extended by the deployment's catalog file the store remembers.
  const Catalog& catalog() const { return catalog_; }
  // Remembers a deployment catalog file (checked first; throws Error with its diagnostics).
  void set_catalog(const std::string& file);

  std::optional<std::string> meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);

  static int version_of(SQLite::Database& db);

 private:
  Store(const std::string& path, int flags);
  void load_settings();
  void migrate();

  std::string path_;
  SQLite::Database db_;
  Zone zone_{"UTC"};
  Catalog catalog_;
};

// Loads the built-in catalog plus `file`; throws Error rendering the diagnostics.
Catalog load_catalog(const std::optional<std::string>& file);

}  // namespace jiandu
