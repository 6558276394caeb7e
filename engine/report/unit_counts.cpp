#include "report/unit_counts.h"

#include <algorithm>
#include <map>

#include "base/date.h"
#include "store/org_rows.h"

namespace jiandu::report {
namespace {

struct OrgInfo {
  std::string parent, kind, name;
};

std::map<std::string, OrgInfo> load_orgs(Store& store) {
  std::map<std::string, OrgInfo> out;
  rows::each_org(store, [&](const rows::OrgRow& r) {
    out[std::string(r.id)] = {r.parent ? std::string(*r.parent) : "", std::string(r.kind), std::string(r.name)};
  });
  return out;
}

std::string organ_of(const std::map<std::string, OrgInfo>& orgs, const std::string& unit) {
  std::string at = unit;
  // Bounded: an org graph with a cycle (the importer refuses one) must not hang the report.
  for (size_t steps = 0; steps <= orgs.size(); ++steps) {
    auto it = orgs.find(at);
    if (it == orgs.end()) break;
    if (it->second.kind == "organ") return at;
    if (it->second.parent.empty()) break;
    at = it->second.parent;
  }
  return unit;
}

void sort_by_open(std::vector<UnitCount>& v) {
  std::sort(v.begin(), v.end(), [](const UnitCount& a, const UnitCount& b) {
    if (a.open != b.open) return a.open > b.open;
    if (a.overdue != b.overdue) return a.overdue > b.overdue;
    return a.org < b.org;
  });
}

}  // namespace

bool is_overdue(const AlertRow& a, const std::string& as_of) {
  auto s = ledger::status_from(a.status);
  return s && ledger::is_open(*s) && !a.rectify_due.empty() && !as_of.empty() && a.rectify_due < as_of;
}

int days_overdue(const AlertRow& a, const std::string& as_of) {
  if (!is_overdue(a, as_of)) return 0;
  auto due = Date::parse(a.rectify_due), now = Date::parse(as_of);
  return due && now ? now->days - due->days : 0;
}

int UnitCount::of(ledger::Status s) const {
  for (size_t i = 0; i < kStatusOrder.size(); ++i)
    if (kStatusOrder[i] == s) return by_status[i];
  return 0;
}

void UnitCount::add(const AlertRow& a, const std::string& as_of) {
  ++total;
  auto s = ledger::status_from(a.status);
  for (size_t i = 0; s && i < kStatusOrder.size(); ++i)
    if (kStatusOrder[i] == *s) ++by_status[i];
  bool open_now = s && ledger::is_open(*s);
  open += open_now;
  overdue += is_overdue(a, as_of);
  escalated += open_now && a.level > 0;
}

void UnitCount::add(const UnitCount& o) {
  for (size_t i = 0; i < by_status.size(); ++i) by_status[i] += o.by_status[i];
  total += o.total;
  open += o.open;
  overdue += o.overdue;
  escalated += o.escalated;
  ++units;
}

Tally tally(Store& store, const std::vector<AlertRow>& alerts, const std::string& as_of) {
  auto orgs = load_orgs(store);
  auto name = [&](const std::string& id) {
    auto it = orgs.find(id);
    return it == orgs.end() || it->second.name.empty() ? (id.empty() ? std::string("（未指明单位）") : id) : it->second.name;
  };
  std::map<std::string, UnitCount> units, organs;
  Tally t;
  for (auto& a : alerts) {
    UnitCount& u = units[a.org];
    if (u.total == 0) {
      u.org = a.org;
      u.name = name(a.org);
      u.organ = organ_of(orgs, a.org);
      u.organ_name = name(u.organ);
    }
    u.add(a, as_of);
    t.all.add(a, as_of);
  }
  for (auto& [id, u] : units) {
    UnitCount& o = organs[u.organ];
    o.org = o.organ = u.organ;
    o.name = o.organ_name = u.organ_name;
    o.add(u);
    t.units.push_back(u);
  }
  for (auto& [id, o] : organs) t.organs.push_back(o);
  sort_by_open(t.units);
  sort_by_open(t.organs);
  return t;
}

std::vector<std::string> unit_count_headers(bool organs) {
  std::vector<std::string> h =
      organs ? std::vector<std::string>{"机关编号", "机关", "有预警的单位数"} : std::vector<std::string>{"单位编号", "单位", "所属机关"};
  for (const char* x : {"预警", "未办结", "逾期未整改", "已升级问责"}) h.push_back(x);
  for (auto s : kStatusOrder) h.push_back(status_column(s));
  return h;
}

std::vector<std::string> unit_count_cells(const UnitCount& u, bool organs) {
  std::vector<std::string> c{u.org, u.name, organs ? std::to_string(u.units) : u.organ_name};
  for (int n : {u.total, u.open, u.overdue, u.escalated}) c.push_back(std::to_string(n));
  for (int n : u.by_status) c.push_back(std::to_string(n));
  return c;
}

}  // namespace jiandu::report
