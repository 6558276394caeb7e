#include <filesystem>
#include <fstream>
#include <random>

#include "compile/plan.h"
#include "eval/run.h"
#include "org/org_graph.h"
#include "report/findings.h"
#include "ruletest/rule_test.h"
#include "store/import.h"

namespace jiandu::ruletest {
namespace fs = std::filesystem;

namespace {

// The value of an expectation's field in a finding.
std::string field_of(const eval::Finding& f, const std::string& k) {
  if (k == "rule") return f.rule->id;
  if (k == "subject") return f.subject_id;
  if (k == "outcome") return check::name(f.outcome);
  if (k == "period") return f.period;
  if (k == "key") return f.key;
  if (k == "due") return f.due ? f.due->str() : "";
  if (k == "severity") return check::severity_name(f.rule->severity);
  if (k == "date") return f.date.str();
  if (k == "message") return f.message;  // the text people read, whole
  return "";
}

bool matches(const Expectation& x, const eval::Finding& f) {
  for (auto& [k, v] : x.fields)
    if (field_of(f, k) != v) return false;
  return true;
}

std::string describe(const Expectation& x) {
  std::string s = "{";
  for (auto& [k, v] : x.fields) s += (s.size() > 1 ? ", " : "") + k + ": " + v;
  return s + "}";
}

std::string describe(const eval::Finding& f) {
  std::string s = "{rule: " + f.rule->id + ", subject: " + f.subject_id + ", outcome: " + check::name(f.outcome);
  if (!f.period.empty()) s += ", period: " + f.period;
  if (!f.key.empty()) s += ", key: " + f.key;
  if (f.due) s += ", due: " + f.due->str();
  return s + "}\n        " + f.message + "\n        " + f.numbers.dump();
}

// The rules a case runs: those it names, else the rules of the sibling rule file.
std::vector<std::string> rules_for(const TestFile& file, const Case& c, const check::RuleSet& set) {
  if (!c.rules.empty()) return c.rules;
  std::string stem = fs::path(file.path).filename().string();
  stem = stem.substr(0, stem.find(".test."));
  std::vector<std::string> ids;
  for (auto& r : set.rules)
    if (fs::path(r.spec->span.source->name()).stem().string() == stem &&
        fs::path(r.spec->span.source->name()).parent_path() == fs::path(file.path).parent_path())
      ids.push_back(r.id);
  return ids;
}

}  // namespace

CaseResult run_case(const TestFile& file, const Case& c, const check::RuleSet& set, const Catalog& catalog, const Calendar& calendar) {
  CaseResult res;
  res.file = file.path;
  res.name = c.name;
  std::random_device rd;
  fs::path dir = fs::temp_directory_path() / ("jiandu-ruletest-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(dir);
  struct Cleanup {
    fs::path p;
    ~Cleanup() { fs::remove_all(p); }
  } cleanup{dir};

  auto ids = rules_for(file, c, set);
  for (auto& id : ids)
    if (!set.find(id)) {
      res.report = "  no rule '" + id + "' in the rules loaded (name the rules' folder, or the test file beside its rule file)\n";
      return res;
    }
  if (ids.empty()) {
    res.report = "  no rules to run: name them in `rules:` or put the test beside its rule file\n";
    return res;
  }
  auto store = Store::create((dir / "t.db").string(), c.zone);
  store->set_meta("catalog_note", "rule test");
  std::vector<std::string> files = c.fixture_files;
  for (auto& [kind, text] : c.records) {
    auto p = dir / (kind + ".jsonl");
    std::ofstream(p) << text;
    files.push_back(p.string());
  }
  // The test's own store reads its records with the catalog the rules were checked against
  // (the built-in one, or that of --catalog).
  store->use_catalog(catalog);
  if (!files.empty()) {
    auto rep = import_files(*store, files);
    if (!rep.rejections.empty()) {
      // Said where the record is written: the test file's line for inline records, the
      // fixture file's line for the others.
      for (auto& r : rep.rejections) {
        std::string where = r.file + ":" + std::to_string(r.line);
        std::string kind = kind_name(r.kind);
        if (fs::path(r.file).parent_path() == dir) {
          auto& spans = c.record_spans.at(kind);
          if (r.line >= 1 && r.line <= spans.size()) {
            auto lc = spans[r.line - 1].source->line_col(spans[r.line - 1].offset);
            where = spans[r.line - 1].source->name() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
          }
          kind += " #" + std::to_string(r.line);
        }
        res.report += where + ": bad test record (" + kind + "): " + r.reason + " [" + r.code + "]\n";
      }
      return res;
    }
  }
  Diagnostics diags;
  auto plan = compile::compile(set, catalog, diags, ids);
  if (diags.has_errors()) {  // as a command would refuse to run it, the case cannot pass
    res.report += render_all(diags);
    return res;
  }
  auto orgs = org::OrgGraph::load(*store);
  auto result = eval::run(*store, plan, orgs, calendar, {c.as_of, std::nullopt});
  for (auto* r : plan.order) res.rules_run.insert(r->id);
  // Only the named rules' findings (escalations also run what they read).
  std::vector<eval::Finding> actual;
  for (auto& f : result.findings)
    if (std::find(ids.begin(), ids.end(), f.rule->id) != ids.end()) actual.push_back(f);
  for (auto& x : c.expect) {
    auto r = x.fields.find("rule");
    std::string rule = r != x.fields.end() ? r->second : ids.size() == 1 ? ids[0] : "";
    auto o = x.fields.find("outcome");
    if (o != x.fields.end()) res.outcomes.insert({rule, o->second});
  }
  for (auto& id : ids) {
    bool any = std::any_of(actual.begin(), actual.end(), [&](auto& f) { return f.rule->id == id; });
    if (!any) res.rules_quiet.insert(id);
  }

  // Pair expectations with findings, each used once.
  std::vector<bool> used(actual.size(), false);
  std::vector<const Expectation*> unmet;
  for (auto& x : c.expect) {
    bool found = false;
    for (size_t i = 0; i < actual.size() && !found; ++i)
      if (!used[i] && matches(x, actual[i])) used[i] = found = true;
    if (!found) unmet.push_back(&x);
  }
  std::vector<const eval::Finding*> extra;
  for (size_t i = 0; i < actual.size(); ++i)
    if (!used[i]) extra.push_back(&actual[i]);
  for (auto& [id, s] : result.stats)
    for (auto& f : s.fault_list) res.report += "  could not judge: " + report::describe_fault(id, f) + "\n";
  if (unmet.empty() && extra.empty()) {
    res.passed = res.report.empty();
    return res;
  }
  for (auto* x : unmet) {
    auto lc = x->span.source->line_col(x->span.offset);
    res.report += "  expected, not found (line " + std::to_string(lc.line) + "): " + describe(*x) + "\n";
  }
  for (auto* f : extra) res.report += "  found, not expected: " + describe(*f) + "\n";
  res.report += "  all findings (" + std::to_string(actual.size()) + "):\n";
  for (auto& f : actual) res.report += "    " + describe(f) + "\n";
  return res;
}

}  // namespace jiandu::ruletest
