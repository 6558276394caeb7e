#pragma once
// What people do to an alert: acknowledge it (履责), report it rectified, verify it (尽责;
// a failed verification sends it back), or waive it (with a reason and who decided).
#include <string>
#include <vector>

#include "ledger/trail.h"
#include "store/store.h"

namespace jiandu::ledger {

enum class Action { ack, resolve, verify_pass, verify_fail, waive };

// Throws Error naming the alert's state when the action is not allowed from it, or when
// `by` is not a person in the store.
Status act(Store& store, const std::string& alert, Action action, const std::string& by, const std::string& note,
           const std::vector<std::string>& evidence = {});

}  // namespace jiandu::ledger
