#include "base/zone.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "base/error.h"

namespace jiandu {
namespace {

std::optional<int> parse_fixed(const std::string& s) {
  if (s == "UTC" || s == "Z" || s == "Etc/UTC") return 0;
  if (s.size() == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':') {
    int h = (s[1] - '0') * 10 + (s[2] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0');
    if (h <= 14 && m < 60) return (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
  }
  return std::nullopt;
}

// glibc reads the zone from TZ; switch it only when another zone is asked for.
void use_zone(const std::string& name) {
  static std::string current;
  if (current == name) return;
  setenv("TZ", name.c_str(), 1);
  tzset();
  current = name;
}

}  // namespace

Zone::Zone(std::string name) : name_(std::move(name)), fixed_(parse_fixed(name_)) {
  if (fixed_) return;
  bool safe = !name_.empty() && name_.find("..") == std::string::npos && name_[0] != '/';
  if (!safe || !std::filesystem::is_regular_file("/usr/share/zoneinfo/" + name_))
    throw Error("unknown time zone '" + name_ + "' (use an IANA name such as Asia/Shanghai, or an offset such as +08:00)");
}

int Zone::offset_at(int64_t utc) const {
  if (fixed_) return *fixed_;
  use_zone(name_);
  time_t t = time_t(utc);
  std::tm tm{};
  localtime_r(&t, &tm);
  return int(tm.tm_gmtoff);
}

int64_t Zone::to_utc(int64_t local) const {
  if (fixed_) return local - *fixed_;
  // Guess with the offset at the local reading taken as UTC, then correct once.
  int64_t guess = local - offset_at(local);
  return local - offset_at(guess);
}

}  // namespace jiandu
