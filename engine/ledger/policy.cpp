#include "ledger/policy.h"

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

class Reader {
 public:
  explicit Reader(const std::string& path) : src_(Source::read_file(path)) {
    Diagnostics d;
    auto parsed = parse_yaml(src_, d, "P001");
    if (!parsed || d.has_errors()) throw Error("the policy has errors:\n" + render_all(d));
    root_ = *parsed;
  }

  [[noreturn]] void fail(Span at, const std::string& msg) {
    Diagnostics d;
    d.error("P001", at, msg);
    throw Error("the policy has errors:\n" + render_all(d));
  }

  YAML::Node need(const YAML::Node& parent, const char* key) {
    auto n = parent[key];
    if (!n) fail(span_of(parent, src_), std::string("missing `") + key + "`");
    return n;
  }

  load::Duration duration(const YAML::Node& n) {
    auto d = n.IsScalar() ? load::parse_duration(n.Scalar()) : std::nullopt;
    if (!d || d->from_data()) fail(span_of(n, src_), "not a duration such as '10 workdays' or '6 months'");
    return *d;
  }

  std::vector<std::string> strings(const YAML::Node& n) {
    std::vector<std::string> out;
    if (!n.IsSequence()) fail(span_of(n, src_), "must be a list");
    for (auto x : n) out.push_back(x.as<std::string>());
    return out;
  }

  int integer(const YAML::Node& n) {
    try {
      return n.as<int>();
    } catch (...) {
      fail(span_of(n, src_), "must be a whole number");
    }
  }

  const YAML::Node& root() const { return root_; }
  const SourcePtr& src() const { return src_; }

 private:
  SourcePtr src_;
  YAML::Node root_;
};

}  // namespace

Policy load_policy(const std::vector<std::string>& files) {
  Policy p;
  bool have_acc = false, have_forms = false;
  for (auto& f : files) {
    auto name = fs::path(f).filename().string();
    try {
    if (name == "accountability.yaml") {
      Reader r(f);
      have_acc = true;
      auto rw = r.need(r.root(), "rectify_within");
      for (auto it = rw.begin(); it != rw.end(); ++it) {
        auto sev = check::severity_from(it->first.as<std::string>());
        if (!sev) r.fail(span_of(it->first, r.src()), "unknown severity '" + it->first.as<std::string>() + "'");
        p.rectify_within[*sev] = r.duration(it->second);
      }
      for (auto s : {check::Severity::info, check::Severity::low, check::Severity::medium, check::Severity::high, check::Severity::critical})
        if (!p.rectify_within.count(s)) r.fail(span_of(rw, r.src()), std::string("rectify_within lacks ") + check::severity_name(s));
      auto chain = r.need(r.root(), "chain");
      p.chain = r.strings(chain);
      for (size_t i = 0; i < p.chain.size(); ++i)
        if (!vocabulary().has_role(p.chain[i]))
          r.fail(span_of(chain[i], r.src()), "unknown role '" + p.chain[i] + "' in `chain` (roles are listed in rules/policy/roles.yaml)" +
                                                 did_you_mean(p.chain[i], vocabulary().role_ids()));
      p.reopen_within = r.duration(r.need(r.root(), "reopen_within"));
      p.look_back = r.duration(r.need(r.root(), "look_back"));
      p.rectification_events = r.strings(r.need(r.root(), "rectification_events"));
      p.rectified_events = r.strings(r.need(r.root(), "rectified_events"));
    } else if (name == "four_forms.yaml") {
      Reader r(f);
      have_forms = true;
      auto forms = r.need(r.root(), "forms");
      for (auto it = forms.begin(); it != forms.end(); ++it) {
        Policy::Form form;
        if (it->second["name"]) form.name = it->second["name"].as<std::string>();
        if (it->second["description"]) form.description = it->second["description"].as<std::string>();
        p.forms[r.integer(it->first)] = form;
      }
      auto measures = r.need(r.root(), "measures");
      for (auto it = measures.begin(); it != measures.end(); ++it) p.measures[it->first.as<std::string>()] = r.integer(it->second);
      auto ladder = r.need(r.root(), "ladder");
      p.ladder_look_back = r.duration(r.need(ladder, "look_back"));
      p.ladder_first = r.integer(r.need(ladder, "first"));
      p.ladder_step = r.integer(r.need(ladder, "step"));
      p.ladder_max = r.integer(r.need(ladder, "max"));
    }
    } catch (const YAML::Exception& e) {
      // A value of the wrong shape, said with the file and its place (not as yaml-cpp's bare text).
      Diagnostics d;
      d.error("P001", Span{Source::read_file(f), e.mark.pos >= 0 ? uint32_t(e.mark.pos) : 0, 1}, "invalid value: " + e.msg);
      throw Error("the policy has errors:\n" + render_all(d));
    }
  }
  if (!have_acc || !have_forms)
    throw Error("the rules lack their policy: put accountability.yaml and four_forms.yaml in a policy/ folder of the rules");
  return p;
}

}  // namespace jiandu::ledger
