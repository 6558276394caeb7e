#include "store/catalog.h"

#include <limits>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "base/date.h"
#include "base/embedded.h"
#include "base/error.h"
#include "base/yaml_doc.h"
#include "base/yaml_span.h"

namespace jiandu {

const AttrSpec* EventType::attr(std::string_view n) const {
  for (auto& a : attrs)
    if (a.name == n) return &a;
  return nullptr;
}

Catalog Catalog::builtin() {
  Catalog c;
  Diagnostics d;
  c.load(std::make_shared<const Source>("schemas/events.yaml", std::string(embedded("schemas/events.yaml"))), d);
  if (d.has_errors()) throw Error("the built-in event catalog is invalid:\n" + render_all(d));
  return c;
}

void Catalog::load(const SourcePtr& src, Diagnostics& diags) {
  try {
    auto parsed = parse_yaml(src, diags, code::C001);
    if (!parsed) return;
    YAML::Node root = *parsed;
    auto types = root["types"];
    if (!types || !types.IsMap()) {
      diags.report(code::C002, span_of(root, src), "a catalog needs a `types:` mapping of event types");
      return;
    }
    for (auto it = types.begin(); it != types.end(); ++it) {
      EventType t;
      t.name = it->first.as<std::string>();
      t.where = span_of(it->first, src);
      // A copy: `it->second` lives in a temporary the iterator makes, gone at the `;`
      // (a reference to it dangles). A Node is a handle, cheap to copy.
      const YAML::Node body = it->second;  // const: operator[] must not add keys
      if (!body.IsMap()) {
        diags.report(code::C003, span_of(body, src), "event type '" + t.name + "' must be a mapping with `title` and `attrs`");
        continue;
      }
      for (auto f = body.begin(); f != body.end(); ++f) {
        auto key = f->first.as<std::string>();
        if (key != "title" && key != "attrs" && key != "derived")
          diags.report(code::C004, span_of(f->first, src), "unknown key '" + key + "' in event type (expected title, attrs, derived)");
      }
      if (body["title"]) t.title = body["title"].as<std::string>();
      if (auto d = body["derived"]) {
        // Only the role events are made by jiandu; any other "derived" type could never occur.
        if (!d.IsScalar() || d.as<std::string>() != "roles")
          diags.report(code::C006, span_of(d, src), "`derived` can only be `roles` (the types jiandu makes from the role records)");
        else if (t.name != "role.start" && t.name != "role.end")
          diags.report(code::C006, span_of(d, src), "only role.start and role.end are made from the role records, not '" + t.name + "'");
        else
          t.derived = "roles";
      } else if (t.name == "role.start" || t.name == "role.end") {
        diags.report(code::C006, t.where, "'" + t.name + "' is made by jiandu from the role records: declare it with `derived: roles`");
      }
      auto attrs = body["attrs"];
      if (attrs && !attrs.IsMap() && !attrs.IsNull()) {
        diags.report(code::C003, span_of(attrs, src), "`attrs` must be a mapping of name to type");
        continue;
      }
      if (attrs && attrs.IsMap()) {
        for (auto a = attrs.begin(); a != attrs.end(); ++a) {
          AttrSpec spec;
          spec.name = a->first.as<std::string>();
          const YAML::Node v = a->second;  // a copy, as `body` above
          YAML::Node type_node = v.IsMap() ? v["type"] : v;
          if (!type_node || !type_node.IsScalar()) {
            diags.report(code::C005, span_of(v, src), "attribute '" + spec.name + "' needs a type");
            continue;
          }
          auto ty = attr_type_from(type_node.as<std::string>());
          if (!ty) {
            diags.report(
                code::C005, span_of(type_node, src),
                "unknown attribute type '" + type_node.as<std::string>() + "' (expected string, int, decimal, bool, date or timestamp)");
            continue;
          }
          spec.type = *ty;
          if (v.IsMap()) {
            if (v["required"]) spec.required = v["required"].as<bool>();
            if (v["values"])
              for (auto x : v["values"]) spec.values.push_back(x.as<std::string>());
          }
          t.attrs.push_back(std::move(spec));
        }
      }
      types_[t.name] = std::move(t);
    }
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape (a map where a name belongs, …): said at its place, with the
    // file, never as a bare yaml-cpp message.
    diags.report(code::C001, Span{src, e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
  }
}

const EventType* Catalog::find(std::string_view type) const {
  auto it = types_.find(type);
  return it == types_.end() ? nullptr : &it->second;
}

std::optional<std::string> Catalog::check_attrs(const EventType& type, const nlohmann::json& attrs) const {
  if (!attrs.is_object()) return "attrs must be a JSON object";
  for (auto& [k, v] : attrs.items()) {
    const AttrSpec* spec = type.attr(k);
    if (!spec) return "unknown attribute '" + k + "' for event type " + type.name;
    if (v.is_null()) continue;
    bool ok = false;
    switch (spec->type) {
      case AttrType::string: ok = v.is_string(); break;
      case AttrType::int_:
        // nlohmann keeps 2^63 … 2^64-1 as unsigned: beyond int64, read later as negative.
        if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max()))
          return "attribute '" + k + "' is " + v.dump() +
                 ", beyond the int range (-9223372036854775808 to 9223372036854775807); "
                 "declare it decimal in the catalog to keep such values";
        ok = v.is_number_integer();
        break;
      case AttrType::decimal: ok = v.is_number(); break;
      case AttrType::boolean: ok = v.is_boolean(); break;
      case AttrType::date: ok = v.is_string() && Date::parse(v.get<std::string>()).has_value(); break;
      case AttrType::timestamp:
        ok = v.is_string() && v.get<std::string>().size() >= 10 && Date::parse(v.get<std::string>().substr(0, 10)).has_value();
        break;
    }
    if (!ok) return "attribute '" + k + "' must be " + attr_type_name(spec->type) + ", got " + v.dump();
    if (!spec->values.empty()) {
      auto s = v.is_string() ? v.get<std::string>() : v.dump();  // values of an int, say
      if (std::find(spec->values.begin(), spec->values.end(), s) == spec->values.end())
        return "attribute '" + k + "' is '" + s + "', not one of its allowed values";
    }
  }
  for (auto& spec : type.attrs)
    if (spec.required && (!attrs.contains(spec.name) || attrs[spec.name].is_null()))
      return "missing required attribute '" + spec.name + "' for event type " + type.name;
  return std::nullopt;
}

}  // namespace jiandu
