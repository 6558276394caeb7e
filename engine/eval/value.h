#pragma once
// Run-time values of expressions, and the event record they read.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/timestamp.h"

namespace jiandu::eval {

// One event as the run streams it. Attributes are parsed on first use only.
struct Event {
  int64_t seq = 0;
  std::string id;
  Timestamp ts;
  Date date;                               // local
  const std::string* type_name = nullptr;  // interned: one string per event type per run
  int org = -1;                            // index in the OrgGraph
  int person = -1;
  std::string ref;
  bool has_ref = false;
  std::string attrs_text;
  const nlohmann::json& attrs() const;  // throws EvalFault on bad JSON

 private:
  mutable std::unique_ptr<nlohmann::json> attrs_;
};

// A period of a periodic or chain rule.
struct Period {
  int64_t index = 0;
  Date start, end, due;
  std::string label;  // 2025-07, 2025-Q3, 2025-H2, 2025, 2025-W07
};

struct OrgRef {
  int index;
};
struct PersonRef {
  int index;
};
struct Null {};

struct Value;
using List = std::shared_ptr<const std::vector<Value>>;

struct Value
    : std::variant<Null, bool, int64_t, double, std::string, Date, Timestamp, List, const Event*, OrgRef, PersonRef, const Period*> {
  using variant::variant;
  bool is_null() const { return std::holds_alternative<Null>(*this); }
};

// A fault in the data while evaluating (an attribute that is not what the catalog says, a
// division by zero): counted against the rule, never a crash.
struct EvalFault : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace jiandu::eval
