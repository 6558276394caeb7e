#include "cli/cli_common.h"

#include "base/utf8.h"

#include <chrono>

#include "base/error.h"
#include "base/timestamp.h"
#include "store/store.h"

namespace jiandu::cli {

Date date_option(const std::string& value, const char* option) {
  auto d = Date::parse(value);
  if (!d) throw Error(std::string(option) + " must be a date YYYY-MM-DD, not '" + value + "'");
  return *d;
}

const CLI::Validator& date_validator() {
  static const CLI::Validator v(
      [](std::string& s) -> std::string { return Date::parse(s) ? std::string() : "not a date (YYYY-MM-DD): '" + terminal_safe(s) + "'"; },
      "DATE");
  return v;
}

Date today_or(const std::string& given) {
  if (!given.empty()) return date_option(given, "the date");
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  Zone z(Store::kDefaultZone);
  return Timestamp{now, z.offset_at(now)}.local_date();
}

Date today_in(Store& store) { return store.today(); }

std::string accept_catalog_hint(Store& store, const std::string& file) {
  auto c = store.current_catalog();
  std::string kept = c ? "version " + std::to_string(c->version) + ", from " + c->name + ", added " + c->added : "none";
  return "--catalog " + file + ": not the event catalog the store keeps (" + kept + "). To make it version " +
         std::to_string(c ? c->version + 1 : 1) + ", run: jiandu catalog accept --db " + store.path() + " " + file +
         " (every stored event is checked against it first)";
}

void add_store_catalog_option(CLI::App* cmd, std::string& file) {
  cmd->add_option("--catalog", file, "the deployment's event catalog: must be the one the store keeps (jiandu catalog list)");
}

void require_store_catalog(Store& store, const std::string& file) {
  if (file.empty()) return;
  if (store.compare_catalog(file) != Store::CatalogMatch::same) throw Error(accept_catalog_hint(store, file));
}

Catalog catalog_for(const std::string& catalog_file, const std::string& db) {
  if (!db.empty()) {
    auto store = Store::open(db, Store::Mode::read_only);
    Catalog c = store->catalog();
    if (!catalog_file.empty()) {
      Diagnostics d;
      c.load(Source::read_file(catalog_file), d);
      if (d.has_errors()) throw Error("the event catalog has errors:\n" + render_all(d));
    }
    return c;
  }
  return load_catalog(catalog_file.empty() ? std::nullopt : std::optional<std::string>(catalog_file));
}

}  // namespace jiandu::cli
