#pragma once
// ISO 8601 timestamps as the importer and rules read them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "base/zone.h"

namespace jiandu {

// An instant with the UTC offset in force where it happened, so the local day is known
// without the zone database.
struct Timestamp {
  int64_t utc = 0;  // seconds since 1970-01-01T00:00:00Z
  int offset = 0;   // seconds east of UTC

  int64_t local_seconds() const { return utc + offset; }
  Date local_date() const;
  std::string str() const;  // YYYY-MM-DDTHH:MM:SS+HH:MM
};

// The current moment in UTC, YYYY-MM-DDTHH:MM:SSZ (for batch, run and trail records).
std::string now_utc();

// Accepts YYYY-MM-DD, YYYY-MM-DD[T ]HH:MM[:SS[.fraction]] and an optional Z or ±HH[:]MM.
// A reading without an offset is local time in `zone`; a date alone is its local midnight.
// Returns nullopt with `why` set when the text is not such a timestamp.
std::optional<Timestamp> parse_timestamp(std::string_view text, const Zone& zone, std::string* why);

}  // namespace jiandu
