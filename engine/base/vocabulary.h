#pragma once
// The names people read for role and org-kind ids (rules/policy/roles.yaml, compiled in; a
// rule set's own policy/roles.yaml adds to it). Lint holds rules and policies to it; every
// user-facing text shows the names.
#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace jiandu {

class Vocabulary {
 public:
  static Vocabulary builtin();
  // Loads a roles.yaml; mistakes are diagnostics with file:line:col (V001–V002).
  void load(const SourcePtr& src, Diagnostics& diags);
  void overlay(const Vocabulary& other);  // its names added, replacing ours

  bool has_role(const std::string& id) const { return roles_.count(id) > 0; }
  bool has_org_kind(const std::string& id) const { return kinds_.count(id) > 0; }
  // The Chinese name, or the id itself when it is not in the vocabulary.
  std::string role(const std::string& id) const;
  std::string org_kind(const std::string& id) const;
  std::vector<std::string> role_ids() const;
  std::vector<std::string> org_kind_ids() const;

 private:
  std::map<std::string, std::string> roles_, kinds_;
};

// The vocabulary of this process's rule set (set once its rules are loaded), else the
// built-in one: what user-facing texts name roles and org kinds by.
const Vocabulary& vocabulary();
void use_vocabulary(Vocabulary v);

}  // namespace jiandu
