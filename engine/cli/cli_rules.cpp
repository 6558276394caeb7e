#include "cli/cli_rules.h"

#include <algorithm>
#include <filesystem>

#include "base/error.h"

namespace jiandu::cli {
namespace fs = std::filesystem;

namespace {

// Calendars live in a calendars/ folder of the rules; when only some rule files are named,
// look for one beside them or a few folders up.
std::vector<std::string> find_calendars(const std::vector<std::string>& paths) {
  for (auto& p : paths) {
    fs::path dir = fs::is_directory(p) ? fs::path(p) : fs::path(p).parent_path();
    for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
      if (fs::is_directory(dir / "calendars")) {
        std::vector<std::string> out;
        for (auto& e : fs::directory_iterator(dir / "calendars"))
          if (e.path().extension() == ".yaml") out.push_back(e.path().string());
        std::sort(out.begin(), out.end());
        return out;
      }
      if (dir == dir.parent_path()) break;
    }
  }
  return {};
}

}  // namespace

LoadedRules load_rules(const std::vector<std::string>& paths, const Catalog& catalog, Date today) {
  LoadedRules out;
  out.paths = check::discover(paths);
  std::vector<SourcePtr> sources;
  for (auto& f : out.paths.rules) sources.push_back(Source::read_file(f));
  Diagnostics diags;
  out.rules = check::check_rules(sources, catalog, {today}, diags);
  diags.sort();
  if (diags.has_errors()) throw Error("the rules have errors (run jiandu lint for all of them):\n" + render_all(diags));
  auto cals = out.paths.calendars.empty() ? find_calendars(paths) : out.paths.calendars;
  out.calendar = Calendar::from_files(cals);
  return out;
}

}  // namespace jiandu::cli
