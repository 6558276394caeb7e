#include "web/scope.h"

namespace jiandu::web {

namespace {

// The organ a unit belongs to: the nearest unit of the policy's organ kind at or above it.
int organ_of(const org::OrgGraph& g, const ledger::Authority& p, int unit) {
  for (int a : g.ancestors(unit))
    if (g.orgs()[size_t(a)].kind == p.organ_kind) return a;
  return unit;
}

}  // namespace

Scope Scope::of(const org::OrgGraph& g, const ledger::Authority& p, const std::string& person, bool admin, Date today) {
  Scope s;
  s.orgs_ = &g;
  s.person_ = person;
  s.all_ = admin;
  s.units_.assign(g.orgs().size(), admin ? 1 : 0);
  auto mark = [&](int root) {
    for (int u : g.subtree(root)) s.units_[size_t(u)] = 1;
  };
  int who = g.person_index(person);
  if (!admin && who >= 0)
    for (auto& [unit, role] : g.roles_of(who, today)) {
      mark(unit);
      for (auto& line : p.lines) {
        if (line.role != role) continue;
        using At = ledger::AuthorityLine::At;
        if (line.at == At::organ) mark(organ_of(g, p, unit));
        if (line.at == At::discipline && g.orgs()[size_t(unit)].kind == p.discipline_kind) mark(organ_of(g, p, unit));
      }
    }
  for (size_t u = 0; u < g.orgs().size(); ++u) {
    if (s.units_[u] && !admin) s.unit_ids_.push_back(g.orgs()[u].id);
    int parent = g.orgs()[u].parent;
    if (s.units_[u] && (parent < 0 || !s.units_[size_t(parent)])) s.roots_.push_back(int(u));
  }
  return s;
}

bool Scope::sees_unit(const std::string& org) const {
  if (all_) return true;
  int u = orgs_->org_index(org);
  return u >= 0 && units_[size_t(u)];
}

bool Scope::sees(const report::AlertRow& a) const {
  if (all_ || sees_unit(a.org)) return true;
  // The person it is about, and whoever answers for it (then or now): each may add a statement.
  return !person_.empty() && ((a.subject_type == "person" && a.subject_id == person_) || a.target == person_ || a.owner_then == person_ ||
                              a.owner_now == person_);
}

}  // namespace jiandu::web
