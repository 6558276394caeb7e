#pragma once
#include <CLI/CLI.hpp>
// Helpers the subcommands share: today's date, the catalog to check rules against.
#include <optional>
#include <string>

#include "base/date.h"
#include "store/catalog.h"
#include "store/store.h"

namespace jiandu::cli {

// Today in the store's default zone, or the date given (YYYY-MM-DD; throws Error if bad).
Date today_or(const std::string& given);
// Today in the store's zone: the day of a person's action.
Date today_in(Store& store);
// A date option; throws Error naming the option when it is not YYYY-MM-DD.
Date date_option(const std::string& value, const char* option);
// For an option that takes a date: refuses at parse time anything but YYYY-MM-DD (also an
// empty value, which would otherwise read as "not given": today).
const CLI::Validator& date_validator();
// The built-in catalog, extended by --catalog FILE, or by the catalog a store remembers.
Catalog catalog_for(const std::string& catalog_file, const std::string& db);
// --catalog FILE on a command that reads a store: the file must be the catalog the store
// keeps (else an Error saying how to accept it as a new version). Nothing when `file` is empty.
void require_store_catalog(Store& store, const std::string& file);
// That option, worded the same on every command that reads a store.
void add_store_catalog_option(CLI::App* cmd, std::string& file);
// How to make `file` the store's next catalog version.
std::string accept_catalog_hint(Store& store, const std::string& file);

}  // namespace jiandu::cli
