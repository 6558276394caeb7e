#pragma once
// Importing records into the store: one transaction per batch, idempotent by record id,
// bad records quarantined with their reason (or, with strict, the whole batch refused).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"
#include "store/store.h"

namespace jiandu {

struct ImportOptions {
  std::optional<RecordKind> kind;  // else from each file's name or header
  bool strict = false;             // any bad record fails the batch, nothing written
  // Called now and then with the file and the bytes read so far (for a progress line).
  std::function<void(const std::string& file, size_t done, size_t total)> progress;
  // Called after each record is handled, inside the transaction (tests use it to kill
  // an import half-way).
  std::function<void(size_t records)> after_record;
  // Called inside the transaction just before it commits (the catalog an import brings is
  // kept with the batch, or not at all).
  std::function<void()> before_commit;
  // False: bad records are reported but not quarantined (a quarantine retry keeps its own rows).
  bool quarantine = true;
  // The batch's name in its row (else the files' paths).
  std::string label;
};

struct Rejection {
  std::string file;
  size_t line = 0;
  RecordKind kind = RecordKind::events;
  std::string code;    // stable: missing_field, bad_timestamp, unknown_org, conflict, …
  std::string reason;  // for people
  std::string raw;
};

struct KindCounts {
  size_t added = 0, unchanged = 0, rejected = 0, closed = 0;
};

struct ImportReport {
  std::optional<int64_t> batch;  // unset when nothing was written (strict failure)
  std::map<RecordKind, KindCounts> counts;
  std::map<std::string, size_t> reasons;  // code → count
  std::vector<Rejection> rejections;
  size_t already_quarantined = 0;  // rejections identical to ones stored by earlier batches
  // Imported, but worth a look: a role or org kind no vocabulary names (a typo, most likely,
  // which no rule would ever match), once per value with where it was first seen.
  std::vector<std::string> notices;
  bool committed = false;

  size_t added() const;
  size_t rejected() const { return rejections.size(); }
};

// Reads the files (orgs first, then people, roles and events, whatever their order on the
// command line) and imports them in one transaction. Throws Error for an unreadable file.
ImportReport import_files(Store& store, const std::vector<std::string>& files, const ImportOptions& opts = {});
// The same over readers already open; `after` runs inside the transaction with the report
// (before it commits), to record what became of each record.
ImportReport import_readers(Store& store, std::vector<std::unique_ptr<RecordReader>>& readers, const ImportOptions& opts,
                            const std::function<void(const ImportReport&, int64_t batch)>& after = {});

}  // namespace jiandu
