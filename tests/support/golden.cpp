#include "support/golden.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <cstdlib>
#include <iostream>

#include <catch2/catch.hpp>

namespace jiandu::test {
namespace fs = std::filesystem;

namespace {

const std::string kMarker = "# expect:\n";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string as_comment(const std::string& out) {
  std::string s = kMarker;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) s += line.empty() ? "#\n" : "# " + line + "\n";
  return s;
}

struct Golden : Catch::ITestInvoker {
  fs::path path;
  std::function<std::string(const std::string&, const std::string&)> run;
  void invoke() const override {
    std::string text = slurp(path);
    std::string actual = run(text, path.filename().string());
    std::string expected = expected_of(text);
    if (actual != expected && std::getenv("JIANDU_UPDATE_GOLDEN")) {
      // For authors: rewrite the expected block, then review the diff before committing.
      auto at = text.find(kMarker);
      std::ofstream(path, std::ios::binary) << (at == std::string::npos ? text : text.substr(0, at)) << as_comment(actual);
      WARN("updated " << path.string());
    } else if (actual != expected) {
      // Unwrapped, so it can be pasted as it is.
      std::cerr << "golden mismatch in " << path.string() << "\n--- expected ---\n"
                << expected << "--- actual ---\n"
                << actual << "--- ready to paste (replace from '# expect:') ---\n"
                << as_comment(actual);
      FAIL_CHECK("golden mismatch in " << path.filename().string() << " (the actual output is on stderr)");
    } else {
      SUCCEED();
    }
  }
};

}  // namespace

std::string expected_of(const std::string& text) {
  auto at = text.find(kMarker);
  if (at == std::string::npos) return "";
  std::string out;
  std::istringstream in(text.substr(at + kMarker.size()));
  for (std::string line; std::getline(in, line);) {
    if (line == "#")
      out += "\n";
    else if (line.rfind("# ", 0) == 0)
      out += line.substr(2) + "\n";
  }
  return out;
}

int register_golden(const std::string& dir, const std::string& ext, const std::string& prefix, const std::string& tags,
                    std::function<std::string(const std::string&, const std::string&)> run) {
  static std::deque<std::string> names;  // Catch keeps references to these
  fs::path root = fs::path(JIANDU_SOURCE_DIR) / dir;
  if (!fs::exists(root)) return 0;
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().string().ends_with(ext)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (auto& f : files) {
    auto* g = new Golden;  // lives as long as the test registry
    g->path = f;
    g->run = run;
    names.push_back(prefix + ": " + fs::relative(f, root).string());
    auto& name = names.back();
    names.push_back(tags);
    auto& tag = names.back();
    names.push_back(f.string());
    Catch::AutoReg(g, Catch::SourceLineInfo(names.back().c_str(), 1), "", Catch::NameAndTags{name, tag});
  }
  return int(files.size());
}

}  // namespace jiandu::test
