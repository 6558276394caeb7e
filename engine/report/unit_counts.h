#pragma once
// The problem list counted per unit and rolled up per organ, for the report and the .xlsx:
// every state, open and overdue, units with the most open problems first.
#include <array>
#include <string>
#include <vector>

#include "report/labels.h"
#include "report/ledger_view.h"
#include "store/store.h"

namespace jiandu::report {

struct UnitCount {
  std::string org, name;                                // the unit (or organ); name falls back to the id
  std::string organ, organ_name;                        // the organ it rolls up to (itself when under none)
  std::array<int, kStatusOrder.size()> by_status{};     // in kStatusOrder
  int total = 0, open = 0, overdue = 0, escalated = 0;  // escalated: open and above its owner
  int units = 0;                                        // in an organ's roll-up: the units counted into it

  int of(ledger::Status s) const;
  void add(const AlertRow& a, const std::string& as_of);
  void add(const UnitCount& other);
};

struct Tally {
  std::vector<UnitCount> units;   // most open first, then most overdue, then by id
  std::vector<UnitCount> organs;  // the same order
  UnitCount all;
};

// Open and past its rectification date as of `as_of` (YYYY-MM-DD).
bool is_overdue(const AlertRow& a, const std::string& as_of);
// Calendar days from the rectification date to `as_of` (0 when not overdue).
int days_overdue(const AlertRow& a, const std::string& as_of);

// Units roll up to their nearest ancestor of kind `organ`; one not under an organ to itself.
Tally tally(Store& store, const std::vector<AlertRow>& alerts, const std::string& as_of);

// The counts as a spreadsheet (the .xlsx): headers, and one row per unit or organ; every cell
// after the first three is a number.
std::vector<std::string> unit_count_headers(bool organs);
std::vector<std::string> unit_count_cells(const UnitCount& u, bool organs);

}  // namespace jiandu::report
