#include "load/loader.h"

#include <algorithm>
#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "base/suggest.h"
#include "base/yaml_doc.h"
#include "base/yaml_span.h"

namespace jiandu::load {
namespace {

using YAML::Node;

// yaml-cpp's `it->first` and `it->second` are members of a temporary that the iterator's
// operator-> returns, destroyed at the end of the full expression: bind them to a `const
// Node` copy (a Node is a handle, cheap to copy), never to a reference, and never iterate
// over `it->second` directly (the range-for would keep a reference to it).

std::string shape(const Node& n) {
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "empty";
  return "a scalar";
}

class Loader {
 public:
  Loader(const SourcePtr& src, Diagnostics& d) : src_(src), d_(d) {}

  RuleFile run() {
    RuleFile f;
    f.source = src_;
    Node root;
    // yaml-cpp reads a NUL byte as the end of a scalar: what follows it would silently count.
    if (auto nul = src_->text().find('\0'); nul != std::string::npos) {
      d_.report(code::E001, Span{src_, uint32_t(nul), 1}, "a NUL byte: a rule file is text (is this a binary file?)");
      return f;
    }
    auto parsed = parse_yaml(src_, d_, code::E001, &code::E030);
    if (!parsed) return f;
    root = *parsed;
    f.content_hash = yaml_content_hash(root, src_->text());
    if (root.IsNull()) return f;
    if (!root.IsMap()) {
      d_.report(code::E002, span(root), "a rule file is a mapping with `lists`, `macros` and `rules`");
      return f;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
      std::string key = it->first.as<std::string>();
      const Node v = it->second;
      if (key == "rules") {
        if (!expect_seq(v, "rules")) continue;
        for (const Node& r : v) rule(r, f);
      } else if (key == "macros") {
        if (!expect_map(v, "macros")) continue;
        std::set<std::string> defined;  // a name written twice here is E030 already
        for (auto m = v.begin(); m != v.end(); ++m) {
          if (m->first.IsScalar() && !defined.insert(m->first.Scalar()).second) continue;
          Macro mac{str_of(m->first), expr_of(m->second, "a macro")};
          if (mac.body.text) f.macros.push_back(std::move(mac));
        }
      } else if (key == "lists") {
        if (!expect_map(v, "lists")) continue;
        std::set<std::string> defined;
        for (auto l = v.begin(); l != v.end(); ++l) {
          if (l->first.IsScalar() && !defined.insert(l->first.Scalar()).second) continue;
          const Node items = l->second;
          List list{str_of(l->first), {}, span(items)};
          if (!items.IsSequence()) {
            d_.report(code::E013, span(items), "list '" + list.name.value + "' must be a list of values, not " + shape(items));
            continue;
          }
          for (const Node& item : items) {
            if (!item.IsScalar()) {
              d_.report(code::E013, span(item), "a list item must be a string or a number");
              continue;
            }
            list.items.push_back(str_of(item));
          }
          f.lists.push_back(std::move(list));
        }
      } else {
        d_.report(code::E003, span(it->first),
                  "unknown top-level key '" + key + "' (a rule file has lists, macros and rules)" +
                      did_you_mean(key, {"lists", "macros", "rules"}));
      }
    }
    return f;
  }

 private:
  Span span(const Node& n) const { return span_of(n, src_); }

  bool expect_seq(const Node& n, const std::string& what) {
    if (n.IsSequence()) return true;
    if (!n.IsNull()) d_.report(code::E013, span(n), "`" + what + "` must be a list, not " + shape(n));
    return false;
  }
  bool expect_map(const Node& n, const std::string& what) {
    if (n.IsMap()) return true;
    if (!n.IsNull()) d_.report(code::E013, span(n), "`" + what + "` must be a mapping, not " + shape(n));
    return false;
  }

  Str str_of(const Node& n) { return Str{n.IsScalar() ? n.Scalar() : "", span(n)}; }

  std::optional<Str> scalar(const Node& n, const std::string& key) {
    if (!n.IsScalar()) {
      d_.report(code::E013, span(n), "`" + key + "` must be a single value, not " + shape(n));
      return std::nullopt;
    }
    return str_of(n);
  }

  Expr expr_of(const Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      d_.report(code::E013, span(n), what + " must be an expression (a string), not " + shape(n));
      return {};
    }
    auto m = n.Mark();
    return Expr{ScalarText::make(n.Scalar(), src_, m.pos >= 0 ? uint32_t(m.pos) : 0), span(n)};
  }

  std::optional<Int> integer(const Node& n, const std::string& key) {
    auto s = scalar(n, key);
    if (!s) return std::nullopt;
    try {
      size_t used = 0;
      long long v = std::stoll(s->value, &used);
      if (used == s->value.size()) return Int{v, s->span};
    } catch (const std::out_of_range&) {
      d_.report(code::E013, s->span, "`" + key + "` is " + s->value + ", beyond the 64-bit whole numbers");
      return std::nullopt;
    } catch (...) {
    }
    d_.report(code::E013, s->span, "`" + key + "` must be a whole number, not '" + s->value + "'");
    return std::nullopt;
  }

  std::optional<Duration> duration(const Node& n, const std::string& key) {
    auto s = scalar(n, key);
    if (!s) return std::nullopt;
    auto d = parse_duration(s->value);
    if (!d) {
      d_.report(code::E020, s->span,
                "`" + key +
                    "` must be a duration such as '15 workdays' or '2 months' (units: days, workdays, "
                    "weeks, months, quarters, years), not '" +
                    s->value + "'");
      return std::nullopt;
    }
    d->span = s->span;
    return d;
  }

  std::vector<Str> str_list(const Node& n, const std::string& key) {
    std::vector<Str> out;
    if (n.IsScalar()) {  // a single value stands for a list of one
      out.push_back(str_of(n));
      return out;
    }
    if (!n.IsSequence()) {
      d_.report(code::E013, span(n), "`" + key + "` must be a list, not " + shape(n));
      return out;
    }
    for (const Node& item : n) {
      if (item.IsScalar())
        out.push_back(str_of(item));
      else
        d_.report(code::E013, span(item), "an item of `" + key + "` must be a single value, not " + shape(item));
    }
    return out;
  }

  std::optional<bool> boolean(const Node& n, const std::string& key) {
    auto s = scalar(n, key);
    if (!s) return std::nullopt;
    if (s->value == "true") return true;
    if (s->value == "false") return false;
    d_.report(code::E013, s->span, "`" + key + "` must be true or false, not '" + s->value + "'");
    return std::nullopt;
  }

  void unknown_key(const Node& key_node, const std::string& key, const std::string& where, const std::vector<std::string>& allowed,
                   const std::string& kind) {
    // A field of another kind is a different mistake from a typo.
    for (auto& k : kind_defs()) {
      if (k.name == kind) continue;
      for (auto& f : k.fields)
        if (key == f.name) {
          d_.report(code::E024, span(key_node), "`" + key + "` is not a field of a " + kind + " rule (it belongs to " + k.name + " rules)");
          return;
        }
    }
    d_.report(code::E012, span(key_node), "unknown field '" + key + "' in " + where + did_you_mean(key, allowed));
  }

  void rule(const Node& n, RuleFile& f) {
    if (!n.IsMap()) {
      d_.report(code::E010, span(n), "a rule must be a mapping of fields, not " + shape(n));
      return;
    }
    Rule r;
    r.span = span(n);
    size_t errors_before = d_.count(jiandu::Severity::error);
    std::string kind = n["kind"] && n["kind"].IsScalar() ? n["kind"].Scalar() : "";
    std::optional<Kind> known = kind_from(kind);
    std::span<const FieldDef> fields = known ? def(*known).fields : std::span<const FieldDef>{};
    std::vector<std::string> allowed;
    for (auto& c : common_fields()) allowed.push_back(c.name);
    for (auto& c : fields) allowed.push_back(c.name);
    std::vector<std::string> seen;
    std::map<std::string, Span> first_at;
    size_t given_twice = 0;
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key = it->first.as<std::string>();
      const Node v = it->second;
      seen.push_back(key);
      if (!first_at.emplace(key, span(it->first)).second) {
        ++given_twice;  // E030, reported when the file was parsed
        continue;
      }
      if (v.IsNull() && key != "description") {
        d_.report(code::E013, span(it->first), "`" + key + "` has no value");
        continue;
      }
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        if (kind.empty() || known) unknown_key(it->first, key, "a rule", allowed, kind.empty() ? "kind-less" : kind);
        continue;
      }
      field(r, key, it->first, v);
    }
    // Required fields, pointing at the rule's first key.
    Span at = n.begin() != n.end() ? span(n.begin()->first) : r.span;
    std::string name = r.id.value.empty() ? "this rule" : "rule '" + r.id.value + "'";
    for (auto& c : common_fields())
      if (c.required && std::find(seen.begin(), seen.end(), c.name) == seen.end())
        d_.report(code::E011, at, name + " lacks the required field `" + c.name + "`");
    if (!kind.empty() && !known) {
      std::string all;
      for (auto& k : kind_defs()) all += (all.empty() ? "" : ", ") + std::string(k.name);
      d_.report(code::E018, span(n["kind"]), "unknown rule kind '" + kind + "' (" + all + ")" + did_you_mean(kind, kind_names()));
    } else {
      for (auto& c : fields)
        if (c.required && std::find(seen.begin(), seen.end(), c.name) == seen.end())
          d_.report(code::E011, at, name + " (" + kind + ") lacks the required field `" + c.name + "`");
    }
    r.load_errors = d_.count(jiandu::Severity::error) - errors_before + given_twice;
    r.keys = seen;
    f.rules.push_back(std::move(r));
  }

  void field(Rule& r, const std::string& key, const Node& key_node, const Node& v) {
    auto set_str = [&](Str& out) {
      if (auto s = scalar(v, key)) out = *s;
    };
    auto set_opt = [&](std::optional<Str>& out) {
      if (auto s = scalar(v, key)) out = *s;
    };
    if (key == "id")
      set_str(r.id);
    else if (key == "title")
      set_str(r.title);
    else if (key == "basis")
      set_str(r.basis);
    else if (key == "severity")
      set_str(r.severity);
    else if (key == "kind")
      set_str(r.kind);
    else if (key == "owner")
      set_opt(r.owner);
    else if (key == "message")
      set_opt(r.message);
    else if (key == "description")
      scalar(v, key);
    else if (key == "tags")
      r.tags = str_list(v, key);
    else if (key == "enabled")
      r.enabled = boolean(v, key).value_or(true);
    else if (key == "makeup") {
      if (boolean(v, key).value_or(false)) r.makeup = span(v);
    } else if (key == "effective")
      effective(r, v);
    else if (key == "when")
      r.when = expr_of(v, "`when`");
    else if (key == "unless_before")
      r.unless_before = expr_of(v, "`unless_before`");
    else if (key == "after")
      r.after = expr_of(v, "`after`");
    else if (key == "on")
      r.on = expr_of(v, "`on`");
    else if (key == "expect")
      r.expect = expr_of(v, "`expect`");
    else if (key == "scope")
      r.scope = expr_of(v, "`scope`");
    else if (key == "sum")
      r.sum = expr_of(v, "`sum`");
    else if (key == "subject")
      set_opt(r.subject);
    else if (key == "per")
      set_opt(r.per);
    else if (key == "on_rest_day")
      set_opt(r.on_rest_day);
    else if (key == "every")
      set_opt(r.every);
    else if (key == "correlate")
      r.correlate = str_list(v, key);
    else if (key == "group_by")
      r.group_by = str_list(v, key);
    else if (key == "from")
      r.from = str_list(v, key);
    else if (key == "within")
      r.within = duration(v, key);
    else if (key == "warn")
      r.warn = duration(v, key);
    else if (key == "due")
      r.due = duration(v, key);
    else if (key == "window")
      r.window = duration(v, key);
    else if (key == "at_least")
      r.at_least = integer(v, key);
    else if (key == "at_most")
      r.at_most = integer(v, key);
    else if (key == "recommend")
      r.recommend = integer(v, key);
    else if (key == "steps")
      steps(r, v);
    else if (key == "links")
      links(r, v);
    (void)key_node;
  }

  void effective(Rule& r, const Node& v) {
    if (!v.IsMap()) {
      d_.report(code::E013, span(v), "`effective` must be a mapping such as {from: 2019-01-01}, not " + shape(v));
      return;
    }
    bool has_from = false;
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string key = it->first.as<std::string>();
      has_from |= key == "from";
      auto s = scalar(it->second, "effective." + key);
      if (!s) continue;
      if (key != "from" && key != "to") {
        d_.report(code::E012, span(it->first),
                  "unknown field '" + key + "' in `effective` (it takes from and to)" + did_you_mean(key, {"from", "to"}));
        continue;
      }
      if (!Date::parse(s->value)) {
        d_.report(code::E019, s->span, "effective." + key + " must be a date YYYY-MM-DD, not '" + s->value + "'");
        continue;
      }
      (key == "from" ? r.effective_from : r.effective_to) = *s;
    }
    if (!has_from) d_.report(code::E011, span(v), "`effective` needs `from`: the date the regulation took effect");
  }

  void steps(Rule& r, const Node& v) {
    if (!expect_seq(v, "steps")) return;
    for (const Node& s : v) {
      if (!s.IsMap()) {
        d_.report(code::E013, span(s), "a step must be a mapping with name, when and within");
        continue;
      }
      Step step;
      step.span = span(s);
      bool has_name = false, has_when = false;
      for (auto it = s.begin(); it != s.end(); ++it) {
        std::string key = it->first.as<std::string>();
        if (key == "name") {
          if (auto x = scalar(it->second, key)) step.name = *x, has_name = true;
        } else if (key == "when") {
          step.when = expr_of(it->second, "a step's `when`");
          has_when = true;
        } else if (key == "within") {
          // `none`: a step whose timing another rule checks (it still orders the steps).
          if (it->second.IsScalar() && it->second.Scalar() == "none")
            step.untimed = true;
          else
            step.within = duration(it->second, key);
          step.has_within = true;
        } else if (key == "after") {
          step.after = scalar(it->second, key);
        } else {
          d_.report(code::E012, span(it->first),
                    "unknown field '" + key + "' in a step" + did_you_mean(key, {"name", "when", "within", "after"}));
        }
      }
      if (!has_name) d_.report(code::E011, step.span, "a step needs a `name`");
      if (!has_when) d_.report(code::E011, step.span, "a step needs `when`: the events that do it");
      r.steps.push_back(std::move(step));
    }
  }

  void links(Rule& r, const Node& v) {
    if (!expect_seq(v, "links")) return;
    for (const Node& s : v) {
      if (!s.IsMap()) {
        d_.report(code::E013, span(s), "a link must be a mapping with role and expect");
        continue;
      }
      Link link;
      link.span = span(s);
      bool has_role = false, has_expect = false;
      std::vector<std::pair<std::string, Span>> duty_fields;  // what a requirement cannot have
      for (auto it = s.begin(); it != s.end(); ++it) {
        std::string key = it->first.as<std::string>();
        if (key == "role" || key == "expect" || key == "at_least" || key == "each_holder") duty_fields.push_back({key, span(it->first)});
        if (key == "id") {
          if (auto x = scalar(it->second, key)) link.id = *x;
        } else if (key == "require") {
          link.require = expr_of(it->second, "a link's `require`");
        } else if (key == "role") {
          if (auto x = scalar(it->second, key)) link.role = *x, has_role = true;
        } else if (key == "in") {
          link.in = expr_of(it->second, "a link's `in`");
        } else if (key == "expect") {
          link.expect = expr_of(it->second, "a link's `expect`");
          has_expect = true;
        } else if (key == "at_least") {
          if (auto x = integer(it->second, key)) link.at_least = *x;
        } else if (key == "each_holder") {
          link.each_holder = boolean(it->second, key).value_or(false);
        } else {
          d_.report(code::E012, span(it->first),
                    "unknown field '" + key + "' in a link" +
                        did_you_mean(key, {"role", "in", "expect", "at_least", "each_holder", "id", "require"}));
        }
      }
      if (link.require || link.id) {
        // A requirement is judged of the unit itself: it has no holder and no events.
        for (auto& [key, at] : duty_fields)
          d_.report(code::E036, at,
                    "a link with `require` states what must hold of the unit; `" + key +
                        "` belongs to a duty link (role + expect), which is a link of its own");
        if (!link.require) d_.report(code::E011, link.span, "a link with an `id` needs `require`: what must hold of the unit");
        if (!link.id) d_.report(code::E011, link.span, "a link with `require` needs an `id`: the name its findings are kept under");
      } else {
        if (!has_role) d_.report(code::E011, link.span, "a link needs a `role` (a duty) or `require` (a requirement on the unit)");
        if (!has_expect) d_.report(code::E011, link.span, "a link needs `expect`: the events that discharge the duty");
      }
      r.links.push_back(std::move(link));
    }
  }

  SourcePtr src_;
  Diagnostics& d_;
};

}  // namespace

RuleFile load_rule_file(const SourcePtr& src, Diagnostics& diags) {
  try {
    return Loader(src, diags).run();
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape (a map where a name belongs, …): said at its place, with the
    // file, never as a bare yaml-cpp message.
    diags.report(code::E001, Span{src, e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
    RuleFile f;
    f.source = src;
    return f;
  }
}

}  // namespace jiandu::load
