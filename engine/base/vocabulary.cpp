#include "base/vocabulary.h"

#include <memory>

#include <yaml-cpp/yaml.h>

#include "base/embedded.h"
#include "base/error.h"
#include "base/yaml_doc.h"
#include "base/yaml_span.h"

namespace jiandu {

namespace {

std::vector<std::string> keys(const std::map<std::string, std::string>& m) {
  std::vector<std::string> out;
  for (auto& [k, _] : m) out.push_back(k);
  return out;
}

std::unique_ptr<Vocabulary>& current() {
  static std::unique_ptr<Vocabulary> v;
  return v;
}

}  // namespace

void Vocabulary::load(const SourcePtr& src, Diagnostics& diags) {
  try {
    auto parsed = parse_yaml(src, diags, code::V001);
    if (!parsed) return;
    YAML::Node root = *parsed;
    if (!root.IsMap()) {
      diags.report(code::V001, span_of(root, src), "a vocabulary has `roles` and `org_kinds`, each a map of id → 中文名");
      return;
    }
    for (auto [key, into] : {std::pair{"roles", &roles_}, {"org_kinds", &kinds_}}) {
      const YAML::Node section = root[key];  // a handle, held by value as every Node here
      if (!section) continue;
      if (!section.IsMap()) {
        diags.report(code::V001, span_of(section, src), std::string("`") + key + "` is a map of id → 中文名");
        continue;
      }
      for (auto it = section.begin(); it != section.end(); ++it) {
        std::string id = it->first.IsScalar() ? it->first.Scalar() : "";
        bool ok = !id.empty();
        for (char c : id) ok &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
          diags.report(code::V002, span_of(it->first, src), "an id is lowercase letters, digits and _, such as branch_secretary");
          continue;
        }
        if (!it->second.IsScalar() || it->second.Scalar().empty()) {
          diags.report(code::V002, span_of(it->second, src), "'" + id + "' needs its name, such as 党支部书记");
          continue;
        }
        (*into)[id] = it->second.Scalar();
      }
    }
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape (a map where a name belongs, …): said at its place, with the
    // file, never as a bare yaml-cpp message.
    diags.report(code::V001, Span{src, e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
  }
}

Vocabulary Vocabulary::builtin() {
  Vocabulary v;
  Diagnostics d;
  v.load(std::make_shared<const Source>("rules/policy/roles.yaml", std::string(embedded("rules/policy/roles.yaml"))), d);
  if (d.has_errors()) throw Error("the built-in vocabulary has errors:\n" + render_all(d));
  return v;
}

void Vocabulary::overlay(const Vocabulary& other) {
  for (auto& [k, v] : other.roles_) roles_[k] = v;
  for (auto& [k, v] : other.kinds_) kinds_[k] = v;
}

std::string Vocabulary::role(const std::string& id) const {
  auto it = roles_.find(id);
  return it == roles_.end() ? id : it->second;
}

std::string Vocabulary::org_kind(const std::string& id) const {
  auto it = kinds_.find(id);
  return it == kinds_.end() ? id : it->second;
}

std::vector<std::string> Vocabulary::role_ids() const { return keys(roles_); }
std::vector<std::string> Vocabulary::org_kind_ids() const { return keys(kinds_); }

const Vocabulary& vocabulary() {
  if (!current()) current() = std::make_unique<Vocabulary>(Vocabulary::builtin());
  return *current();
}

void use_vocabulary(Vocabulary v) { current() = std::make_unique<Vocabulary>(std::move(v)); }

}  // namespace jiandu
