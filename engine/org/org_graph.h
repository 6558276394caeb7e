#pragma once
// The organisation as a graph (Boost.Graph): org units as vertices, parent → child edges,
// and role assignments with their validity dates, so that "who held the role in this unit
// on that day" and "who is next up the chain" are answered from the store's records.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "base/date.h"
#include "store/store.h"
#include "org/id_index.h"

namespace jiandu::org {

struct Org {
  std::string id, name, kind;
  int parent = -1;
};

struct Person {
  std::string id, name;
  int org = -1;
};

struct Assignment {
  int person;
  Date from;
  std::optional<Date> to;  // inclusive; none = still held
  bool holds_on(Date d) const { return from <= d && (!to || d <= *to); }
};

class OrgGraph {
 public:
  static OrgGraph load(Store& store);

  const std::vector<Org>& orgs() const { return orgs_; }
  const std::vector<Person>& people() const { return people_; }
  // Over every unit, person and role assignment: what evaluations over this graph depend on.
  const std::string& fingerprint() const { return fingerprint_; }
  // The same, table by table (units, people, roles): to say which changed.
  const std::map<std::string, std::string>& table_fingerprints() const { return table_fingerprints_; }
  int org_index(std::string_view id) const;     // -1 when unknown
  int person_index(std::string_view id) const;  // -1 when unknown
  // By the number the store gave the unit or person (events carry them: org_no, person_no).
  int org_of_number(int64_t no) const;     // -1 when unknown
  int person_of_number(int64_t no) const;  // -1 when unknown

  // The unit and every unit below it, the unit first (depth-first).
  std::vector<int> subtree(int org) const;
  // The unit, its parent, … up to the root.
  std::vector<int> ancestors(int org) const;
  bool within(int org, int ancestor) const;

  // Who held `role` in `org` on day `d`.
  std::vector<int> holders(int org, const std::string& role, Date d) const;
  // Who held `role` in `org` or any unit below it on `d`: each person once, in index order.
  std::vector<int> holders_within(int org, const std::string& role, Date d) const;
  // The units of kind `kind` below `org` (the unit itself not counted).
  int64_t units_within(int org, const std::string& kind) const;
  // The people whose home unit is `org` or a unit below it.
  int64_t people_within(int org) const;
  // The roles `person` held on day `d`, as (unit, role), in unit order.
  std::vector<std::pair<int, std::string>> roles_of(int person, Date d) const;
  // Who held `role` for `org` on `d`: in the unit or the nearest unit below it, else the
  // nearest above it (or beside one above it: a branch answers to its 机关党委's 党组).
  std::optional<std::pair<int, std::vector<int>>> nearest_holders(int org, const std::string& role, Date d) const;
  // Every role assignment, by (unit, role), each list in the order of the records.
  const std::map<std::pair<int, std::string>, std::vector<Assignment>>& assignments() const { return roles_; }

 private:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  Graph graph_;
  std::string fingerprint_;
  std::map<std::string, std::string> table_fingerprints_;
  std::vector<Org> orgs_;
  std::vector<Person> people_;
  std::vector<int64_t> people_here_;  // by unit: the people whose home unit it is
  IdIndex org_ix_, person_ix_;        // by id (a string_view: no string built per lookup)
  NumberIndex org_no_, person_no_;    // by the store's number: how a run resolves its events
  std::map<std::pair<int, std::string>, std::vector<Assignment>> roles_;
};

}  // namespace jiandu::org
