// The bad-input corpus: tests/badinput/cases/*.case. Each case is a command run on a copy of
// the example city's store (imported and audited once), with the files it needs; its expected
// block holds the exit code, what the command printed, and whether the store changed. A
// failed command must leave the store as it was, byte for byte, table by table.
//
//   # what the case is about (free text)
//   cmd: import --db {db} {dir}/events.csv
//   --- events.csv
//   …the file's lines…
//   # expect:
//   # rc: 1
//   # …
//
// {db} is the store, {dir} the case's folder (printed back as {dir}); a line "stdin: NAME"
// feeds that file to the command; "setup: COMMAND" lines run first and must succeed (records a
// case needs beyond the city's), and "store unchanged" is judged after them; "copy: FROM TO"
// lines copy a file or folder first (a case's own rules beside the library's policy:
// "copy: {rules}/policy {dir}/policy").
// JIANDU_UPDATE_GOLDEN=1 writes the expected block.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <catch2/catch.hpp>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "support/cli.h"
#include "support/dump.h"
#include "support/golden.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

std::string source(const std::string& rel) { return std::string(JIANDU_SOURCE_DIR) + "/" + rel; }

// The example city imported and audited as of 2026-11-20, made once per build directory
// (under a lock: ctest runs the cases in parallel processes) and copied for each case.
fs::path template_store() {
  fs::path dir = fs::path(JIANDU_BINARY).parent_path() / "tests" / "badinput-template";
  fs::create_directories(dir);
  fs::path db = dir / "city.db", ready = dir / "ready";
  int fd = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  ::flock(fd, LOCK_EX);
  // Rebuilt when the binary is newer than it (a new store format).
  if (!fs::exists(ready) || fs::last_write_time(ready) < fs::last_write_time(JIANDU_BINARY)) {
    for (auto ext : {"", "-wal", "-shm", ".anchor", ".lock"}) fs::remove(db.string() + ext);
    int rc = 0;
    std::string c = source("examples/city/");
    jiandu::test::run_cli("init " + db.string(), rc);
    REQUIRE(rc == 0);
    auto out = jiandu::test::run_cli("import --db " + db.string() + " " + c + "orgs.csv " + c + "people.csv " + c + "roles.csv " + c +
                                         "events.csv " + c + "events-2026.jsonl",
                                     rc);
    REQUIRE(rc == 0);
    out = jiandu::test::run_cli("audit --rules " + source("rules") + " --db " + db.string() + " --as-of 2026-11-20", rc);
    REQUIRE(rc == 0);
    {
      SQLite::Database d(db.string(), SQLite::OPEN_READWRITE);
      d.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::ofstream(ready) << "ok\n";
  }
  ::close(fd);
  return db;
}

// Every table, whole: what "the store did not change" compares.
std::map<std::string, std::string> tables_of(const std::string& db) {
  std::map<std::string, std::string> out;
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(d, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (q.executeStep()) {
    std::string t = q.getColumn(0).getString();
    out[t] = jiandu::test::dump(d, t);
  }
  out["(user_version)"] = d.execAndGet("PRAGMA user_version").getString();
  return out;
}

std::string run_case(const std::string& text, const std::string& /*name: the case file, for the runner*/) {
  jiandu::test::TempDir tmp;
  std::string dir = tmp.path("case");
  fs::create_directories(dir);
  // The command, stdin, and the files after "--- NAME" lines (up to "# expect:").
  std::string cmd, stdin_file, body = text.substr(0, text.find("# expect:\n"));
  std::vector<std::string> setup, copies;
  std::istringstream in(body);
  std::ofstream* file = nullptr;
  std::ofstream current;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("--- ", 0) == 0) {
      current.close();
      fs::path file_path = fs::path(dir) / line.substr(4);  // may be in a folder of the case's: policy/x.yaml
      fs::create_directories(file_path.parent_path());
      current.open(file_path, std::ios::binary);
      file = &current;
    } else if (file) {
      *file << replace_all(line, "\\r", "\r") << "\n";
    } else if (line.rfind("cmd: ", 0) == 0) {
      cmd = line.substr(5);
    } else if (line.rfind("stdin: ", 0) == 0) {
      stdin_file = line.substr(7);
    } else if (line.rfind("copy: ", 0) == 0) {
      copies.push_back(line.substr(6));
    } else if (line.rfind("setup: ", 0) == 0) {
      setup.push_back(line.substr(7));
    }
  }
  current.close();
  REQUIRE_FALSE(cmd.empty());
  std::string db = tmp.path("city.db");
  fs::copy_file(template_store(), db);
  if (fs::exists(template_store().string() + ".anchor")) fs::copy_file(template_store().string() + ".anchor", db + ".anchor");
  auto expand = [&](const std::string& c) {
    return replace_all(replace_all(replace_all(c, "{db}", db), "{dir}", dir), "{rules}", source("rules"));
  };
  for (auto& c : copies) {
    auto space = c.find(' ');
    REQUIRE(space != std::string::npos);
    fs::copy(expand(c.substr(0, space)), expand(c.substr(space + 1)), fs::copy_options::recursive);
  }
  for (auto& s : setup) {
    int rc = 0;
    std::string out = jiandu::test::run_cli(expand(s), rc);
    INFO(s << "\n" << out);
    REQUIRE(rc == 0);
  }
  auto before = tables_of(db);
  std::string line = expand(cmd);
  if (!stdin_file.empty()) line += " < " + dir + "/" + stdin_file;
  int rc = 0;
  std::string out = jiandu::test::run_cli(line, rc);
  out = replace_all(replace_all(replace_all(out, dir, "{dir}"), db, "{db}"), source("rules"), "{rules}");
  out = replace_all(out, JIANDU_SOURCE_DIR, "{source}");  // the checkout's path is no part of the answer
  // Durations differ from run to run: "in 0.1 s" is kept as "in {time}".
  out = std::regex_replace(out, std::regex(R"(\b[0-9]+\.[0-9]+ s\b)"), "{time}");
  auto after = tables_of(db);
  std::string changed;
  for (auto& [t, rows] : after)
    if (before[t] != rows) changed += (changed.empty() ? "" : ", ") + t;
  for (auto& [t, rows] : before)
    if (!after.count(t)) changed += (changed.empty() ? "" : ", ") + t + " (dropped)";
  // A failed command leaves the store as it was, whatever its case expects — but for the
  // row a failed audit leaves in failed_runs, which is how `status` knows of it.
  if (rc == 2) CHECK((changed.empty() || (changed == "failed_runs" && cmd.rfind("audit ", 0) == 0)));
  return "rc: " + std::to_string(rc) + "\n" + out + (out.empty() || out.back() == '\n' ? "" : "\n") +
         "store: " + (changed.empty() ? "unchanged" : "changed: " + changed) + "\n";
}

const int registered = jiandu::test::register_golden("tests/badinput/cases", ".case", "bad input", "[badinput][golden]", run_case);

}  // namespace
