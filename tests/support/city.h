#pragma once
// The bundled example city, imported into a fresh store, with the library's rules loaded:
// what the end-to-end tests run against.
#include <memory>
#include <string>

#include "base/calendar.h"
#include "check/rules.h"
#include "eval/run.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace jiandu::test {

struct City {
  TempDir dir;
  std::unique_ptr<Store> store;
  std::shared_ptr<check::RuleSet> rules;
  Calendar calendar;
  City();
  // The library's whole graph, run over the city as of the date on one thread (fails the test
  // when the graph does not compile).
  eval::RunResult check_as_of(const std::string& date);
};

// The rules/ folder's rule files, checked (fails the test on any error).
std::shared_ptr<check::RuleSet> library_rules(const Catalog& catalog);
Calendar library_calendar();
std::string source_path(const std::string& relative);

}  // namespace jiandu::test
