#pragma once
// The quarantine, managed: records an import could not take stay held, with their reason,
// until someone retries them into the store (once the unit, person or catalog they named
// exists) or drops them with a reason. Nothing is deleted: a settled row keeps who settled it,
// when, and how (docs/operations.md, "Quarantine").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace jiandu {

struct QuarantinedRecord {
  int64_t id = 0, batch = 0, line = 0;
  std::string file, kind, code, reason, raw;
  std::string state;  // held | imported | dropped
  std::string settled_at, settled_by, note;
  std::optional<int64_t> settled_batch;
  bool retryable = false;  // its fields were kept (imports since store version 7 keep them)
};

struct QuarantineFilter {
  bool settled = false;      // also the imported and dropped ones
  std::vector<int64_t> ids;  // these rows only
  std::string code;          // rows of this reason code only
  std::optional<int64_t> batch;
};

// Newest first, at most `limit`; `total` (when given) gets how many match.
std::vector<QuarantinedRecord> list_quarantine(Store& store, const QuarantineFilter& filter, size_t limit, int64_t* total = nullptr);

struct RetryOutcome {
  int64_t id = 0;
  bool imported = false;
  std::string code, reason;  // why it is still held
};

struct RetryReport {
  std::optional<int64_t> batch;  // the retry's import batch (none when nothing could be retried)
  std::vector<RetryOutcome> outcomes;
  size_t imported = 0, still_held = 0, not_retryable = 0;
};

// Imports the held rows the filter selects, in one batch: a row whose record now imports (or
// is already in the store, identical) becomes `imported`, with the batch and `by`; one still
// refused stays held with its reason brought up to date. Settled rows are never retried.
RetryReport retry_quarantine(Store& store, const QuarantineFilter& filter, const std::string& by);

// Marks the held rows the filter selects `dropped`, by `by`, because of `reason` (not blank).
// Returns how many. Throws Error when the filter selects none or the reason is blank.
size_t drop_quarantine(Store& store, const QuarantineFilter& filter, const std::string& by, const std::string& reason);

}  // namespace jiandu
