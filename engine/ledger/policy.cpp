#include "ledger/policy.h"

#include <algorithm>

#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "base/error.h"
#include "base/suggest.h"
#include "base/vocabulary.h"
#include "base/yaml_doc.h"
#include "base/yaml_span.h"

namespace jiandu::ledger {
namespace fs = std::filesystem;

std::string Policy::form_name(int form) const {
  auto it = forms.find(form);
  return it == forms.end() ? "第" + std::to_string(form) + "种形态" : it->second.name;
}

namespace {

// Reads one policy file, collecting every mistake (as rule files do) instead of stopping at
// the first: P001 the YAML itself, P002 a missing setting, P003 a value of the wrong kind. A
// setting that is missing or wrong reads as its default, so the rest is still checked.
class Reader {
 public:
  Reader(const std::string& path, Diagnostics& d) : src_(Source::read_file(path)), d_(d) {
    size_t before = d.count(Severity::error);  // d is shared by every policy file
    auto parsed = parse_yaml(src_, d, code::P001);
    ok_ = parsed && d.count(Severity::error) == before;
    if (ok_) root_ = *parsed;
  }
  bool ok() const { return ok_; }

  void report(const Code& code, Span at, const std::string& msg) { d_.report(code, std::move(at), msg); }

  // The setting, or an undefined node (reported) when it is missing.
  YAML::Node need(const YAML::Node& parent, const char* key) {
    if (!parent.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    auto n = parent[key];
    if (!n) report(code::P002, span_of(parent, src_), std::string("missing `") + key + "`");
    return n;
  }

  load::Duration duration(const YAML::Node& n, load::Duration fallback) {
    if (!n.IsDefined()) return fallback;
    auto d = n.IsScalar() ? load::parse_duration(n.Scalar()) : std::nullopt;
    if (!d || d->from_data()) {
      report(code::P003, span_of(n, src_), "not a duration such as '10 workdays' or '6 months'");
      return fallback;
    }
    return *d;
  }

  std::vector<std::string> strings(const YAML::Node& n) {
    std::vector<std::string> out;
    if (!n.IsDefined()) return out;
    if (!n.IsSequence()) {
      report(code::P003, span_of(n, src_), "must be a list");
      return out;
    }
    for (const auto& x : n) {
      if (!x.IsScalar())
        report(code::P003, span_of(x, src_), "must be a name, not a list or a mapping");
      else
        out.push_back(x.Scalar());
    }
    return out;
  }

  int integer(const YAML::Node& n, int fallback) {
    if (!n.IsDefined()) return fallback;
    try {
      return n.as<int>();
    } catch (...) {
      report(code::P003, span_of(n, src_), "must be a whole number");
      return fallback;
    }
  }

  std::string text(const YAML::Node& n) {
    if (!n.IsDefined()) return "";
    if (!n.IsScalar()) {
      report(code::P003, span_of(n, src_), "must be text");
      return "";
    }
    return n.Scalar();
  }

  const YAML::Node& root() const { return root_; }
  const SourcePtr& src() const { return src_; }

 private:
  SourcePtr src_;
  Diagnostics& d_;
  YAML::Node root_;
  bool ok_ = false;
};

void read_accountability(Reader& r, Policy& p) {
  auto rw = r.need(r.root(), "rectify_within");
  if (rw.IsDefined() && !rw.IsMap()) r.report(code::P003, span_of(rw, r.src()), "`rectify_within` maps each severity to a duration");
  if (rw.IsMap()) {
    for (auto it = rw.begin(); it != rw.end(); ++it) {
      auto sev = check::severity_from(it->first.Scalar());
      if (!sev) {
        r.report(code::P003, span_of(it->first, r.src()),
                 "unknown severity '" + it->first.Scalar() + "'" + did_you_mean(it->first.Scalar(), names_of(check::kSeverities)));
        continue;
      }
      p.rectify_within[*sev] = r.duration(it->second, load::Duration::of(1, load::DurationUnit::months));
    }
    for (auto& s : check::kSeverities)
      if (!p.rectify_within.count(s.value)) r.report(code::P002, span_of(rw, r.src()), std::string("rectify_within lacks ") + s.name);
  }
  auto chain = r.need(r.root(), "chain");
  p.chain = r.strings(chain);
  for (size_t i = 0; i < p.chain.size() && chain.IsSequence(); ++i)
    if (!vocabulary().has_role(p.chain[i]))
      r.report(code::P003, span_of(chain[i], r.src()),
               "unknown role '" + p.chain[i] + "' in `chain` (roles are listed in rules/policy/roles.yaml)" +
                   did_you_mean(p.chain[i], vocabulary().role_ids()));
  p.reopen_within = r.duration(r.need(r.root(), "reopen_within"), p.reopen_within);
  p.look_back = r.duration(r.need(r.root(), "look_back"), p.look_back);
  p.rectification_events = r.strings(r.need(r.root(), "rectification_events"));
  p.rectified_events = r.strings(r.need(r.root(), "rectified_events"));
}

void read_four_forms(Reader& r, Policy& p) {
  auto forms = r.need(r.root(), "forms");
  if (forms.IsMap())
    for (auto it = forms.begin(); it != forms.end(); ++it) {
      Policy::Form form;
      if (it->second.IsMap()) {
        form.name = r.text(it->second["name"]);
        form.description = r.text(it->second["description"]);
      }
      p.forms[r.integer(it->first, 0)] = form;
    }
  auto measures = r.need(r.root(), "measures");
  if (measures.IsMap())
    for (auto it = measures.begin(); it != measures.end(); ++it) p.measures[it->first.Scalar()] = r.integer(it->second, 0);
  auto ladder = r.need(r.root(), "ladder");
  p.ladder_look_back = r.duration(r.need(ladder, "look_back"), p.ladder_look_back);
  p.ladder_first = r.integer(r.need(ladder, "first"), p.ladder_first);
  p.ladder_step = r.integer(r.need(ladder, "step"), p.ladder_step);
  p.ladder_max = r.integer(r.need(ladder, "max"), p.ladder_max);
}

}  // namespace

Policy read_policy(const std::vector<std::string>& files, Diagnostics& d) {
  Policy p;
  for (auto& f : files) {
    auto name = fs::path(f).filename().string();
    if (name != "accountability.yaml" && name != "four_forms.yaml") continue;
    Reader r(f, d);
    if (!r.ok()) continue;
    try {
      if (name == "accountability.yaml")
        read_accountability(r, p);
      else
        read_four_forms(r, p);
    } catch (const YAML::Exception& e) {
      // A value of a shape yaml-cpp refuses, said with the file and its place.
      r.report(code::P003, Span{r.src(), e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
    }
  }
  return p;
}

Policy load_policy(const std::vector<std::string>& files) {
  Diagnostics d;
  Policy p = read_policy(files, d);
  d.sort();
  if (d.has_errors()) throw Error("the policy has errors:\n" + render_all(d));
  auto has = [&](const char* name) {
    return std::any_of(files.begin(), files.end(), [&](auto& f) { return fs::path(f).filename() == name; });
  };
  if (!has("accountability.yaml") || !has("four_forms.yaml"))
    throw Error("the rules lack their policy: put accountability.yaml and four_forms.yaml in a policy/ folder of the rules");
  return p;
}

}  // namespace jiandu::ledger
