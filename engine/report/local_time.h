#pragma once
// Moments as people read them: in the store's time zone, with the zone named. The trail keeps
// a person's action as a UTC moment and an audit's entry as its as-of day.
#include <string>

#include "base/zone.h"

namespace jiandu::report {

// The zone's name for readers: 北京时间 for China's zone, otherwise its tz name.
std::string zone_label(const Zone& zone);
// A date stays as it is; a moment becomes "YYYY-MM-DD HH:MM（北京时间）" in `zone` (with
// seconds when asked); anything else is returned unchanged.
std::string local_moment(const std::string& at, const Zone& zone, bool seconds = false);
// The same without the zone's name, for a column whose header names it.
std::string local_moment_bare(const std::string& at, const Zone& zone, bool seconds = false);

}  // namespace jiandu::report
