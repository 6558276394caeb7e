#pragma once
// Runs the jiandu binary the way a user does, for tests of what a command prints and its
// exit code.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

namespace jiandu::test {

// Runs `jiandu ARGS` (stdout and stderr together); `rc` is its exit code.
inline std::string run_cli(const std::string& args, int& rc) {
  std::string out;
  FILE* p = popen((std::string(JIANDU_BINARY) + " " + args + " 2>&1").c_str(), "r");
  REQUIRE(p);
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = pclose(p);
  rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace jiandu::test
