#pragma once
// The org units, people and role assignments as the store keeps them, read in a fixed order
// (the org graph is built from them and fingerprinted over them). A null column is nullopt.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "store/store.h"

namespace jiandu::rows {

struct OrgRow {
  std::string_view id;
  std::optional<std::string_view> parent;
  std::string_view kind, name;
  std::optional<int64_t> no;  // the unit's number (events carry it as org_no)
};
struct PersonRow {
  std::string_view id, name;
  std::optional<std::string_view> org;
  std::optional<int64_t> no;  // the person's number (events carry it as person_no)
};
struct RoleRow {
  std::string_view person, org, role, from;
  std::optional<std::string_view> to;
};

// Each row, in id order (units, people) and in (valid_from, id) order (roles). The views
// live until the callback returns.
void each_org(Store& store, const std::function<void(const OrgRow&)>& f);
int64_t count_people(Store& store);
void each_person(Store& store, const std::function<void(const PersonRow&)>& f);
void each_role(Store& store, const std::function<void(const RoleRow&)>& f);
bool org_exists(Store& store, std::string_view id);
// The newest import batch (0 before the first): the org tables change only with a batch.
int64_t last_batch(Store& store);
bool person_exists(Store& store, std::string_view id);

}  // namespace jiandu::rows
