#include <algorithm>
#include <cctype>
#include <filesystem>

#include "base/error.h"
#include "check/checker.h"

namespace jiandu::check {
namespace fs = std::filesystem;

bool is_yaml(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".yaml" || ext == ".yml";
}

namespace {

void classify(const fs::path& p, RulePaths& out) {
  std::string name = p.filename().string();
  std::string parent = p.parent_path().filename().string();
  if (name.size() > 10 && (name.ends_with(".test.yaml") || name.ends_with(".test.yml")))
    out.tests.push_back(p.string());
  else if (parent == "calendars")
    out.calendars.push_back(p.string());
  else if (parent == "policy")
    out.policies.push_back(p.string());
  else
    out.rules.push_back(p.string());
}

}  // namespace

RulePaths discover(const std::vector<std::string>& paths) {
  RulePaths out;
  for (auto& p : paths) {
    fs::path path(p);
    if (!fs::exists(path)) throw Error(p + ": no such file or folder");
    if (fs::is_directory(path)) {
      std::vector<fs::path> found;
      for (auto& e : fs::recursive_directory_iterator(path))
        if (e.is_regular_file() && is_yaml(e.path())) found.push_back(e.path());
      std::sort(found.begin(), found.end());  // a stable order: diagnostics and hashes repeat
      for (auto& f : found) classify(f, out);
    } else {
      classify(path, out);
    }
  }
  return out;
}

}  // namespace jiandu::check
