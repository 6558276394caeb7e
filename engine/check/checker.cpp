#include "base/utf8.h"
#include "check/checker.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <map>
#include <set>

#include "base/fnv.h"
#include "base/suggest.h"
#include "check/kinds.h"
#include "load/loader.h"

namespace jiandu::check {
namespace {

using expr::EventTypes;
using expr::Root;
using expr::T;
using expr::Want;

// [a-z0-9_]+(\.[a-z0-9_]+)*, checked in one pass: std::regex recursed once per character
// and overflowed the stack on a long id.
bool valid_rule_id(std::string_view id) {
  bool word = false;  // the current dot-separated word has a character
  for (char c : id) {
    if (c == '.') {
      if (!word) return false;
      word = false;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      word = true;
    } else {
      return false;
    }
  }
  return word;
}

// A bad id as the message quotes it: the start of a long one, cut at a character boundary.
std::string shown_id(const std::string& id) {
  if (id.size() <= 80) return id;
  size_t cut = utf8_floor(id, 72);
  return id.substr(0, cut) + "… (" + std::to_string(id.size()) + " bytes)";
}

std::string fnv_hex(const std::vector<SourcePtr>& sources) {
  Fnv h;
  for (auto& s : sources) h.add(s->name()).add(s->text());
  return h.hex();
}

// Rule files are read (YAML) on every core: yaml-cpp's scanner is most of the time a large
// rule set takes to lint, and the files are independent. Diagnostics keep the files' order.
std::vector<load::RuleFile> load_all(const std::vector<SourcePtr>& sources, Diagnostics& diags) {
  std::vector<load::RuleFile> files(sources.size());
  std::vector<Diagnostics> found(sources.size());
  std::atomic<size_t> next{0};
  std::exception_ptr failed;
  std::mutex failed_mutex;
  auto work = [&] {
    try {
      for (size_t i; (i = next++) < sources.size();) files[i] = load::load_rule_file(sources[i], found[i]);
    } catch (...) {
      std::lock_guard lock(failed_mutex);
      if (!failed) failed = std::current_exception();
    }
  };
  // A thread is worth its start-up for a few dozen files, not for a handful.
  size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), sources.size() / 32 + 1);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
  for (auto& d : found) diags.append(d);
  return files;
}

Root root(const std::string& name, T type, int slot) { return Root{name, type, slot, {}, false}; }

class RuleChecker {
 public:
  RuleChecker(const Catalog& c, const CheckOptions& o, Diagnostics& d) : catalog_(c), opts_(o), d_(d) {}

  std::shared_ptr<RuleSet> run(const std::vector<SourcePtr>& sources) {
    auto set = std::make_shared<RuleSet>();
    set->hash = fnv_hex(sources);
    set->files = load_all(sources, d_);
    collect_symbols(set->files);
    checker_ = std::make_unique<expr::Checker>(catalog_, symbols_, d_);
    // Ids first, so that escalations can refer to rules in any file.
    std::map<std::string, Span> ids;
    for (auto& f : set->files)
      for (auto& r : f.rules) {
        if (r.id.value.empty()) continue;
        auto [it, fresh] = ids.emplace(r.id.value, r.id.span);
        if (!fresh) {
          duplicate_.insert(&r);
          auto& d = d_.report(code::E015, r.id.span, "duplicate rule id '" + r.id.value + "'");
          d.notes.push_back({jiandu::Severity::note, "", "first defined here", it->second, {}});
        }
        for (auto& t : r.tags) tags_.insert(t.value);
        all_ids_.push_back(r.id.value);
      }
    for (auto& f : set->files)
      for (auto& spec : f.rules) {
        size_t before = d_.count(jiandu::Severity::error);
        Rule rule = check_rule(spec);
        if (d_.count(jiandu::Severity::error) == before && spec.load_errors == 0 && !duplicate_.count(&spec))
          set->rules.push_back(std::move(rule));
      }
    unused_symbols();
    return set;
  }

 private:
  void collect_symbols(const std::vector<load::RuleFile>& files) {
    std::map<std::string, Span> names;
    auto define = [&](const load::Str& name, const char* what) {
      static const std::set<std::string> reserved{"event",  "org",  "person",  "period", "trigger", "due",  "count", "key",
                                                  "holder", "step", "outcome", "true",   "false",   "null", "in"};
      // Expressions name macros and lists by identifiers; any other key could never be used.
      bool ident =
          !name.value.empty() && !std::isdigit(static_cast<unsigned char>(name.value[0])) &&
          std::all_of(name.value.begin(), name.value.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
      if (!ident) {
        d_.report(code::E032, name.span,
                  std::string("a ") + what + " is named by an identifier (letters a–z, digits, `_`, not first a digit), not '" +
                      name.value + "': expressions could not name it");
        return false;
      }
      if (reserved.count(name.value)) {
        d_.report(code::E029, name.span, std::string("a ") + what + " cannot be named '" + name.value + "': the name is reserved");
        return false;
      }
      auto [it, fresh] = names.emplace(name.value, name.span);
      if (!fresh) {
        auto& d = d_.report(code::E016, name.span,
                            std::string("duplicate ") + what + " '" + name.value + "' (macros and lists share one namespace)");
        d.notes.push_back({jiandu::Severity::note, "", "first defined here", it->second, {}});
        return false;
      }
      return true;
    };
    for (auto& f : files) {
      for (auto& l : f.lists) {
        if (!define(l.name, "list")) continue;
        expr::Symbols::List list;
        list.name = l.name.span;
        for (auto& i : l.items) {
          list.items.push_back(i.value);
          list.spans.push_back(i.span);
        }
        symbols_.lists[l.name.value] = std::move(list);
      }
      for (auto& m : f.macros)
        if (define(m.name, "macro")) symbols_.macros[m.name.value] = {m.body.text, m.name.span};
    }
  }

  void unused_symbols() {
    for (auto& [name, m] : symbols_.macros)
      if (!symbols_.used.count(name)) d_.report(code::W302, m.name, "macro '" + name + "' is never used");
    for (auto& [name, l] : symbols_.lists)
      if (!symbols_.used.count(name)) d_.report(code::W303, l.name, "list '" + name + "' is never used");
  }

  // ── roots by context ───────────────────────────────────────────────────────────────
  std::vector<Root> event_roots(EventTypes trigger = {}, bool with_trigger = false) {
    std::vector<Root> r{root("event", T::event, kEvent), root("org", T::org, kOrg), root("person", T::person, kPerson)};
    r[0].narrow_by_self = true;
    if (with_trigger) {
      r.push_back(root("trigger", T::event, kTrigger));
      r.back().types = trigger;
    }
    return r;
  }

  expr::NodePtr cond(const std::optional<load::Expr>& e, const std::vector<Root>& roots, EventTypes* types, const char* field,
                     Want want = Want::boolean) {
    if (!e || !e->text) return nullptr;
    auto n = checker_->check(e->text, roots, want);
    if (n && types) {
      *types = checker_->event_types(*n, "event");
      if (types->empty()) d_.report(code::W301, e->span, std::string("`") + field + "` can never hold: no event type satisfies it");
    }
    return n;
  }

  // ── one rule ───────────────────────────────────────────────────────────────────────
  Rule check_rule(const load::Rule& s) {
    Rule r;
    r.spec = &s;
    r.id = s.id.value;
    r.title = s.title.value;
    r.basis = s.basis.value;
    r.enabled = s.enabled;
    if (s.owner) r.owner = s.owner->value;
    for (auto& t : s.tags) r.tags.push_back(t.value);
    if (!s.id.value.empty() && !valid_rule_id(s.id.value))
      d_.report(
          code::E014, s.id.span,
          "a rule id is lowercase words separated by dots, such as meetings.branch_committee_monthly; not '" + shown_id(s.id.value) + "'");
    if (!s.severity.value.empty()) {
      if (auto sev = severity_from(s.severity.value))
        r.severity = *sev;
      else
        d_.report(code::E017, s.severity.span,
                  "unknown severity '" + s.severity.value + "' (info, low, medium, high, critical)" +
                      did_you_mean(s.severity.value, names_of(kSeverities)));
    }
    if (s.effective_from) r.from = *Date::parse(s.effective_from->value);
    if (s.effective_to) {
      r.to = *Date::parse(s.effective_to->value);
      if (s.effective_from && *r.to < r.from)
        d_.report(code::E023, s.effective_to->span,
                  "effective.to " + s.effective_to->value + " is before effective.from " + s.effective_from->value);
      else if (*r.to < opts_.today)
        d_.report(code::W304, s.effective_to->span, "the rule stopped applying on " + s.effective_to->value + " (effective.to has passed)");
    }
    auto kind = load::kind_from(s.kind.value);  // none: the loader reported it
    if (!s.owner && kind != Kind::escalation && !s.id.value.empty())
      d_.report(code::W310, s.id.span, "rule '" + s.id.value + "' has no owner: its alerts will have no one responsible (明责)");

    if (kind) switch (*kind) {
        case Kind::match: match(s, r); break;
        case Kind::deadline: deadline(s, r); break;
        case Kind::periodic: periodic(s, r); break;
        case Kind::threshold: threshold(s, r); break;
        case Kind::sequence: sequence(s, r); break;
        case Kind::chain: chain(s, r); break;
        case Kind::escalation: escalation(s, r); break;
      }
    on_rest_day(s, r);
    durations_from_data(s, r);
    message(s, r);
    names(s, r);
    return r;
  }

  const Vocabulary& vocab() const { return opts_.vocabulary ? *opts_.vocabulary : vocabulary(); }

  // Every role and org kind a rule names is one of the vocabulary's (rules/policy/roles.yaml):
  // a misspelt owner or `org.kind == "party_brach"` would otherwise never fire, silently.
  void names(const load::Rule& s, Rule& r) {
    auto role = [&](const std::string& id, const Span& at, const char* what) {
      if (!id.empty() && !vocab().has_role(id))
        d_.report(code::E034, at,
                  std::string("unknown role '") + id + "' in " + what + " (roles are listed in rules/policy/roles.yaml)" +
                      did_you_mean(id, vocab().role_ids()));
    };
    if (s.owner) role(s.owner->value, s.owner->span, "`owner`");
    for (auto& l : s.links) role(l.role.value, l.role.span, "a link's `role`");
    std::vector<const expr::Node*> trees{r.when.get(), r.on.get(), r.expect.get(), r.scope.get(), r.sum.get()};
    for (auto& st : r.steps) trees.push_back(st.when.get());
    for (auto& l : r.links) trees.insert(trees.end(), {l.in.get(), l.expect.get()});
    for (auto& l : r.links) trees.push_back(l.require.get());
    for (auto& part : r.message.parts) trees.push_back(part.expr.get());
    for (auto* t : trees)
      if (t) {
        org_kinds(*t);
        role_literals(*t);
        graph_names(*t);
      }
  }

  // The roles and kinds the org-graph methods name (`org.holders("member", period.end)`).
  void graph_names(const expr::Node& n) {
    using expr::Fn;
    if (n.kind == expr::NodeKind::call && n.args.size() >= 2 && n.args[1]->kind == expr::NodeKind::string_lit && n.args[1]->origin) {
      const expr::Node& lit = *n.args[1];
      Span at = lit.origin->span(lit.begin, lit.end);
      if ((n.fn == Fn::holders || n.fn == Fn::holders_within || n.fn == Fn::holder || n.fn == Fn::holds) && !vocab().has_role(lit.text))
        d_.report(
            code::E034, at,
            "unknown role '" + lit.text + "' (roles are listed in rules/policy/roles.yaml)" + did_you_mean(lit.text, vocab().role_ids()));
      if (n.fn == Fn::units_within && !vocab().has_org_kind(lit.text))
        d_.report(code::E035, at,
                  "unknown org kind '" + lit.text + "' (org kinds are listed in rules/policy/roles.yaml)" +
                      did_you_mean(lit.text, vocab().org_kind_ids()));
    }
    for (auto& a : n.args)
      if (a) graph_names(*a);
  }

  // Every string compared (`==`, `!=`, `in [...]`) with a field `is_field` picks out, anywhere in
  // the tree, handed to `check`.
  template <class IsField, class Check>
  static void compared_literals(const expr::Node& n, const IsField& is_field, const Check& check) {
    using expr::NodeKind;
    if (n.kind == NodeKind::binary && n.args.size() == 2 && (n.op == expr::Op::eq || n.op == expr::Op::ne || n.op == expr::Op::in))
      for (int side = 0; side < 2; ++side) {
        if (!is_field(*n.args[size_t(side)])) continue;
        const expr::Node& other = *n.args[size_t(1 - side)];
        if (other.kind == NodeKind::list)
          for (auto& x : other.args) check(*x);
        else
          check(other);
      }
    for (auto& a : n.args)
      if (a) compared_literals(*a, is_field, check);
  }

  // `event.attrs.role == "…"` of the role events: the strings must be roles, or the rule
  // would never see the appointment it waits for.
  void role_literals(const expr::Node& n) {
    using expr::NodeKind;
    compared_literals(
        n, [](const expr::Node& x) { return x.kind == NodeKind::member && x.field == expr::Field::attr && x.name == "role"; },
        [&](const expr::Node& lit) {
          if (lit.kind != NodeKind::string_lit || vocab().has_role(lit.text) || !lit.origin) return;
          d_.report(
              code::E034, lit.origin->span(lit.begin, lit.end),
              "unknown role '" + lit.text + "' (roles are listed in rules/policy/roles.yaml)" + did_you_mean(lit.text, vocab().role_ids()));
        });
  }

  // `x.kind == "…"` where x is an org unit: the strings must be org kinds.
  void org_kinds(const expr::Node& n) {
    using expr::NodeKind;
    compared_literals(
        n, [](const expr::Node& x) { return x.kind == NodeKind::member && x.field == expr::Field::kind; },
        [&](const expr::Node& lit) {
          if (lit.kind != NodeKind::string_lit || vocab().has_org_kind(lit.text) || !lit.origin) return;
          d_.report(code::E035, lit.origin->span(lit.begin, lit.end),
                    "unknown org kind '" + lit.text + "' (org kinds are listed in rules/policy/roles.yaml)" +
                        did_you_mean(lit.text, vocab().org_kind_ids()));
        });
  }

  // `on_rest_day: next_workday` moves a due date counted in calendar days off a rest day
  // (民法典 Art. 203); a rule whose durations are all working days has nothing to move.
  void on_rest_day(const load::Rule& s, Rule& r) {
    if (!s.on_rest_day) return;
    const load::Str& v = *s.on_rest_day;
    if (v.value != "next_workday" && v.value != "keep") {
      d_.report(code::E031, v.span,
                "`on_rest_day` is next_workday (a due date on a rest day moves to the next working day) or keep, not '" + v.value + "'" +
                    did_you_mean(v.value, {"next_workday", "keep"}));
      return;
    }
    r.next_workday = v.value == "next_workday";
    bool calendar_days = false;
    for (auto* d : {&r.within, &r.due})
      if (*d && (*d)->unit != load::DurationUnit::workdays) calendar_days = true;
    for (auto& st : r.steps)
      if (st.within && st.within->unit != load::DurationUnit::workdays) calendar_days = true;
    if (!calendar_days)
      d_.report(code::E031, v.span,
                "`on_rest_day` moves a due date counted in calendar days, but this rule's " +
                    std::string(r.kind == Kind::periodic || r.kind == Kind::chain ? "`due` is" : "durations are") +
                    (r.kind == Kind::periodic || r.kind == Kind::chain ? (r.due ? " counted in working days" : " not given")
                                                                       : " counted in working days") +
                    ": it means nothing here");
  }

  void subject(const load::Rule& s, Rule& r, Rule::Subject fallback) {
    r.subject = fallback;
    if (!s.subject) return;
    const auto& v = s.subject->value;
    if (v == "org")
      r.subject = Rule::Subject::org;
    else if (v == "person")
      r.subject = Rule::Subject::person;
    else if (v == "ref")
      r.subject = Rule::Subject::ref;
    else
      d_.report(code::E022, s.subject->span,
                "`subject` is org, person or ref, not '" + v + "'" + did_you_mean(v, {"org", "person", "ref"}));
  }

  std::vector<Key> keys(const std::vector<load::Str>& in, const char* field, const load::Rule& s, bool required) {
    std::vector<Key> out;
    if (required && in.empty() && s.span.valid())
      d_.report(code::E011, s.id.span.valid() ? s.id.span : s.span,
                std::string("`") + field + "` needs at least one key (org, person, ref or attrs.NAME)");
    for (auto& k : in) {
      if (k.value == "org")
        out.push_back({Key::org, ""});
      else if (k.value == "person")
        out.push_back({Key::person, ""});
      else if (k.value == "ref")
        out.push_back({Key::ref, ""});
      else if (k.value.rfind("attrs.", 0) == 0 && k.value.size() > 6) {
        std::string a = k.value.substr(6);
        std::vector<std::string> names;
        bool known = false;
        for (auto& [t, et] : catalog_.types())
          for (auto& spec : et.attrs) {
            names.push_back(spec.name);
            known |= spec.name == a;
          }
        if (!known) d_.report(code::E203, k.span, "unknown attribute '" + a + "' (no event type has it)" + did_you_mean(a, names));
        out.push_back({Key::attribute, a});
      } else
        d_.report(code::E022, k.span,
                  std::string("a `") + field + "` key is org, person, ref or attrs.NAME, not '" + k.value + "'" +
                      did_you_mean(k.value, {"org", "person", "ref"}));
    }
    return out;
  }

  std::optional<PeriodUnit> period_unit(const std::optional<load::Str>& s) {
    if (!s) return std::nullopt;
    if (auto u = value_of(kPeriodUnits, s->value)) return u;
    d_.report(
        code::E021, s->span,
        "`every` is week, month, quarter, half_year or year, not '" + s->value + "'" + did_you_mean(s->value, names_of(kPeriodUnits)));
    return std::nullopt;
  }

  // A duration's length in days, roughly (for comparing durations of different units).
  static double approx_days(const load::Duration& d) {
    using U = load::DurationUnit;
    switch (d.unit) {
      case U::days: return double(d.n);
      case U::workdays: return d.n * 7.0 / 5.0;
      case U::weeks: return d.n * 7.0;
      case U::months: return d.n * 30.4;
      case U::quarters: return d.n * 91.3;
      case U::years: return d.n * 365.25;
    }
    return 0;
  }

  // Whether the rule's YAML has the key, even if its value was empty or malformed.
  static bool has_key(const load::Rule& s, const char* key) { return std::find(s.keys.begin(), s.keys.end(), key) != s.keys.end(); }

  // `within: trigger.attrs.NAME UNIT`: only a deadline's `within` reads its length from the
  // trigger, and NAME must be an int attribute of every event type `on` allows (of some type,
  // when `on` names none), or the due date could never be counted.
  void durations_from_data(const load::Rule& s, const Rule& r) {
    auto refuse = [&](const std::optional<load::Duration>& d, const char* field) {
      if (d && d->from_data())
        d_.report(code::E020, d->span,
                  std::string("`") + field +
                      "` cannot be read from the trigger (only a deadline's `within` can): write a duration such as '2 months'");
    };
    refuse(s.warn, "warn");
    refuse(s.due, "due");
    refuse(s.window, "window");
    for (auto& st : s.steps) refuse(st.within, "within");
    if (!s.within || !s.within->from_data()) return;
    if (r.kind != Kind::deadline) return refuse(s.within, "within");
    const load::Duration& d = *s.within;
    std::vector<std::string> ints;  // the int attributes `on`'s types have, for did-you-mean
    bool somewhere = false;
    std::vector<std::string> lacking, not_int;
    for (auto& [name, et] : catalog_.types()) {
      if (!r.on_types.all && !r.on_types.names.count(name)) continue;
      const AttrSpec* a = et.attr(d.attr);
      for (auto& x : et.attrs)
        if (x.type == AttrType::int_) ints.push_back(x.name);
      if (!a)
        lacking.push_back(name);
      else if (a->type != AttrType::int_)
        not_int.push_back(name + " (" + attr_type_name(a->type) + ")");
      else
        somewhere = true;
    }
    std::sort(ints.begin(), ints.end());
    ints.erase(std::unique(ints.begin(), ints.end()), ints.end());
    auto join = [](const std::vector<std::string>& v) {
      std::string out;
      for (auto& x : v) out += (out.empty() ? "" : ", ") + x;
      return out;
    };
    if (!not_int.empty())
      d_.report(code::E203, d.span,
                "`within` reads trigger.attrs." + d.attr + " as a count, but it is not an int attribute of " + join(not_int));
    else if (r.on_types.all ? !somewhere : !lacking.empty())
      d_.report(code::E203, d.span,
                "`within` reads trigger.attrs." + d.attr + ", which is not an attribute of " +
                    (r.on_types.all ? std::string("any event type") : join(lacking)) + did_you_mean(d.attr, ints));
  }

  // Thresholds and escalations count from one; a zero bar or window fires on nothing.
  void positive(const load::Rule& s) {
    if (s.at_least && s.at_least->value == 0)
      d_.report(code::E026, s.at_least->span, "`at_least` must be 1 or more: a bar of 0 is crossed by nothing");
    if (s.window && s.window->n < 1) d_.report(code::E026, s.window->span, "`window` must be at least one day long");
  }

  void short_deadline(const std::optional<load::Duration>& d, const char* field) {
    if (d && d->n == 0 && (!d->from_data() || d->has_fallback))
      d_.report(code::W305, d->span,
                std::string("`") + field + ": " + d->str() + "` leaves less than a day: the due date is the trigger's own day");
  }

  void match(const load::Rule& s, Rule& r) {
    r.kind = Kind::match;
    subject(s, r, Rule::Subject::org);
    r.when = cond(s.when, event_roots(), &r.when_types, "when");
    // A precondition (`unless_before`) or a span after an earlier event (`after` + `within`),
    // each with the keys the earlier event shares with the `when` event.
    if (s.unless_before && s.after)
      d_.report(code::E024, s.after->span,
                "a match rule has `unless_before` (an event that must come first) or `after` (an event "
                "that must not be followed), not both: write two rules");
    if (s.unless_before) r.unless_before = cond(s.unless_before, event_roots(), &r.unless_types, "unless_before");
    if (s.after) r.after = cond(s.after, event_roots(), &r.after_types, "after");
    const std::optional<load::Expr>& earlier = s.unless_before ? s.unless_before : s.after;
    const char* field = s.unless_before ? "unless_before" : "after";
    if (earlier) {
      if (!has_key(s, "correlate"))
        d_.report(code::E011, earlier->span,
                  std::string("`") + field + "` needs `correlate`: the keys the earlier event shares with the `when` event");
      else
        r.correlate = keys(s.correlate, "correlate", s, true);
    } else if (has_key(s, "correlate")) {
      d_.report(code::E024, s.correlate.empty() ? s.span : s.correlate.front().span,
                "`correlate` in a match rule belongs with `unless_before` or `after` (the keys the earlier event shares)");
    }
    if (s.after && !s.within)
      d_.report(code::E011, s.after->span, "`after` needs `within`: how long after the earlier event a `when` event is a violation");
    if (s.within && !s.after)
      d_.report(code::E024, s.within->span, "`within` in a match rule belongs with `after`: the span after the earlier event");
    if (s.after && s.within) r.within = s.within;
  }

  void deadline(const load::Rule& s, Rule& r) {
    r.kind = Kind::deadline;
    subject(s, r, Rule::Subject::org);
    r.on = cond(s.on, event_roots(), &r.on_types, "on");
    r.expect = cond(s.expect, event_roots(r.on_types, true), &r.expect_types, "expect");
    r.correlate = keys(s.correlate, "correlate", s, has_key(s, "correlate"));
    r.within = s.within;
    r.warn = s.warn;
    short_deadline(s.within, "within");
    if (s.warn && s.within && (!s.within->from_data() || s.within->has_fallback) && approx_days(*s.warn) >= approx_days(*s.within))
      d_.report(code::W309, s.warn->span,
                "`warn: " + s.warn->str() + "` is not shorter than `within: " + s.within->str() +
                    "`: every obligation is due soon from the start");
  }

  void periodic(const load::Rule& s, Rule& r) {
    r.kind = Kind::periodic;
    if (s.makeup) {
      r.makeup = true;
      if (!s.due)
        d_.report(code::E033, *s.makeup, "`makeup: true` needs `due`: a period is made up in its grace, and without `due` there is none");
      else if (!s.at_least)
        d_.report(code::E033, *s.makeup, "`makeup: true` needs `at_least`: only a period short of it can be made up");
    }
    if (s.per) {
      if (s.per->value == "person")
        r.per_person = true;
      else if (s.per->value != "org")
        d_.report(code::E022, s.per->span,
                  "`per` is org or person, not '" + s.per->value + "'" + did_you_mean(s.per->value, {"org", "person"}));
    }
    std::vector<Root> scope_roots{root("org", T::org, kOrg)};
    if (r.per_person) scope_roots.push_back(root("person", T::person, kPerson));
    r.scope = cond(s.scope, scope_roots, nullptr, "scope");
    auto roots = event_roots();
    roots.push_back(root("period", T::period, kPeriod));
    r.expect = cond(s.expect, roots, &r.expect_types, "expect");
    if (auto u = period_unit(s.every)) r.every = *u;
    r.due = s.due;
    counts(s, r, true);
    if (r.at_least && s.every) {
      static const std::map<PeriodUnit, int> days{
          {PeriodUnit::week, 7}, {PeriodUnit::month, 31}, {PeriodUnit::quarter, 92}, {PeriodUnit::half_year, 184}, {PeriodUnit::year, 366}};
      if (*r.at_least > days.at(r.every))
        d_.report(code::W306, s.at_least->span,
                  "`at_least: " + std::to_string(*r.at_least) + "` cannot fit in a " + period_unit_name(r.every) + " of at most " +
                      std::to_string(days.at(r.every)) + " days, unless several happen on one day");
    }
  }

  void counts(const load::Rule& s, Rule& r, bool either) {
    if (s.at_least) {
      r.at_least = s.at_least->value;
      if (s.at_least->value < 0) d_.report(code::E026, s.at_least->span, "`at_least` cannot be negative");
    }
    if (s.at_most) {
      r.at_most = s.at_most->value;
      if (s.at_most->value < 0) d_.report(code::E026, s.at_most->span, "`at_most` cannot be negative");
    }
    if (either && !s.at_least && !s.at_most)
      d_.report(code::E011, s.id.value.empty() ? s.span : s.id.span,
                "rule '" + s.id.value + "' (" + s.kind.value + ") needs `at_least` or `at_most`");
    if (r.at_least && r.at_most && *r.at_least > *r.at_most)
      d_.report(code::E026, s.at_most->span,
                "`at_most: " + std::to_string(*r.at_most) + "` is below `at_least: " + std::to_string(*r.at_least) +
                    "`: no count satisfies both");
  }

  void threshold(const load::Rule& s, Rule& r) {
    r.kind = Kind::threshold;
    r.when = cond(s.when, event_roots(), &r.when_types, "when");
    if (s.sum) {
      auto roots = event_roots();
      roots[0].narrow_by_self = false;
      roots[0].types = r.when_types;
      r.sum = cond(s.sum, roots, nullptr, "sum", Want::number);
    }
    r.group_by = keys(s.group_by, "group_by", s, has_key(s, "group_by"));
    r.window = s.window;
    counts(s, r, false);
    positive(s);
  }

  void sequence(const load::Rule& s, Rule& r) {
    r.kind = Kind::sequence;
    subject(s, r, Rule::Subject::org);
    r.correlate = keys(s.correlate, "correlate", s, has_key(s, "correlate"));
    if (s.steps.empty() && has_key(s, "steps")) d_.report(code::E025, s.id.span, "`steps` is empty: a sequence needs at least two steps");
    if (s.steps.size() == 1)
      d_.report(code::E025, s.steps[0].span, "a sequence needs at least two steps (for one step after another, use a deadline)");
    std::map<std::string, int> index;
    auto roots = event_roots();
    for (size_t i = 0; i < s.steps.size(); ++i) {
      const auto& st = s.steps[i];
      Step step;
      step.name = st.name.value;
      step.within = st.within;
      if (index.count(step.name)) d_.report(code::E025, st.name.span, "duplicate step name '" + step.name + "'");
      static const std::set<std::string> taken{"event", "org", "person", "period", "trigger", "due",
                                               "count", "key", "holder", "step",   "outcome"};
      if (taken.count(step.name)) d_.report(code::E025, st.name.span, "a step cannot be named '" + step.name + "': the name is reserved");
      step.when = cond(std::optional<load::Expr>(st.when), roots, &step.types, "when");
      if (i == 0) {
        if (st.within || st.untimed)
          d_.report(code::E025, st.within ? st.within->span : st.span, "the first step starts the sequence: it has no `within`");
        if (st.after) d_.report(code::E025, st.after->span, "the first step starts the sequence: it has no `after`");
      } else {
        step.after = int(i) - 1;
        if (st.after) {
          auto it = index.find(st.after->value);
          if (it == index.end()) {
            std::vector<std::string> names;
            for (auto& [n, _] : index) names.push_back(n);
            d_.report(code::E025, st.after->span,
                      "`after: " + st.after->value + "` names no earlier step" + did_you_mean(st.after->value, names));
          } else {
            step.after = it->second;
          }
        }
        if (!st.has_within)
          d_.report(code::E011, st.span,
                    "step '" + step.name +
                        "' needs `within`: how long after the step before it (or `within: none` when another rule checks its timing)");
        short_deadline(st.within, "within");
      }
      // Later steps may refer to earlier ones by name.
      Root named = root(step.name, T::event, kFirstStep + int(i));
      named.types = step.types;
      roots.push_back(named);
      index[step.name] = int(i);
      r.steps.push_back(std::move(step));
    }
  }

  void chain(const load::Rule& s, Rule& r) {
    r.kind = Kind::chain;
    r.scope = cond(s.scope, {root("org", T::org, kOrg)}, nullptr, "scope");
    if (auto u = period_unit(s.every)) r.every = *u;
    r.due = s.due;
    if (s.links.empty() && has_key(s, "links")) d_.report(code::E011, s.id.span, "`links` is empty: a chain needs at least one link");
    std::set<std::string> ids;
    for (auto& l : s.links) {
      Link link;
      if (l.require) {
        if (l.id) {
          link.id = l.id->value;
          if (!valid_link_id(link.id))
            d_.report(code::E036, l.id->span,
                      "a requirement's `id` is a name in lower case, digits and _ (such as branch_committee), not '" + link.id + "'");
          else if (!ids.insert(link.id).second)
            d_.report(code::E036, l.id->span,
                      "two requirements of this chain are called '" + link.id + "': their findings would share a key");
        }
        link.in = cond(l.in, {root("org", T::org, kOrg)}, nullptr, "in");
        link.require = cond(l.require, {root("org", T::org, kOrg), root("period", T::period, kPeriod)}, nullptr, "require");
        link.types = EventTypes::only({});  // judged of the unit: it reads no events
        r.links.push_back(std::move(link));
        continue;
      }
      link.role = l.role.value;
      link.at_least = l.at_least.value;
      link.each_holder = l.each_holder;
      link.in = cond(l.in, {root("org", T::org, kOrg)}, nullptr, "in");
      auto roots = event_roots();
      roots.push_back(root("period", T::period, kPeriod));
      link.expect = cond(std::optional<load::Expr>(l.expect), roots, &link.types, "expect");
      r.links.push_back(std::move(link));
    }
  }

  static bool valid_link_id(const std::string& id) {
    if (id.empty() || id.size() > 64 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
    for (char c : id)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
  }

  void escalation(const load::Rule& s, Rule& r) {
    r.kind = Kind::escalation;
    for (auto& f : s.from) {
      if (std::find(all_ids_.begin(), all_ids_.end(), f.value) != all_ids_.end() || tags_.count(f.value)) {
        r.from_rules.push_back(f.value);
        continue;
      }
      std::vector<std::string> names = all_ids_;
      names.insert(names.end(), tags_.begin(), tags_.end());
      d_.report(code::E028, f.span, "`from: " + f.value + "` names no rule id or tag" + did_you_mean(f.value, names));
    }
    r.group_by = keys(s.group_by, "group_by", s, false);
    for (size_t i = 0; i < r.group_by.size() && i < s.group_by.size(); ++i)
      if (r.group_by[i].what != Key::org && r.group_by[i].what != Key::person)
        d_.report(code::E022, s.group_by[i].span,
                  "an escalation groups findings by org or person (a finding has no " + r.group_by[i].str() + ")");
    r.window = s.window;
    counts(s, r, false);
    positive(s);
    if (s.from.empty() && has_key(s, "from")) d_.report(code::E011, s.id.span, "`from` needs at least one rule id or tag");
    if (s.recommend) {
      r.recommend = int(s.recommend->value);
      if (r.recommend < 1 || r.recommend > 4)
        d_.report(code::E027, s.recommend->span, "`recommend` is a form of the four forms: 1, 2, 3 or 4");
    }
  }

  // ── the message template ──────────────────────────────────────────────────────────
  // What a message of each kind may name: what the finding has.
  std::vector<Root> message_roots(const Rule& r) {
    std::vector<Root> roots{root("org", T::org, kOrg), root("person", T::person, kPerson), root("outcome", T::string, kOutcome)};
    for (auto& x : kind_rules(r.kind).message_roots(r)) roots.push_back(std::move(x));
    return roots;
  }

  void message(const load::Rule& s, Rule& r) {
    if (!s.message) {
      r.message.parts.push_back({r.title, {}});
      return;
    }
    auto whole = ScalarText::make(s.message->value, s.message->span.source, s.message->span.offset);
    const std::string& m = whole->text;
    std::vector<Root> roots = message_roots(r);
    std::string text;
    for (size_t i = 0; i < m.size(); ++i) {
      if (m[i] == '{' && i + 1 < m.size() && m[i + 1] == '{') {
        text += '{';
        ++i;
      } else if (m[i] == '}' && i + 1 < m.size() && m[i + 1] == '}') {
        text += '}';
        ++i;
      } else if (m[i] == '{') {
        size_t close = m.find('}', i);
        if (close == std::string::npos) {
          d_.report(code::E213, whole->span(uint32_t(i), uint32_t(i + 1)), "unclosed '{' in the message (write '{{' for a brace)");
          return;
        }
        if (!text.empty()) r.message.parts.push_back({std::move(text), {}});
        text.clear();
        auto inner = whole->slice(uint32_t(i + 1), uint32_t(close));
        auto n = checker_->check(inner, roots, Want::any);
        if (n) r.message.parts.push_back({"", n});
        i = close;
      } else {
        text += m[i];
      }
    }
    if (!text.empty()) r.message.parts.push_back({std::move(text), {}});
  }

  const Catalog& catalog_;
  const CheckOptions& opts_;
  Diagnostics& d_;
  expr::Symbols symbols_;
  std::unique_ptr<expr::Checker> checker_;
  std::vector<std::string> all_ids_;
  std::set<const load::Rule*> duplicate_;
  std::set<std::string> tags_;
};

}  // namespace

std::shared_ptr<RuleSet> check_rules(const std::vector<SourcePtr>& sources, const Catalog& catalog, const CheckOptions& opts,
                                     Diagnostics& diags) {
  return RuleChecker(catalog, opts, diags).run(sources);
}

}  // namespace jiandu::check
