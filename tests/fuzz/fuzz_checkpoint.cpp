// libFuzzer: a damaged checkpoint. The example city is imported and audited once; each input
// replaces the operators' saved state, and a run resumes from it. A damaged state must be
// refused as a CheckpointError (the audit then reads every event instead); a crash, a hang,
// undefined behaviour or any other outcome is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/bytes.h"
#include "base/calendar.h"
#include "base/error.h"
#include "check/checker.h"
#include "compile/plan.h"
#include "eval/run.h"
#include "org/org_graph.h"
#include "store/import.h"
#include "store/store.h"

namespace {

using namespace jiandu;

struct City {
  std::unique_ptr<Store> store;
  std::shared_ptr<check::RuleSet> rules;
  std::unique_ptr<compile::Plan> plan;
  std::unique_ptr<org::OrgGraph> orgs;
  Calendar calendar = Calendar::builtin();
  eval::RunResult saved;
};

City& city() {
  static City c = [] {
    City c;
    std::string src = JIANDU_SOURCE_DIR;
    auto dir = std::filesystem::temp_directory_path() / ("jiandu-fuzz-checkpoint-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    c.store = Store::create((dir / "city.db").string());
    std::vector<std::string> files;
    for (auto f : {"orgs.csv", "people.csv", "roles.csv", "events.csv", "events-2026.jsonl"}) files.push_back(src + "/examples/city/" + f);
    import_files(*c.store, files);
    auto paths = check::discover({src + "/rules"});
    std::vector<SourcePtr> sources;
    for (auto& f : paths.rules) sources.push_back(Source::read_file(f));
    Diagnostics diags;
    c.rules = check::check_rules(sources, c.store->catalog(), {*Date::parse("2026-11-26")}, diags);
    c.plan = std::make_unique<compile::Plan>(compile::compile(*c.rules, c.store->catalog(), diags));
    c.orgs = std::make_unique<org::OrgGraph>(org::OrgGraph::load(*c.store));
    eval::RunOptions o{*Date::parse("2026-11-20"), std::nullopt};
    o.save = true;
    c.saved = eval::run(*c.store, *c.plan, *c.orgs, c.calendar, o);
    return c;
  }();
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  City& c = city();
  eval::RunOptions o{*Date::parse("2026-11-21"), std::nullopt};
  o.resume = eval::Resume{std::string_view(reinterpret_cast<const char*>(data), size), &c.saved.new_findings, c.saved.end_ts};
  try {
    eval::run(*c.store, *c.plan, *c.orgs, c.calendar, o);
  } catch (const CheckpointError&) {
  }
  return 0;
}
