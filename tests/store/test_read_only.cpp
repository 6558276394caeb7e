// Reading commands work for an account that may read the store but not write beside it
// (issue 17, item 8): WAL needs a -shm file such an account cannot create.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include <filesystem>

#include <catch2/catch.hpp>

#include "support/cli.h"
#include "support/temp_dir.h"

using jiandu::test::run_cli;
namespace fs = std::filesystem;

namespace {

// Runs a command as an account that cannot write the folder: as root (who writes anything)
// through setpriv as nobody; otherwise as ourselves, the folder made unwritable.
std::string as_reader(const std::string& args, int& rc) {
  std::string line = std::string(JIANDU_BINARY) + " " + args + " 2>&1";
  if (::geteuid() == 0) line = "setpriv --reuid 65534 --regid 65534 --clear-groups " + line;
  std::string out;
  FILE* p = popen(line.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int status = pclose(p);
  rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace

TEST_CASE("read-only: status, alerts, report and verify read a store its account may not write beside", "[store][readonly]") {
  // setpriv is util-linux, on every Debian; without it (root elsewhere) nothing here can be shown.
  if (::geteuid() == 0 && ::access("/usr/bin/setpriv", X_OK) != 0) {
    WARN("running as root without setpriv: not checked");
    return;
  }
  jiandu::test::TempDir dir;
  fs::path folder = fs::path(dir.path("ro"));
  fs::create_directories(folder);
  std::string db = (folder / "s.db").string();
  int rc = 0;
  run_cli("init " + db, rc);
  REQUIRE(rc == 0);
  run_cli("import --db " + db + " " + std::string(JIANDU_SOURCE_DIR) + "/examples/city/orgs.csv", rc);
  REQUIRE(rc == 0);
  REQUIRE_FALSE(fs::exists(db + "-shm"));  // closed cleanly: nothing beside the file
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir.path(""), fs::perms::others_exec | fs::perms::others_read, fs::perm_options::add);
  struct Restore {
    fs::path p;
    ~Restore() { fs::permissions(p, fs::perms::owner_all); }
  } restore{folder};
  // As nobody, every folder above the store must be passable (a TMPDIR under /root is not).
  if (::geteuid() == 0)
    for (fs::path p = folder.parent_path().parent_path(); !p.empty(); p = p.parent_path()) {
      if ((fs::status(p).permissions() & fs::perms::others_exec) == fs::perms::none) {
        WARN(p.string() + " is not passable by nobody: not checked");
        return;
      }
      if (p == p.parent_path()) break;
    }
  std::string html = "/tmp/jiandu-ro-" + std::to_string(::getpid()) + ".html";
  for (const std::string& cmd : {"status --db " + db, "alerts --db " + db, "verify --db " + db, "report --db " + db + " --html " + html}) {
    auto out = as_reader(cmd, rc);
    INFO(cmd << "\n" << out);
    CHECK(rc == 0);
    CHECK_THAT(out, !Catch::Contains("readonly database") && !Catch::Contains("not a jiandu store"));
  }
  fs::remove(html);
  // A writing command is refused with a message naming the store, not a crash.
  auto out = as_reader("import --db " + db + " " + std::string(JIANDU_SOURCE_DIR) + "/examples/city/people.csv", rc);
  CHECK(rc == 2);
  CHECK_THAT(out, Catch::Contains(db));
}
