#pragma once
// What the rule kinds share: a condition through the shared predicate when it has one, and
// the subject of a finding.
#include "eval/operator.h"

namespace jiandu::eval {

inline bool holds(Context& ctx, int pred, const expr::Expr& node, const Event& e) {
  if (!node) return false;
  if (pred >= 0) return ctx.predicate(pred, e);
  Frame f = ctx.frame(e);
  return ctx.test(node.program(), f);
}

inline void subject_org(Finding& x, const org::OrgGraph& orgs, int org) {
  x.subject_type = "org";
  x.org = org;
  if (org >= 0) {
    x.subject_id = orgs.orgs()[size_t(org)].id;
    x.subject_name = orgs.orgs()[size_t(org)].name;
  }
}

inline void subject_person(Finding& x, const org::OrgGraph& orgs, int person, int fallback_org) {
  x.subject_type = "person";
  x.person = person;
  x.org = fallback_org;
  if (person >= 0) {
    auto& p = orgs.people()[size_t(person)];
    x.subject_id = p.id;
    x.subject_name = p.name;
    if (x.org < 0) x.org = p.org;
  }
}

// The subject a rule names, from the event that stands for the case.
inline void subject_of(Finding& x, const check::Rule& r, const org::OrgGraph& orgs, const Event& e) {
  switch (r.subject) {
    case check::Rule::Subject::org: subject_org(x, orgs, e.org); break;
    case check::Rule::Subject::person:
      if (e.person >= 0)
        subject_person(x, orgs, e.person, e.org);
      else
        subject_org(x, orgs, e.org);
      break;
    case check::Rule::Subject::ref:
      x.subject_type = "ref";
      x.subject_id = e.has_ref ? e.ref : e.id;
      x.subject_name = x.subject_id;
      x.org = e.org;
      x.person = e.person;
      break;
  }
}

// The id of the subject an event stands for under the rule (for explain).
inline std::string subject_id_of(const check::Rule& r, const org::OrgGraph& orgs, const Event& e) {
  switch (r.subject) {
    case check::Rule::Subject::org: return e.org >= 0 ? orgs.orgs()[size_t(e.org)].id : "";
    case check::Rule::Subject::person:
      return e.person >= 0 ? orgs.people()[size_t(e.person)].id : e.org >= 0 ? orgs.orgs()[size_t(e.org)].id : "";
    case check::Rule::Subject::ref: return e.has_ref ? e.ref : e.id;
  }
  return "";
}

inline std::string describe(const Event& e) { return "事件 " + e.id + "（" + e.date.str() + "，" + *e.type_name + "）"; }

}  // namespace jiandu::eval
