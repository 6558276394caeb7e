#pragma once
// The chain's anchor outside the store: after each audit and each action commits, the trail's
// new head ("id hash") is appended to an append-only file (STORE.anchor beside the store, or
// the path in the store's meta key `anchor`). Editing entries and recomputing every
// hash and the head inside the database then still disagrees with the file: verify says so.
#include <cstdint>
#include <optional>
#include <string>

#include "store/store.h"

namespace jiandu::ledger {

std::string anchor_path(Store& store);
// Appends the current head when it is not the file's last line (throws Error when the file
// cannot be written: the caller's transaction has committed, and says so).
void anchor_head(Store& store);

struct AnchorReport {
  std::string path;
  bool exists = false;
  int64_t lines = 0, last_id = 0;
  std::optional<std::string> problem;  // what disagrees, in one sentence
};
// Every anchored head against the trail: entry `id` must still have that hash, and the
// trail must reach at least the last anchored entry.
AnchorReport check_anchor(Store& store, const std::string& path = "");

}  // namespace jiandu::ledger
