#include "org/org_graph.h"

#include <algorithm>

#include <boost/graph/depth_first_search.hpp>

#include "base/fnv.h"
#include "store/org_rows.h"

namespace jiandu::org {

OrgGraph OrgGraph::load(Store& store) {
  OrgGraph g;
  Fnv h, units, people, roles;  // the whole, and each table for saying which changed
  // A column as the fingerprint has always hashed it: a null as a marker no text can be.
  auto col = [](std::optional<std::string_view> v) { return v ? *v : std::string_view("\x01null"); };
  {
    std::vector<std::string> parents;
    rows::each_org(store, [&](const rows::OrgRow& r) {
      for (auto v : {r.id, col(r.parent), r.kind, r.name}) h.add(v), units.add(v);
      if (r.no) g.org_no_.add(*r.no, int(g.orgs_.size()));
      g.orgs_.push_back({std::string(r.id), std::string(r.name), std::string(r.kind), -1});
      parents.push_back(r.parent ? std::string(*r.parent) : "");
    });
    g.org_ix_.build(g.orgs_.size(), [&](size_t i) -> std::string_view { return g.orgs_[i].id; });
    g.graph_ = Graph(g.orgs_.size());
    for (size_t i = 0; i < g.orgs_.size(); ++i) {
      if (parents[i].empty()) continue;
      int p = g.org_index(parents[i]);
      g.orgs_[i].parent = p;
      if (p >= 0) boost::add_edge(size_t(p), i, g.graph_);
    }
  }
  g.people_.reserve(size_t(rows::count_people(store)));
  h.add("people");
  rows::each_person(store, [&](const rows::PersonRow& r) {
    for (auto v : {r.id, r.name, col(r.org)}) h.add(v), people.add(v);
    if (r.no) g.person_no_.add(*r.no, int(g.people_.size()));
    g.people_.push_back({std::string(r.id), std::string(r.name), r.org ? g.org_index(*r.org) : -1});
  });
  g.org_no_.build();
  g.person_no_.build();
  g.person_ix_.build(g.people_.size(), [&](size_t i) -> std::string_view { return g.people_[i].id; });
  g.people_here_.assign(g.orgs_.size(), 0);
  for (auto& p : g.people_)
    if (p.org >= 0) ++g.people_here_[size_t(p.org)];
  h.add("roles");
  rows::each_role(store, [&](const rows::RoleRow& r) {
    for (auto v : {r.person, r.org, r.role, r.from, col(r.to)}) h.add(v), roles.add(v);
    int person = g.person_index(r.person);
    int org = g.org_index(r.org);
    if (person < 0 || org < 0) return;
    Assignment a{person, *Date::parse(r.from), std::nullopt};
    if (r.to) a.to = Date::parse(*r.to);
    g.roles_[{org, std::string(r.role)}].push_back(a);
  });
  g.fingerprint_ = h.hex();
  g.table_fingerprints_ = {{"units", units.hex()}, {"people", people.hex()}, {"roles", roles.hex()}};
  return g;
}

int OrgGraph::org_index(std::string_view id) const {
  return org_ix_.find(id, [&](size_t i) -> std::string_view { return orgs_[i].id; });
}

int OrgGraph::person_index(std::string_view id) const {
  return person_ix_.find(id, [&](size_t i) -> std::string_view { return people_[i].id; });
}

int OrgGraph::org_of_number(int64_t no) const { return org_no_.find(no); }

int OrgGraph::person_of_number(int64_t no) const { return person_no_.find(no); }

namespace {

struct Collect : boost::default_dfs_visitor {
  std::vector<int>* out;
  template <class V, class G>
  void discover_vertex(V v, const G&) const {
    out->push_back(int(v));
  }
};

}  // namespace

std::vector<int> OrgGraph::subtree(int org) const {
  std::vector<int> out;
  if (org < 0) return out;
  std::vector<boost::default_color_type> colors(boost::num_vertices(graph_));
  Collect visitor;
  visitor.out = &out;
  boost::depth_first_visit(graph_, size_t(org), visitor,
                           boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph_)));
  return out;
}

std::vector<int> OrgGraph::ancestors(int org) const {
  std::vector<int> out;
  for (int o = org; o >= 0 && out.size() <= orgs_.size(); o = orgs_[o].parent) out.push_back(o);
  return out;
}

bool OrgGraph::within(int org, int ancestor) const {
  // As ancestors(), without a list (judging calls this per person): at most one step per unit.
  for (size_t steps = 0; org >= 0 && steps <= orgs_.size(); org = orgs_[size_t(org)].parent, ++steps)
    if (org == ancestor) return true;
  return false;
}

std::vector<int> OrgGraph::holders(int org, const std::string& role, Date d) const {
  std::vector<int> out;
  auto it = roles_.find({org, role});
  if (it == roles_.end()) return out;
  for (auto& a : it->second)
    if (a.holds_on(d)) out.push_back(a.person);
  return out;
}

std::vector<int> OrgGraph::holders_within(int org, const std::string& role, Date d) const {
  std::vector<int> out;
  for (int o : subtree(org)) {
    auto h = holders(o, role, d);
    out.insert(out.end(), h.begin(), h.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int64_t OrgGraph::units_within(int org, const std::string& kind) const {
  int64_t n = 0;
  for (int o : subtree(org))
    if (o != org && orgs_[size_t(o)].kind == kind) ++n;
  return n;
}

int64_t OrgGraph::people_within(int org) const {
  int64_t n = 0;
  for (int o : subtree(org)) n += people_here_[size_t(o)];
  return n;
}

std::vector<std::pair<int, std::string>> OrgGraph::roles_of(int person, Date d) const {
  std::vector<std::pair<int, std::string>> out;
  for (auto& [key, assignments] : roles_)
    for (auto& a : assignments)
      if (a.person == person && a.holds_on(d)) {
        out.push_back(key);
        break;
      }
  return out;
}

std::optional<std::pair<int, std::vector<int>>> OrgGraph::nearest_holders(int org, const std::string& role, Date d) const {
  // The unit's own subtree first, nearest first (an organ's 党组 and 机关党委 sit below it).
  std::vector<int> level{org};
  while (!level.empty()) {
    std::vector<int> next;
    for (int o : level) {
      auto h = holders(o, role, d);
      if (!h.empty()) return std::make_pair(o, h);
      for (auto e : boost::make_iterator_range(boost::out_edges(size_t(o), graph_))) next.push_back(int(boost::target(e, graph_)));
    }
    level = std::move(next);
  }
  for (int o : ancestors(org)) {
    auto h = holders(o, role, d);
    if (!h.empty()) return std::make_pair(o, h);
    // A unit's own leadership often sits in a sibling (the 党组 beside the 机关党委): look
    // at the parent's direct children too.
    if (orgs_[o].parent >= 0) {
      for (auto e : boost::make_iterator_range(boost::out_edges(size_t(orgs_[o].parent), graph_))) {
        int sib = int(boost::target(e, graph_));
        auto hs = holders(sib, role, d);
        if (!hs.empty()) return std::make_pair(sib, hs);
      }
    }
  }
  return std::nullopt;
}

}  // namespace jiandu::org
