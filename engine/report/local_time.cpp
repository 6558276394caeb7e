#include "report/local_time.h"

#include <cstdio>

#include "base/timestamp.h"

namespace jiandu::report {

std::string zone_label(const Zone& zone) {
  const std::string& n = zone.name();
  // One zone for all of China since 1949; the tz database keeps its historical aliases.
  if (n == "Asia/Shanghai" || n == "PRC" || n == "Asia/Chongqing" || n == "Asia/Chungking" || n == "Asia/Harbin") return "北京时间";
  if (n == "UTC" || n == "Etc/UTC" || n == "Z" || n == "+00:00") return "协调世界时";
  return n;
}

std::string local_moment_bare(const std::string& at, const Zone& zone, bool seconds) {
  if (at.size() <= 10) return at;  // an audit's as-of day
  auto ts = parse_timestamp(at, zone, nullptr);
  if (!ts) return at;
  std::string s = ts->str();  // YYYY-MM-DDTHH:MM:SS±HH:MM, in the zone
  return s.substr(0, 10) + " " + s.substr(11, seconds ? 8 : 5);
}

std::string local_moment(const std::string& at, const Zone& zone, bool seconds) {
  std::string s = local_moment_bare(at, zone, seconds);
  return s == at ? s : s + "（" + zone_label(zone) + "）";
}

}  // namespace jiandu::report
