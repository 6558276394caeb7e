#pragma once
// Records written straight into the store in one batch, by a program that makes them (jiandu
// gen), not read from files: no quarantine, since what it writes is valid by construction. The
// caller holds the transaction.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "store/store.h"

namespace SQLite {
class Statement;
}

namespace jiandu {

class EventWriter;

class BulkWriter {
 public:
  // Opens a batch named `note` (what made it).
  BulkWriter(Store& store, const std::string& note);
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  void org(const std::string& id, const std::optional<std::string>& parent, const std::string& kind, const std::string& name);
  void person(const std::string& id, const std::string& name, const std::string& org);
  void role(const std::string& person, const std::string& org, const std::string& role, const std::string& from,
            const std::optional<std::string>& to);
  void event(const std::string& id, int64_t utc, int utc_offset, const std::string& type, const std::string& org,
             const std::optional<std::string>& person, const std::optional<std::string>& ref, const std::string& attrs);
  // Closes the batch with the number of records it added.
  void finish(int64_t added);

 private:
  Store& store_;
  int64_t batch_ = 0;
  std::unique_ptr<SQLite::Statement> org_, person_, role_;
  std::unique_ptr<EventWriter> event_;
};

// Whether the store holds any org unit yet.
bool has_orgs(Store& store);

}  // namespace jiandu
