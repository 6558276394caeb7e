#include "compile/plan.h"

#include "base/error.h"

#include <algorithm>
#include <set>

#include <boost/graph/topological_sort.hpp>
#include <boost/graph/strong_components.hpp>

namespace jiandu::compile {
namespace {

using check::Kind;
using check::Rule;

// Does the expression read only the event, its org and its person?
bool event_only(const expr::Node& n) {
  if (n.kind == expr::NodeKind::ident) return n.slot == check::kEvent || n.slot == check::kOrg || n.slot == check::kPerson;
  for (auto& a : n.args)
    if (!event_only(*a)) return false;
  return true;
}

class Builder {
 public:
  Builder(Plan& p, const Catalog& c) : plan_(p), catalog_(c) {}

  // A condition over the event alone, split at its top-level && into shared predicates.
  int predicate(const expr::Expr& n, const expr::EventTypes& types, const Rule& r) {
    if (!n || !event_only(*n)) return -1;
    std::vector<expr::NodePtr> parts;
    split(n.tree(), parts);
    Condition c;
    for (auto& part : parts) {
      std::string text = expr::print(*part);
      auto it = index_.find(text);
      if (it == index_.end()) {
        it = index_.emplace(text, int(plan_.predicates.size())).first;
        plan_.predicates.push_back({it->second, text, part, types, {}});
      }
      auto& users = plan_.predicates[size_t(it->second)].users;
      if (users.empty() || users.back() != r.id) users.push_back(r.id);
      c.conjuncts.push_back(it->second);
    }
    plan_.conditions.push_back(std::move(c));
    return int(plan_.conditions.size()) - 1;
  }

  static void split(const expr::NodePtr& n, std::vector<expr::NodePtr>& out) {
    if (n->kind == expr::NodeKind::binary && n->op == expr::Op::and_) {
      split(n->args[0], out);
      split(n->args[1], out);
    } else {
      out.push_back(n);
    }
  }

  void rule(const Rule& r) {
    RulePreds p;
    p.when = predicate(r.when, r.when_types, r);
    p.on = predicate(r.on, r.on_types, r);
    p.expect = predicate(r.expect, r.expect_types, r);
    for (auto& s : r.steps) p.steps.push_back(predicate(s.when, s.types, r));
    for (auto& l : r.links) p.links.push_back(predicate(l.expect, l.types, r));
    plan_.preds[&r] = p;
    auto in = r.inputs();
    if (r.kind == Kind::escalation) return;
    if (in.all) {
      plan_.every_event.push_back(&r);
    } else {
      for (auto& t : in.names) plan_.dispatch[t].push_back(&r);
    }
  }

 private:
  Plan& plan_;
  const Catalog& catalog_;
  std::map<std::string, int> index_;
};

std::vector<const Rule*> sources_of(const Rule& esc, const check::RuleSet& set) {
  std::vector<const Rule*> out;
  for (auto& name : esc.from_rules)
    for (auto& r : set.rules)
      if ((r.id == name || std::find(r.tags.begin(), r.tags.end(), name) != r.tags.end()) && &r != &esc &&
          std::find(out.begin(), out.end(), &r) == out.end())
        out.push_back(&r);
  return out;
}

}  // namespace

Plan compile(const check::RuleSet& set, const Catalog& catalog, Diagnostics& diags, const std::vector<std::string>& only) {
  Plan plan;
  plan.rules = &set;
  // Which rules: the chosen ones and, transitively, what they read.
  std::set<const Rule*> chosen;
  std::vector<const Rule*> todo;
  for (auto& r : set.rules)
    if (r.enabled && (only.empty() || std::find(only.begin(), only.end(), r.id) != only.end())) todo.push_back(&r);
  while (!todo.empty()) {
    const Rule* r = todo.back();
    todo.pop_back();
    if (!chosen.insert(r).second) continue;
    if (r->kind == Kind::escalation)
      for (auto* s : sources_of(*r, set)) {
        if (!s->enabled) continue;
        plan.reads[r].push_back(s);
        todo.push_back(s);
      }
  }

  // The graph: source → predicates → rules → sink; sources' rules → escalations.
  using Vertex = Plan::Vertex;
  auto& g = plan.graph;
  auto source = boost::add_vertex(Vertex{Vertex::source, "events", 0}, g);
  std::vector<const Rule*> rules;
  for (auto& r : set.rules)
    if (chosen.count(&r)) rules.push_back(&r);
  Builder b(plan, catalog);
  for (auto* r : rules) b.rule(*r);
  std::vector<size_t> pred_vertex;
  for (auto& p : plan.predicates) {
    auto v = boost::add_vertex(Vertex{Vertex::predicate, p.text, int(p.users.size())}, g);
    boost::add_edge(source, v, g);
    pred_vertex.push_back(v);
  }
  std::map<const Rule*, size_t> rule_vertex;
  for (auto* r : rules) {
    auto v = boost::add_vertex(Vertex{Vertex::rule, r->id + " (" + check::kind_name(r->kind) + ")", 1}, g);
    rule_vertex[r] = v;
    auto& p = plan.preds[r];
    std::set<int> conds{p.when, p.on, p.expect}, used;
    conds.insert(p.steps.begin(), p.steps.end());
    conds.insert(p.links.begin(), p.links.end());
    conds.erase(-1);
    for (int c : conds)
      for (int id : plan.conditions[size_t(c)].conjuncts) used.insert(id);
    for (int id : used) boost::add_edge(pred_vertex[size_t(id)], v, g);
    if (used.empty() && r->kind != Kind::escalation) boost::add_edge(source, v, g);
  }
  auto sink = boost::add_vertex(Vertex{Vertex::sink, "findings", 0}, g);
  for (auto* r : rules) {
    boost::add_edge(rule_vertex[r], sink, g);
    for (auto* s : plan.reads[r]) boost::add_edge(rule_vertex[s], rule_vertex[r], g);
  }

  // Cycles among rules reading each other's findings.
  std::vector<int> component(boost::num_vertices(g));
  boost::strong_components(g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::map<int, std::vector<const Rule*>> groups;
  for (auto* r : rules) groups[component[rule_vertex[r]]].push_back(r);
  bool cyclic = false;
  for (auto& [c, members] : groups) {
    bool self = false;
    for (auto* s : plan.reads[members[0]]) self |= s == members[0];
    if (members.size() < 2 && !self) continue;
    cyclic = true;
    std::string names;
    for (auto* m : members) names += (names.empty() ? "" : " → ") + m->id;
    names += " → " + members[0]->id;
    diags.report(code::E401, members[0]->spec->id.span, "escalation rules read each other's findings in a cycle: " + names);
  }
  if (cyclic) return plan;

  std::vector<size_t> topo;
  boost::topological_sort(g, std::back_inserter(topo));
  std::reverse(topo.begin(), topo.end());
  for (auto v : topo)
    for (auto& [r, rv] : rule_vertex)
      if (rv == v) plan.order.push_back(r);
  return plan;
}

namespace {

// The program an expression runs as, indented under the line that names it.
std::string program_text(const expr::Expr& e, const std::string& indent) {
  std::string out, text = expr::print(e.program());
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    out += indent + text.substr(at, nl - at) + "\n";
    at = nl + 1;
  }
  return out;
}

// Every expression of a rule, named as in its file.
template <class F>
void each_expression(const Rule& r, const F& f) {
  std::pair<const char*, const expr::Expr*> fields[] = {{"when", &r.when},   {"on", &r.on},   {"expect", &r.expect},
                                                        {"scope", &r.scope}, {"sum", &r.sum}, {"unless_before", &r.unless_before},
                                                        {"after", &r.after}};
  for (auto& [name, e] : fields)
    if (*e) f(std::string(name), *e);
  for (auto& st : r.steps)
    if (st.when) f("steps." + st.name + ".when", st.when);
  for (size_t i = 0; i < r.links.size(); ++i) {
    auto& l = r.links[i];
    std::string at = "links[" + std::to_string(i) + "].";
    if (l.require) f(at + "require", l.require);
    if (l.in) f(at + "in", l.in);
    if (l.expect) f(at + "expect", l.expect);
  }
  for (auto& part : r.message.parts)
    if (part.expr) f("message {" + expr::print(*part.expr) + "}", part.expr);
}

}  // namespace

std::string to_text(const Plan& plan, bool lowered) {
  std::string out;
  out += "evaluation graph: " + std::to_string(plan.order.size()) + " rules, " + std::to_string(plan.predicates.size()) + " predicates (" +
         std::to_string(std::count_if(plan.predicates.begin(), plan.predicates.end(), [](auto& p) { return p.users.size() > 1; })) +
         " shared by several rules)\n\npredicates (the conjuncts of the rules' conditions; each is evaluated at most once per "
         "event, whoever uses it):\n";
  for (auto& p : plan.predicates) {
    out += "  p" + std::to_string(p.id) + "  [" + std::to_string(p.users.size()) + " rule" + (p.users.size() == 1 ? "" : "s") + "]  " +
           p.text + "\n";
    out += "       used by:";
    for (auto& u : p.users) out += " " + u;
    out += "\n";
    if (lowered) out += program_text(p.node, "       | ");
  }
  out += "\nrules, in evaluation order:\n";
  for (auto* r : plan.order) {
    out += "  " + r->id + " (" + check::kind_name(r->kind) + ")";
    auto it = plan.reads.find(r);
    if (it != plan.reads.end() && !it->second.empty()) {  // every rule has an entry, most empty
      out += " reads";
      for (auto* s : it->second) out += " " + s->id;
    }
    out += "\n";
    if (lowered)
      each_expression(*r, [&](const std::string& name, const expr::Expr& e) {
        out += "      " + name + ": " + expr::print(*e) + "\n" + program_text(e, "       | ");
      });
  }
  out += "\ndispatch by event type:\n";
  for (auto& [type, rules] : plan.dispatch) {
    out += "  " + type + " →";
    for (auto* r : rules) out += " " + r->id;
    out += "\n";
  }
  if (!plan.every_event.empty()) {
    out += "  (every type) →";
    for (auto* r : plan.every_event) out += " " + r->id;
    out += "\n";
  }
  return out;
}

std::string to_dot(const Plan& plan) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '"' || c == '\\') o += '\\';
      o += c;
    }
    return o;
  };
  std::string out = "digraph jiandu {\n  rankdir=LR;\n  node [fontname=\"Noto Sans CJK SC,sans-serif\"];\n";
  auto& g = plan.graph;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    auto& x = g[v];
    const char* shape = x.kind == Plan::Vertex::predicate ? "box" : x.kind == Plan::Vertex::rule ? "ellipse" : "doublecircle";
    std::string label = esc(x.label);
    if (x.kind == Plan::Vertex::predicate) label += "\\n(" + std::to_string(x.uses) + " rule" + (x.uses == 1 ? "" : "s") + ")";
    out += "  n" + std::to_string(v) + " [shape=" + shape + ", label=\"" + label + "\"" +
           (x.kind == Plan::Vertex::predicate && x.uses > 1 ? ", style=filled, fillcolor=\"#fde2c8\"" : "") + "];\n";
  }
  for (auto e : boost::make_iterator_range(boost::edges(g)))
    out += "  n" + std::to_string(boost::source(e, g)) + " -> n" + std::to_string(boost::target(e, g)) + ";\n";
  return out + "}\n";
}

Plan compile_or_fail(const check::RuleSet& rules, const Catalog& catalog, const std::vector<std::string>& only) {
  Diagnostics diags;
  Plan plan = compile(rules, catalog, diags, only);
  if (diags.has_errors()) throw Error(render_all(diags));
  return plan;
}

}  // namespace jiandu::compile
