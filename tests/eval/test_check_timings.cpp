// `jiandu check --timings`: where a check's time goes, stage by stage, on stderr — without
// changing a byte of the findings on stdout.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/city.h"
#include "support/cli.h"

using namespace jiandu;

namespace {
std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("check --timings: each stage of a check is named with its seconds, the findings unchanged", "[cli]") {
  test::City city;
  std::string db = city.dir.path("city.db");
  city.store.reset();
  std::string base = "check --rules " + test::source_path("rules") + " --db " + db + " --as-of 2026-11-20 --format jsonl";
  std::string plain_out = city.dir.path("plain.jsonl"), timed_out = city.dir.path("timed.jsonl");
  int rc_plain = 0, rc_timed = 0;
  // stdout and stderr each to its own file (run_cli would merge them)
  auto run = [](const std::string& args, const std::string& out) {
    int status = std::system((std::string(JIANDU_BINARY) + " " + args + " >" + out + " 2>" + out + ".err").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  rc_plain = run(base, plain_out);
  rc_timed = run(base + " --timings", timed_out);
  auto plain_err = read(plain_out + ".err"), timed_err = read(timed_out + ".err");
  CHECK(rc_plain == 0);
  CHECK(rc_timed == 0);
  auto plain = read(plain_out);
  CHECK(std::count(plain.begin(), plain.end(), '\n') > 15);
  CHECK(read(timed_out) == plain);
  // one line per stage, in the order they ran; none without the flag
  size_t at = 0;
  for (const char* stage : {"rules loaded and checked", "rules compiled", "organisation loaded", "new events", "judgements as of the date",
                            "findings sorted", "findings written"}) {
    size_t found = timed_err.find(std::string(" s  ") + stage, at);
    INFO(stage << "\n" << timed_err);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) at = found;
  }
  CHECK(plain_err.find(" s  new events") == std::string::npos);
}
