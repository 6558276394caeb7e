#pragma once
// The columns of the problem list as a spreadsheet (CSV and .xlsx alike): Chinese headers,
// names beside ids, states and severities in words, moments in the store's zone.
#include <string>
#include <vector>

#include "base/zone.h"
#include "report/ledger_view.h"

namespace jiandu::report {

enum class CellType { text, date, number };

struct Column {
  const char* header;
  CellType type;
  double width;  // in characters, for the .xlsx
};

const std::vector<Column>& alert_columns();
// One row, cell for cell with alert_columns().
std::vector<std::string> alert_cells(const AlertRow& a, const Zone& zone);

}  // namespace jiandu::report
