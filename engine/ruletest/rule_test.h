#pragma once
// Rule tests (*.test.yaml beside the rules): records inline or from a fixture folder, an
// as-of date, and the findings expected — exactly, by default. A failing case shows
// expected against actual, finding by finding, with the rule's explanation.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/diagnostic.h"
#include "check/rules.h"
#include "store/catalog.h"

namespace jiandu::ruletest {

struct Expectation {
  std::map<std::string, std::string> fields;  // rule, subject, outcome, period, key, due, severity
  Span span;
};

struct Case {
  std::string name;
  Span span;
  std::vector<std::string> rules;  // empty: the rules of the test file's sibling rule file, else all
  Date as_of;
  std::string zone = "Asia/Shanghai";
  std::map<std::string, std::string> records;             // kind → JSONL text
  std::map<std::string, std::vector<Span>> record_spans;  // kind → where each record is written
  std::vector<std::string> fixture_files;
  std::vector<Expectation> expect;
};

struct TestFile {
  std::string path;
  std::vector<Case> cases;
};

TestFile load_test_file(const SourcePtr& src, Diagnostics& diags);

struct CaseResult {
  std::string file, name;
  bool passed = false;
  std::string report;                                      // for a failure: expected against actual
  std::set<std::pair<std::string, std::string>> outcomes;  // (rule, outcome) seen in expectations
  std::set<std::string> rules_run, rules_quiet;            // rules run; rules that (rightly) found nothing
};

CaseResult run_case(const TestFile& file, const Case& c, const check::RuleSet& rules, const Catalog& catalog, const Calendar& calendar);

}  // namespace jiandu::ruletest
