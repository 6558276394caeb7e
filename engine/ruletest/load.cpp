#include <cerrno>
#include <filesystem>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "base/error.h"
#include "base/suggest.h"
#include "base/zone.h"
#include "base/yaml_doc.h"
#include "base/yaml_span.h"
#include "check/outcome.h"
#include "ruletest/rule_test.h"

namespace jiandu::ruletest {
namespace fs = std::filesystem;

namespace {

// YAML aliases share a node: expanded into JSON, ten levels of ten make 10^10 values. A test
// file's records are bounded by this many values in all.
constexpr size_t kMaxValues = 200000;
size_t values_left = kMaxValues;  // reset per file by load_test_file

// A YAML value as JSON: the records of a test are written as the importer reads them.
nlohmann::json to_json(const YAML::Node& n) {
  if (values_left == 0)
    throw YAML::Exception(n.Mark(), "more than " + std::to_string(kMaxValues) + " values once its aliases are expanded");
  --values_left;
  if (n.IsMap()) {
    auto o = nlohmann::json::object();
    for (auto it = n.begin(); it != n.end(); ++it) o[it->first.as<std::string>()] = to_json(it->second);
    return o;
  }
  if (n.IsSequence()) {
    auto a = nlohmann::json::array();
    for (const auto& x : n) a.push_back(to_json(x));
    return a;
  }
  if (n.IsNull()) return nullptr;
  const std::string& s = n.Scalar();
  if (n.Tag() == "!") return s;  // quoted: a string whatever it looks like
  if (s == "true") return true;
  if (s == "false") return false;
  char* end = nullptr;
  errno = 0;
  long long i = std::strtoll(s.c_str(), &end, 10);
  // Past int64 it stays text, and the importer says the number is out of range.
  if (!s.empty() && *end == 0) return errno == ERANGE ? nlohmann::json(s) : nlohmann::json(i);
  double d = std::strtod(s.c_str(), &end);
  if (!s.empty() && *end == 0 && s.find_first_of(".eE") != std::string::npos) return d;
  return s;
}

}  // namespace

TestFile load_test_file(const SourcePtr& src, Diagnostics& d) {
  values_left = kMaxValues;
  try {
    TestFile f;
    f.path = src->name();
    auto parsed = parse_yaml(src, d, code::T001);
    if (!parsed) return f;
    YAML::Node root = *parsed;
    if (!root.IsMap() || !root["tests"] || !root["tests"].IsSequence()) {
      d.report(code::T002, span_of(root, src), "a test file has `tests:`, a list of cases");
      return f;
    }
    static const std::vector<std::string> keys{"name", "rules", "as_of", "zone", "fixture", "orgs", "people", "roles", "events", "expect"};
    for (const auto& t : root["tests"]) {
      Case c;
      c.span = span_of(t, src);
      if (!t.IsMap()) {
        d.report(code::T003, c.span, "a test case is a mapping with name, as_of, records and expect");
        continue;
      }
      for (auto it = t.begin(); it != t.end(); ++it) {
        auto k = it->first.as<std::string>();
        if (std::find(keys.begin(), keys.end(), k) == keys.end())
          d.report(code::T004, span_of(it->first, src), "unknown field '" + k + "' in a test case" + did_you_mean(k, keys));
      }
      c.name = t["name"] ? t["name"].as<std::string>() : "(unnamed)";
      if (!t["as_of"] || !Date::parse(t["as_of"].as<std::string>())) {
        d.report(code::T005, t["as_of"] ? span_of(t["as_of"], src) : c.span, "a test case needs `as_of`, a date YYYY-MM-DD");
        continue;
      }
      c.as_of = *Date::parse(t["as_of"].as<std::string>());
      if (t["zone"]) {
        c.zone = t["zone"].as<std::string>();
        try {
          Zone{c.zone};
        } catch (const Error& e) {
          d.report(code::T008, span_of(t["zone"], src), e.what());
          continue;
        }
      }
      if (t["rules"])
        for (const auto& r : t["rules"]) c.rules.push_back(r.as<std::string>());
      if (t["fixture"]) {
        fs::path dir = fs::path(src->name()).parent_path() / t["fixture"].as<std::string>();
        if (!fs::is_directory(dir)) {
          d.report(code::T006, span_of(t["fixture"], src), "no fixture folder " + dir.string());
        } else {
          for (auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".csv" || e.path().extension() == ".jsonl") c.fixture_files.push_back(e.path().string());
          std::sort(c.fixture_files.begin(), c.fixture_files.end());
        }
      }
      for (const char* kind : {"orgs", "people", "roles", "events"}) {
        if (!t[kind]) continue;
        std::string jsonl;
        for (const auto& rec : t[kind]) {
          jsonl += to_json(rec).dump() + "\n";
          c.record_spans[kind].push_back(span_of(rec, src));
        }
        c.records[kind] = jsonl;
      }
      if (t["expect"]) {
        static const std::vector<std::string> fields{"rule", "subject", "outcome", "period", "key", "due", "severity", "date", "message"};
        for (const auto& e : t["expect"]) {
          Expectation x;
          x.span = span_of(e, src);
          for (auto it = e.begin(); it != e.end(); ++it) {
            auto k = it->first.as<std::string>();
            if (std::find(fields.begin(), fields.end(), k) == fields.end()) {
              d.report(code::T007, span_of(it->first, src), "unknown field '" + k + "' in an expected finding" + did_you_mean(k, fields));
              continue;
            }
            x.fields[k] = it->second.as<std::string>();
            if (k == "outcome" && !check::outcome_from(x.fields[k])) {
              auto renamed = check::renamed_outcome(x.fields[k]);
              std::vector<std::string> names;
              for (auto o : check::kOutcomes) names.push_back(check::name(o));
              d.report(code::T009, span_of(it->second, src),
                       "unknown outcome '" + x.fields[k] + "'" +
                           (renamed ? std::string(" (now called '") + check::name(*renamed) + "')" : did_you_mean(x.fields[k], names)));
            }
          }
          c.expect.push_back(std::move(x));
        }
      }
      f.cases.push_back(std::move(c));
    }
    return f;
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape (a map where a name belongs, …): said at its place, with the
    // file, never as a bare yaml-cpp message.
    d.report(code::T001, Span{src, e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
    return TestFile{src->name(), {}};
  }
}

}  // namespace jiandu::ruletest
