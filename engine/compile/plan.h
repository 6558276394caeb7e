#pragma once
// The evaluation graph (Boost.Graph): the event source, one node per distinct predicate
// (shared by every rule that uses it, evaluated once per event), one node per rule, and the
// findings sink. Rules that read other rules' findings (escalation) come after them in a
// topological order; a cycle is an error naming the rules. Events reach a rule only through
// the type dispatch table built from the rules' inputs.
#include <map>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "base/diagnostic.h"
#include "check/rules.h"
#include "store/catalog.h"

namespace jiandu::compile {

// A test over one event (and its org and person only): a conjunct of some rule's condition.
// Two rules share the node when the canonical prints are equal; it is evaluated at most once
// per event, whoever asks.
struct Predicate {
  int id = 0;
  std::string text;  // canonical print
  expr::Expr node;   // its tree and its program
  expr::EventTypes types;
  std::vector<std::string> users;  // rule ids
};

// A rule's condition: the conjunction of shared predicates (`a && b && c` → [a, b, c]).
struct Condition {
  std::vector<int> conjuncts;
};

// Where a rule's conditions sit (indexes into Plan::conditions): -1 where the expression
// reads more than the event (a trigger, a period) and must be evaluated per candidate.
struct RulePreds {
  int when = -1, on = -1, expect = -1;
  std::vector<int> steps, links;
};

struct Plan {
  const check::RuleSet* rules = nullptr;
  std::vector<Predicate> predicates;
  std::vector<Condition> conditions;      // what RulePreds' ids index
  std::vector<const check::Rule*> order;  // topological: readers after what they read
  std::map<const check::Rule*, RulePreds> preds;
  std::map<const check::Rule*, std::vector<const check::Rule*>> reads;  // escalation → sources
  std::map<std::string, std::vector<const check::Rule*>> dispatch;      // event type → rules
  std::vector<const check::Rule*> every_event;                          // rules that see all types

  struct Vertex {
    enum Kind { source, predicate, rule, sink } kind;
    std::string label;
    int uses = 0;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Vertex>;
  Graph graph;
};

// Builds the plan for `rules` (all of them, or only `only` and what they read).
Plan compile(const check::RuleSet& rules, const Catalog& catalog, Diagnostics& diags, const std::vector<std::string>& only = {});
// compile() as every command that runs rules uses it: the plan, or Error with every
// diagnostic rendered (an escalation cycle) — never a run over a plan with errors.
Plan compile_or_fail(const check::RuleSet& rules, const Catalog& catalog, const std::vector<std::string>& only = {});

std::string to_dot(const Plan& plan);
// `jiandu graph`: the predicates, the rules in order and the dispatch; with `lowered`, also
// the program each expression runs as (expr/lower.h).
std::string to_text(const Plan& plan, bool lowered = false);

}  // namespace jiandu::compile
