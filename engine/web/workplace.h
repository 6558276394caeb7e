#pragma once
// What the pages and the JSON API show and do, for one person inside their scope: the data of
// every page as JSON (the API returns it, the templates render it), and the actions, each
// through the authority policy. Nothing here knows about HTTP.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "ledger/actions.h"
#include "ledger/authority.h"
#include "org/org_graph.h"
#include "report/integrity.h"
#include "report/ledger_view.h"
#include "store/store.h"
#include "web/accounts.h"
#include "web/scope.h"

namespace jiandu::web {

struct ListQuery {
  std::string unit, rule, status, severity, due_from, due_to, text;
  std::string sort = "due";  // due | lapse | severity | unit
  int page = 1;
  static constexpr int kPerPage = 50;
};

// An action refused or not possible, said in Chinese for the person who tried.
struct ActionError {
  int status = 400;  // 403 refused by the policy, 409 the state does not allow it, 400 incomplete
  std::string message;
};

class Workplace {
 public:
  Workplace(Store& store, const org::OrgGraph& orgs, const ledger::Authority& policy, const report::Integrity& integrity, const User& user,
            Date today);

  const Scope& scope() const { return scope_; }
  const User& user() const { return user_; }
  std::string as_of() const { return as_of_; }

  nlohmann::json me() const;
  // Alerts awaiting an action of mine, overdue first.
  nlohmann::json todo();
  // The unit (or my top units) with counts by state per child, for drilling down; nullopt
  // when the unit is not mine to see.
  std::optional<nlohmann::json> units(const std::string& unit);
  nlohmann::json alerts(const ListQuery& q);
  // nullopt when there is no such alert or it is not mine to see: the two are one answer.
  std::optional<nlohmann::json> alert(const std::string& id);
  // The alerts of my scope for an export, filtered as the list is.
  std::vector<report::AlertRow> export_rows(const ListQuery& q);
  nlohmann::json report();
  // nullopt when the alert is not mine to see.
  std::optional<ActionError> act(const std::string& alert, ledger::Act act, const std::string& note,
                                 const std::vector<ledger::ActionRequest::Upload>& uploads, int64_t* entry = nullptr);
  // An evidence file of an alert's trail: {name, content}; nullopt when the alert is not mine
  // to see, the file is not on its trail, or its content no longer has its hash.
  std::optional<std::pair<std::string, std::string>> evidence(const std::string& alert, const std::string& sha256);

 private:
  std::vector<report::AlertRow> visible(const report::AlertFilter& f);
  std::vector<report::AlertRow> filtered(const ListQuery& q);
  std::optional<report::AlertRow> find(const std::string& id);
  std::vector<ledger::Act> possible(const report::AlertRow& a);
  nlohmann::json row(const report::AlertRow& a) const;

  Store& store_;
  const org::OrgGraph& orgs_;
  const ledger::Authority& policy_;
  const report::Integrity& integrity_;
  User user_;
  Date today_;
  Scope scope_;
  std::string as_of_;  // overdue is judged as of the last audit (today before the first)
};

}  // namespace jiandu::web
