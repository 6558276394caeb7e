#pragma once
// The event catalog: event types and their typed attributes (schemas/events.yaml).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/diagnostic.h"
#include "base/names.h"

namespace jiandu {

enum class AttrType { string, int_, decimal, boolean, date, timestamp };
inline constexpr Named<AttrType> kAttrTypes[] = {{AttrType::string, "string"},   {AttrType::int_, "int"},
                                                 {AttrType::decimal, "decimal"}, {AttrType::boolean, "bool"},
                                                 {AttrType::date, "date"},       {AttrType::timestamp, "timestamp"}};
static_assert(in_order(kAttrTypes));
inline const char* attr_type_name(AttrType t) { return name_of(kAttrTypes, t); }
inline std::optional<AttrType> attr_type_from(std::string_view name) { return value_of(kAttrTypes, name); }

struct AttrSpec {
  std::string name;
  AttrType type = AttrType::string;
  bool required = false;
  std::vector<std::string> values;  // enumeration of allowed strings, if any
};

struct EventType {
  std::string name;
  std::string title;
  // "roles" for the types jiandu makes from the role records (role.start, role.end; see
  // eval/role_events.h); empty for the types records are imported as.
  std::string derived;
  std::vector<AttrSpec> attrs;
  Span where;  // for diagnostics that point at the catalog
  const AttrSpec* attr(std::string_view n) const;
};

class Catalog {
 public:
  // The catalog compiled into jiandu (schemas/events.yaml).
  static Catalog builtin();
  // Parses a catalog text; a later file's type replaces an earlier one of the same name.
  void load(const SourcePtr& src, Diagnostics& diags);

  const EventType* find(std::string_view type) const;
  const std::map<std::string, EventType, std::less<>>& types() const { return types_; }

  // Why `attrs` (a JSON object) does not fit `type`, or nullopt when it does.
  std::optional<std::string> check_attrs(const EventType& type, const nlohmann::json& attrs) const;

 private:
  std::map<std::string, EventType, std::less<>> types_;
};

}  // namespace jiandu
