#pragma once
// A time zone: the store's zone decides which local day an instant falls on.
// Named zones come from the system's tz database (Debian's tzdata); fixed offsets
// ("+08:00", "UTC") need none.
#include <cstdint>
#include <optional>
#include <string>

#include "base/date.h"

namespace jiandu {

class Zone {
 public:
  // Throws jiandu::Error naming the zone when it is unknown.
  explicit Zone(std::string name);
  const std::string& name() const { return name_; }

  // Seconds east of UTC at the instant `utc` (seconds since the epoch).
  int offset_at(int64_t utc) const;
  // The instant of local civil time `local` (seconds since the local epoch); for a local
  // time that occurs twice or never (DST changes) the earlier reading is taken.
  int64_t to_utc(int64_t local) const;

 private:
  std::string name_;
  std::optional<int> fixed_;  // fixed offset in seconds, when the name is one
};

}  // namespace jiandu
