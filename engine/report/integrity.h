#pragma once
// Whether the trail's hash chain verifies, as what people read shows it: a broken chain is
// said first, and every entry that does not verify is marked where it is shown.
#include <cstdint>
#include <set>
#include <string>

#include "ledger/trail.h"
#include "store/store.h"

namespace jiandu::report {

struct Integrity {
  ledger::ChainReport chain;
  std::set<int64_t> bad;  // chain.bad, for lookups

  bool broken() const { return chain.first_bad.has_value(); }
  bool altered(int64_t entry) const { return bad.count(entry) > 0; }
  bool alert_altered(const std::string& alert) const { return chain.bad_alerts.count(alert) > 0; }
  // "完整性校验未通过：第 2 条轨迹记录被改动" (more entries, or removed ones, said as such).
  std::string warning() const;
};

Integrity check_integrity(Store& store);

}  // namespace jiandu::report
