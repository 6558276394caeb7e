#include "ledger/authority.h"
#include "ledger/evidence.h"

#include <algorithm>
#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "base/embedded.h"
#include "base/error.h"
#include "base/suggest.h"
#include "base/vocabulary.h"
#include "base/yaml_doc.h"
#include "base/yaml_span.h"

namespace jiandu::ledger {

namespace {

constexpr Act kActs[] = {Act::ack, Act::resolve, Act::verify, Act::fail, Act::waive, Act::reopen, Act::statement};
constexpr AuthorityLine::At kAts[] = {AuthorityLine::At::unit, AuthorityLine::At::organ, AuthorityLine::At::discipline,
                                      AuthorityLine::At::above};

// The units of each relation to the alert's unit.
struct Relations {
  std::vector<int> unit, organ, discipline, above;
  const std::vector<int>& of(AuthorityLine::At at) const {
    switch (at) {
      case AuthorityLine::At::unit: return unit;
      case AuthorityLine::At::organ: return organ;
      case AuthorityLine::At::discipline: return discipline;
      case AuthorityLine::At::above: return above;
    }
    return unit;
  }
};

Relations relations(const Authority& p, const org::OrgGraph& g, int unit) {
  Relations r;
  r.unit = {unit};
  int organ = unit;
  for (int a : g.ancestors(unit))
    if (g.orgs()[size_t(a)].kind == p.organ_kind) {
      organ = a;
      break;
    }
  r.organ = g.subtree(organ);
  for (int u : r.organ)
    if (g.orgs()[size_t(u)].kind == p.discipline_kind) r.discipline.push_back(u);
  auto up = g.ancestors(organ);
  r.above.assign(up.begin() + 1, up.end());  // ancestors() starts with the unit itself
  return r;
}

std::string person_label(const org::OrgGraph& g, int p, const std::string& role) {
  auto& x = g.people()[size_t(p)];
  return x.name + "（" + x.id + "，" + vocabulary().role(role) + "）";
}

}  // namespace

const char* act_name(Act a) {
  switch (a) {
    case Act::ack: return "ack";
    case Act::resolve: return "resolve";
    case Act::verify: return "verify";
    case Act::fail: return "fail";
    case Act::waive: return "waive";
    case Act::reopen: return "reopen";
    case Act::statement: return "statement";
  }
  return "?";
}

const char* act_label(Act a) {
  switch (a) {
    case Act::ack: return "明责确认";
    case Act::resolve: return "整改完成";
    case Act::verify: return "验收通过";
    case Act::fail: return "验收不通过";
    case Act::waive: return "豁免";
    case Act::reopen: return "重新交办";
    case Act::statement: return "情况说明";
  }
  return "?";
}

const char* act_verb(Act a) {
  switch (a) {
    case Act::ack: return "acknowledged";
    case Act::resolve: return "reported rectified";
    case Act::verify: return "verified";
    case Act::fail: return "sent back (verification failed)";
    case Act::waive: return "waived";
    case Act::reopen: return "reopened";
    case Act::statement: return "given a statement";
  }
  return "?";
}

const char* at_name(AuthorityLine::At at) {
  switch (at) {
    case AuthorityLine::At::unit: return "unit";
    case AuthorityLine::At::organ: return "organ";
    case AuthorityLine::At::discipline: return "discipline";
    case AuthorityLine::At::above: return "above";
  }
  return "?";
}

std::string AuthorityLine::where() const { return std::filesystem::path(file).filename().string() + ":" + std::to_string(line); }

void Authority::load(const SourcePtr& src, Diagnostics& diags) {
  try {
    auto parsed = parse_yaml(src, diags, code::A001);
    if (!parsed) return;
    YAML::Node root = *parsed;
    if (!root.IsMap() || !root["actions"] || !root["actions"].IsMap()) {
      diags.report(code::A001, span_of(root, src), "the authority policy has `actions`: a map of action → lines {role, at, basis}");
      return;
    }
    auto scalar = [&](const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); };
    if (root["organ_kind"]) organ_kind = scalar(root["organ_kind"]);
    if (root["discipline_kind"]) discipline_kind = scalar(root["discipline_kind"]);
    for (auto* k : {&organ_kind, &discipline_kind})
      if (!vocabulary().has_org_kind(*k))
        diags.report(code::A003, span_of(root[k == &organ_kind ? "organ_kind" : "discipline_kind"], src),
                     "unknown org kind '" + *k + "'" + did_you_mean(*k, vocabulary().org_kind_ids()));
    if (root["evidence_max_bytes"]) {
      try {
        evidence_max_bytes = root["evidence_max_bytes"].as<int64_t>();
      } catch (...) {
        evidence_max_bytes = -1;
      }
      if (evidence_max_bytes < 1 || evidence_max_bytes > (int64_t(1) << 30))
        diags.report(code::A001, span_of(root["evidence_max_bytes"], src), "`evidence_max_bytes` is a size in bytes from 1 to 1 GiB");
    }
    if (auto t = root["evidence_types"]) {
      evidence_types.clear();
      bool ok = t.IsSequence() && t.size() > 0;
      for (size_t i = 0; ok && i < t.size(); ++i) {
        std::string ext = scalar(t[i]);
        if (!evidence_type_known(ext)) {
          diags.report(code::A001, span_of(t[i], src),
                       "evidence type '" + ext + "' is not one jiandu can check: " + known_evidence_types());
          ok = false;
        }
        evidence_types.push_back(ext);
      }
      if (!t.IsSequence() || t.size() == 0)
        diags.report(code::A001, span_of(t, src), "`evidence_types` is a list of file extensions: " + known_evidence_types());
    }
    std::vector<std::string> act_names, at_names;
    for (Act a : kActs) act_names.push_back(act_name(a));
    for (auto at : kAts) at_names.push_back(at_name(at));
    // Nodes held by value: yaml-cpp's iterators hand out proxies that die with the expression.
    const YAML::Node actions = root["actions"];
    for (auto it = actions.begin(); it != actions.end(); ++it) {
      const YAML::Node key = it->first, entries = it->second;
      std::string name = scalar(key);
      auto act = std::find(act_names.begin(), act_names.end(), name);
      if (act == act_names.end()) {
        diags.report(code::A002, span_of(key, src), "unknown action '" + name + "'" + did_you_mean(name, act_names));
        continue;
      }
      if (!entries.IsSequence()) {
        diags.report(code::A001, span_of(entries, src), "`" + name + "` is a list of lines {role, at, basis}");
        continue;
      }
      for (const YAML::Node& l : entries) {
        AuthorityLine x;
        x.act = kActs[act - act_names.begin()];
        x.file = src->name();
        x.line = src->line_col(span_of(l, src).offset).line;
        if (!l.IsMap()) {
          diags.report(code::A001, span_of(l, src), "a line is {role, at, basis} (or local: instead of basis)");
          continue;
        }
        x.role = scalar(l["role"]);
        if (!vocabulary().has_role(x.role)) {
          diags.report(code::A003, span_of(l["role"] ? l["role"] : l, src),
                       "unknown role '" + x.role + "' (roles are listed in rules/policy/roles.yaml)" +
                           did_you_mean(x.role, vocabulary().role_ids()));
          continue;
        }
        std::string at = scalar(l["at"]);
        auto a = std::find(at_names.begin(), at_names.end(), at);
        if (a == at_names.end()) {
          diags.report(code::A002, span_of(l["at"] ? l["at"] : l, src),
                       "`at` is unit, organ, discipline or above, not '" + at + "'" + did_you_mean(at, at_names));
          continue;
        }
        x.at = kAts[a - at_names.begin()];
        x.basis = scalar(l["basis"]);
        if (x.basis.empty()) {
          x.basis = scalar(l["local"]);
          x.local = true;
        }
        if (x.basis.empty()) {
          diags.report(code::A004, span_of(l, src), "each line names its `basis`, or says `local:` why it is this deployment's choice");
          continue;
        }
        // A waiver is a discipline body's decision above the unit, never the unit's own.
        if (x.act == Act::waive && (x.at == AuthorityLine::At::unit || x.at == AuthorityLine::At::organ)) {
          diags.report(code::A004, span_of(l["at"], src),
                       "a waiver needs a discipline body above the unit: `at: discipline` or `at: above`");
          continue;
        }
        lines.push_back(std::move(x));
      }
    }
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape (a map where a name belongs, …): said at its place, with the
    // file, never as a bare yaml-cpp message.
    diags.report(code::A001, Span{src, e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
  }
}

Authority Authority::builtin() {
  Authority a;
  Diagnostics d;
  a.load(std::make_shared<const Source>("rules/policy/authority.yaml", std::string(embedded("rules/policy/authority.yaml"))), d);
  if (d.has_errors()) throw Error("the built-in authority policy has errors:\n" + render_all(d));
  return a;
}

Authority Authority::from_file(const std::string& path) {
  Authority a;
  Diagnostics d;
  a.load(Source::read_file(path), d);
  if (d.has_errors()) throw Error("the authority policy has errors:\n" + render_all(d));
  return a;
}

std::string Decision::line() const {
  std::string s = "refused by " + rule + ": " + why;
  if (!could.empty()) {
    s += "; who could instead: ";
    for (size_t i = 0; i < could.size(); ++i) s += (i ? "、" : "") + could[i];
  } else if (!allowed) {
    s += "; no one holds a role that could, as of today";
  }
  return s;
}

Decision decide(const Authority& p, const org::OrgGraph& g, const AlertParties& alert, Act act, const std::string& person, Date day) {
  Decision d;
  int unit = g.org_index(alert.org);
  int who = g.person_index(person);
  bool subject = alert.subject_type == "person" && alert.subject_id == person;
  bool owner = !person.empty() && (person == alert.owner_then || person == alert.owner_now);
  // Those whom separation of duties keeps from this action, whatever their roles.
  auto barred = [&](const std::string& id) -> std::string {
    bool is_subject = alert.subject_type == "person" && alert.subject_id == id;
    bool is_owner = !id.empty() && (id == alert.owner_then || id == alert.owner_now);
    if (is_subject && act != Act::statement)
      return "separation of duties (the person this alert is about may only add a statement: jiandu statement)";
    if ((act == Act::verify || act == Act::fail) && !alert.resolved_by.empty() && id == alert.resolved_by)
      return "separation of duties (whoever reported it rectified cannot verify it)";
    if ((act == Act::verify || act == Act::fail || act == Act::waive) && is_owner)
      return std::string("separation of duties (the owner answering for it cannot ") + (act == Act::waive ? "waive" : "verify") + " it)";
    return "";
  };
  // Who could: every holder of a line's role at its units, on the day, not barred.
  auto could = [&] {
    std::vector<std::string> out;
    if (unit < 0) return out;
    Relations rel = relations(p, g, unit);
    for (auto& l : p.lines) {
      if (l.act != act) continue;
      for (int u : rel.of(l.at))
        for (int h : g.holders(u, l.role, day)) {
          if (!barred(g.people()[size_t(h)].id).empty()) continue;
          std::string label = person_label(g, h, l.role);
          if (std::find(out.begin(), out.end(), label) == out.end() && out.size() < 6) out.push_back(label);
        }
    }
    return out;
  };
  if (who < 0) {
    d.rule = "the store";
    d.why = person + " is no person in the store";
    return d;
  }
  std::string name = g.people()[size_t(who)].name;
  if (auto b = barred(person); !b.empty()) {
    d.rule = b;
    d.why = name +
            (subject ? " is the person this alert is about"
             : owner ? " answers for this alert as its owner"
                     : " reported this alert rectified") +
            ", and may not " + act_label(act);
    d.could = could();
    return d;
  }
  if (act == Act::statement && (subject || owner)) {
    d.allowed = true;
    d.rule = subject ? "the person the alert is about may always add a statement" : "the owner may always add a statement";
    return d;
  }
  if (unit < 0) {
    d.rule = "the store";
    d.why = "the alert's unit " + alert.org + " is not in the organisation";
    return d;
  }
  Relations rel = relations(p, g, unit);
  for (auto& l : p.lines) {
    if (l.act != act) continue;
    for (int u : rel.of(l.at)) {
      auto holders = g.holders(u, l.role, day);
      if (std::find(holders.begin(), holders.end(), who) == holders.end()) continue;
      d.allowed = true;
      d.rule = l.where() + " (" + act_name(act) + ": " + vocabulary().role(l.role) + " at " + at_name(l.at) + ")";
      d.why = name + " is " + vocabulary().role(l.role) + " of " + g.orgs()[size_t(u)].name;
      return d;
    }
  }
  std::string lines;
  for (auto& l : p.lines)
    if (l.act == act) lines += (lines.empty() ? "" : ", ") + l.where();
  d.rule = lines.empty() ? "authority.yaml (no line allows " + std::string(act_name(act)) + ")" : "authority.yaml (" + lines + ")";
  d.why = name + " holds no role, as of " + day.str() + ", that may " + act_label(act) + " an alert of " + g.orgs()[size_t(unit)].name;
  d.could = could();
  return d;
}

}  // namespace jiandu::ledger
