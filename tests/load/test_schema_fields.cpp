// The editor's schema (schemas/rule.schema.json) and the loader agree on each kind's fields:
// a field the loader accepts but the schema does not would be marked an error in the
// editor, and one the schema offers but the loader refuses would fail lint (E024).
#include <fstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "load/loader.h"

using namespace jiandu;

namespace {

nlohmann::json schema() {
  std::ifstream in(std::string(JIANDU_SOURCE_DIR) + "/schemas/rule.schema.json");
  return nlohmann::json::parse(in);
}

// The field names the schema allows for rules of `kind` (its if/then branch).
std::set<std::string> schema_fields(const nlohmann::json& s, const std::string& kind) {
  for (auto& branch : s["definitions"]["rule"]["allOf"])
    if (branch["if"]["properties"]["kind"]["const"] == kind) return branch["then"]["propertyNames"]["enum"].get<std::set<std::string>>();
  return {};
}

}  // namespace

TEST_CASE("schema: every kind's fields are the loader's, and each has a description", "[schema]") {
  auto s = schema();
  auto& props = s["definitions"]["rule"]["properties"];
  for (auto& def : load::kind_defs()) {
    std::string kind = def.name;
    INFO("kind " << kind);
    std::set<std::string> loader;
    for (auto& f : load::common_fields()) loader.insert(f.name);
    for (auto& f : def.fields) loader.insert(f.name);
    CHECK(schema_fields(s, kind) == loader);
    for (auto& f : loader) {
      INFO("field " << f);
      CHECK(props.contains(f));
    }
  }
}

TEST_CASE("schema: a chain link is a duty or a requirement, with the loader's fields", "[schema]") {
  auto s = schema();
  auto& link = s["definitions"]["link"]["properties"];
  for (const char* f : {"role", "in", "expect", "at_least", "each_holder", "id", "require"}) {
    INFO("link field " << f);
    CHECK(link.contains(f));
  }
}
