#pragma once
// What a store holds, for `jiandu status`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace jiandu {

struct StoreSummary {
  int version = 0;
  std::string zone, catalog;
  int64_t orgs = 0, people = 0, roles = 0, events = 0, rejected = 0, alerts = 0, runs = 0;
  int64_t held = 0;                                    // quarantined records still held (neither retried into the store nor dropped)
  std::optional<std::string> first_event, last_event;  // local times
  struct Checkpoint {
    std::string as_of;
    int64_t run = 0, bytes = 0, findings = 0;
  };
  std::optional<Checkpoint> checkpoint;  // the last audit's, which the next resumes from
  struct Fault {
    std::string rule, subject, event, reason;
  };
  struct LastRun {
    int64_t id = 0;
    std::string as_of;
    int64_t faults = 0;         // every obligation it could not judge
    std::vector<Fault> listed;  // those recorded, the first max_faults
  };
  std::optional<LastRun> last_run;
  struct FailedRun {
    std::string at, as_of, reason;
  };
  std::optional<FailedRun> last_failed;                // the latest failed audit, when after the last one that committed
  std::vector<std::pair<std::string, int64_t>> types;  // event type → count, most first
  struct Batch {
    int64_t id;
    std::string started, files;
    int64_t added, unchanged, rejected;
  };
  std::vector<Batch> batches;  // the latest first
  struct Quarantined {
    int64_t batch;
    std::string file;
    int64_t line;
    std::string kind, code, reason, raw;
  };
  std::vector<Quarantined> quarantined;  // the latest held first
};

StoreSummary summarize(Store& store, size_t max_batches = 5, size_t max_rejected = 20, size_t max_faults = 50);

}  // namespace jiandu
