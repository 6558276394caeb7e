#include "base/timestamp.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace jiandu {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool two_digits(std::string_view s, size_t pos, int& out) {
  if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') return false;
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return true;
}

}  // namespace

Date Timestamp::local_date() const { return Date{int32_t(floor_div(local_seconds(), 86400))}; }

std::string Timestamp::str() const {
  int64_t local = local_seconds();
  Date d = local_date();
  int64_t sod = local - int64_t(d.days) * 86400;
  int off = offset < 0 ? -offset : offset;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", d.str().c_str(), int(sod / 3600), int(sod / 60 % 60), int(sod % 60),
                offset < 0 ? '-' : '+', off / 3600, off / 60 % 60);
  return buf;
}

std::string now_utc() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<Timestamp> parse_timestamp(std::string_view s, const Zone& zone, std::string* why) {
  auto fail = [&](const char* msg) -> std::optional<Timestamp> {
    if (why) *why = msg;
    return std::nullopt;
  };
  if (s.size() < 10) return fail("not an ISO 8601 date or date-time");
  auto date = Date::parse(s.substr(0, 10));
  if (!date) return fail("not a valid date (expected YYYY-MM-DD)");
  size_t i = 10;
  int h = 0, m = 0, sec = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) {
    if (!two_digits(s, i + 1, h) || i + 3 >= s.size() || s[i + 3] != ':' || !two_digits(s, i + 4, m))
      return fail("bad time of day (expected HH:MM or HH:MM:SS)");
    i += 6;
    if (i < s.size() && s[i] == ':') {
      if (!two_digits(s, i + 1, sec)) return fail("bad seconds");
      i += 3;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {  // fractions are dropped
        ++i;
        size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == start) return fail("bad fraction of a second");
      }
    }
    if (sec == 60) return fail("a leap second (:60): times here have none; write :59 or the next minute");
    if (h > 23 || m > 59 || sec > 59) return fail("time of day out of range");
  }
  std::optional<int> offset;
  if (i < s.size()) {
    if (s[i] == 'Z' && i + 1 == s.size()) {
      offset = 0;
    } else if (s[i] == '+' || s[i] == '-') {
      int oh, om = 0;
      size_t j = i + 1;
      if (!two_digits(s, j, oh)) return fail("bad UTC offset (expected ±HH:MM)");
      j += 2;
      if (j < s.size() && s[j] == ':') ++j;
      if (j < s.size() && !two_digits(s, j, om)) return fail("bad UTC offset (expected ±HH:MM)");
      if (j < s.size()) j += 2;
      if (j != s.size() || oh > 14 || om > 59) return fail("bad UTC offset (expected ±HH:MM)");
      offset = (s[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return fail("unexpected text after the date-time");
    }
  }
  int64_t local = int64_t(date->days) * 86400 + h * 3600 + m * 60 + sec;
  Timestamp ts;
  if (offset) {
    ts.utc = local - *offset;
  } else {
    ts.utc = zone.to_utc(local);
  }
  // Record the offset of the store's zone, so every event's local day is in that zone.
  ts.offset = zone.offset_at(ts.utc);
  return ts;
}

}  // namespace jiandu
