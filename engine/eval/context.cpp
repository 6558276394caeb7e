#include "eval/operator.h"

#include <algorithm>

namespace jiandu::eval {

bool Context::predicate(int condition, const Event& e) {
  for (int id : plan.conditions[size_t(condition)].conjuncts) {
    bool v;
    if (memo_epoch[size_t(id)] == epoch) {
      v = memo[size_t(id)] > 0;
    } else {
      // One frame per event for all its shared predicates (they read the event, its org
      // and person only), not one per predicate.
      if (predicate_frame_epoch != epoch) {
        predicate_frame[check::kEvent] = &e;
        predicate_frame[check::kOrg] = e.org >= 0 ? Value(OrgRef{e.org}) : Value(Null{});
        predicate_frame[check::kPerson] = e.person >= 0 ? Value(PersonRef{e.person}) : Value(Null{});
        predicate_frame_epoch = epoch;
      }
      v = test(plan.predicates[size_t(id)].node.program(), predicate_frame);
      memo[size_t(id)] = v ? 1 : 0;
      memo_epoch[size_t(id)] = epoch;
    }
    if (!v) return false;
  }
  return true;
}

bool Context::test(const expr::Program& p, Frame& f) {
  // The subject a fault is about: the frame's person, else its unit.
  auto subject = [&]() -> std::string {
    if (auto* p = std::get_if<PersonRef>(&f[check::kPerson])) return orgs.people()[size_t(p->index)].id;
    if (auto* o = std::get_if<OrgRef>(&f[check::kOrg])) return orgs.orgs()[size_t(o->index)].id;
    return "";
  };
  try {
    return interp.test(p, f);
  } catch (const EvalFault& e) {
    fault(e.what(), subject());
  } catch (const std::bad_variant_access&) {
    fault("a value of an unexpected type (the data does not match the catalog)", subject());
  }
  return false;
}

Context Context::fork(std::vector<Finding>& into) const {
  Context c{plan, interp, orgs, calendar, as_of, into};
  c.memo.assign(memo.size(), 0);
  c.memo_epoch.assign(memo_epoch.size(), 0);
  return c;
}

void Context::fault(const std::string& what, std::string subject) {
  if (!stats) return;
  ++stats->faults;
  if (stats->fault_list.size() >= RuleStats::kFaultsKept) return;
  std::string event;
  if (current) {
    event = current->id;
    if (subject.empty())
      subject = current->person >= 0 ? orgs.people()[size_t(current->person)].id
                : current->org >= 0  ? orgs.orgs()[size_t(current->org)].id
                                     : "";
  }
  stats->fault_list.push_back({std::move(subject), std::move(event), what});
}

Frame Context::frame(const Event& e) const {
  Frame f;
  f[check::kEvent] = &e;
  f[check::kOrg] = e.org >= 0 ? Value(OrgRef{e.org}) : Value(Null{});
  f[check::kPerson] = e.person >= 0 ? Value(PersonRef{e.person}) : Value(Null{});
  return f;
}

Finding Operator::finding(Frame& f, check::Outcome outcome) const {
  Finding x;
  x.rule = &rule;
  x.outcome = outcome;
  f[check::kOutcome] = std::string(check::name(outcome));
  return x;
}

std::string Finding::stable_key() const {
  // rule|type:subject|period|key, built in one buffer: every finding's key is built when the
  // findings are sorted and again when the ledger matches them to alerts.
  std::string s;
  s.reserve(rule->id.size() + subject_type.size() + subject_id.size() + period.size() + key.size() + 4);
  s += rule->id;
  s += '|';
  s += subject_type;
  s += ':';
  s += subject_id;
  s += '|';
  if (period.empty()) {
    s += key;
  } else {
    s += period;
    if (!key.empty()) {
      s += '|';
      s += key;
    }
  }
  return s;
}

Date add_duration(Date d, const load::Duration& dur, const Calendar& cal) {
  using U = load::DurationUnit;
  switch (dur.unit) {
    case U::days: return d.add_days(int(dur.n));
    case U::workdays: return cal.add_workdays(d, dur.n);
    case U::weeks: return d.add_days(int(dur.n * 7));
    case U::months: return d.add_months(int(dur.n));
    case U::quarters: return d.add_months(int(dur.n * 3));
    case U::years: return d.add_months(int(dur.n * 12));
  }
  return d;
}

Date due_after(Date d, const load::Duration& dur, const check::Rule& r, const Calendar& cal) {
  Date due = add_duration(d, dur, cal);
  return r.next_workday && dur.unit != load::DurationUnit::workdays ? cal.next_workday_from(due) : due;
}

load::Duration duration_for(const load::Duration& dur, const Event& trigger) {
  if (!dur.from_data()) return dur;
  const Attr* a = trigger.attrs().find(dur.attr);
  if (!a || a->kind == Attr::Kind::null) {
    if (dur.has_fallback) return load::duration_of(dur.n, dur.unit, dur.span);
    throw EvalFault("record " + trigger.id + " has no attrs." + dur.attr + " to count `within` from (write `within: " + dur.str() +
                    " or N " + load::unit_name(dur.attr_unit) + "` for a default)");
  }
  // The catalog makes it an int; a stored record of an older catalog may say anything.
  if (a->kind != Attr::Kind::integer || a->integer < 0 || a->integer > 999999)
    throw EvalFault("record " + trigger.id + ": attrs." + dur.attr + " is " + a->dump() + ", not a count from 0 to 999999 for `within`");
  return load::duration_of(a->integer, dur.attr_unit, dur.span);
}

bool counted_on_calendar(const load::Duration& dur, const check::Rule& r) {
  return dur.unit == load::DurationUnit::workdays || r.next_workday;
}

void mark_calendar(Finding& x, const Calendar& cal, Date a, Date b, bool counted) {
  x.numbers["calendar"] = cal.describe();
  if (!counted) return;
  for (int y : cal.provisional_between(a, b))
    if (std::find(x.provisional.begin(), x.provisional.end(), y) == x.provisional.end()) x.provisional.push_back(y);
  std::sort(x.provisional.begin(), x.provisional.end());
  if (!x.provisional.empty()) x.numbers["provisional_years"] = x.provisional;
}

Date sub_duration(Date d, const load::Duration& dur, const Calendar& cal) {
  load::Duration neg = dur;
  if (dur.unit == load::DurationUnit::workdays) return cal.sub_workdays(d, dur.n);
  neg.n = -dur.n;
  return add_duration(d, neg, cal);
}

std::string keys_text(const std::vector<check::Key>& keys) {
  std::string s;
  for (auto& k : keys) s += (s.empty() ? "" : ", ") + k.str();
  return s;
}

std::optional<std::string> key_of(const Event& e, const std::vector<check::Key>& keys, const org::OrgGraph& orgs) {
  std::string k;
  for (auto& key : keys) {
    std::string part;
    switch (key.what) {
      case check::Key::org:
        if (e.org < 0) return std::nullopt;
        part = orgs.orgs()[size_t(e.org)].id;
        break;
      case check::Key::person:
        if (e.person < 0) return std::nullopt;
        part = orgs.people()[size_t(e.person)].id;
        break;
      case check::Key::ref:
        if (!e.has_ref) return std::nullopt;
        part = e.ref;
        break;
      case check::Key::attribute: {
        const Attr* a = e.attrs().find(key.attr);
        if (!a || a->kind == Attr::Kind::null) return std::nullopt;
        part = a->kind == Attr::Kind::string ? a->text : a->dump();
        break;
      }
    }
    k += (k.empty() ? "" : "|") + part;
  }
  return k;
}

}  // namespace jiandu::eval
