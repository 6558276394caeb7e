#pragma once
// Who sees what: a person sees the subtree of every unit where they hold a role today, and
// every unit where the authority policy lets one of those roles act (a discipline secretary
// the whole organ, the work committee every organ under it); an admin sees everything. An
// alert is also seen by the person it is about. Everything outside answers as if it did not
// exist.
#include <string>
#include <vector>

#include "base/date.h"
#include "ledger/authority.h"
#include "org/org_graph.h"
#include "report/ledger_view.h"

namespace jiandu::web {

class Scope {
 public:
  static Scope of(const org::OrgGraph& orgs, const ledger::Authority& policy, const std::string& person, bool admin, Date today);

  bool all() const { return all_; }
  bool sees_unit(const std::string& org) const;
  bool sees(const report::AlertRow& a) const;
  // The highest units seen (each with everything below it), in unit order.
  const std::vector<int>& roots() const { return roots_; }
  const std::vector<char>& units() const { return units_; }
  // The ids of the units seen (empty for an admin, who sees all), and the person.
  const std::vector<std::string>& unit_ids() const { return unit_ids_; }
  const std::string& person() const { return person_; }

 private:
  const org::OrgGraph* orgs_ = nullptr;
  std::string person_;
  bool all_ = false;
  std::vector<char> units_;  // by org index
  std::vector<int> roots_;
  std::vector<std::string> unit_ids_;
};

}  // namespace jiandu::web
