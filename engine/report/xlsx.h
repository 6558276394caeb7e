#pragma once
// The problem list as an Excel workbook (Debian's libxlsxwriter): sheet 预警清单 with the
// CSV's columns (header bold and frozen, autofilter, dates as dates), 各单位统计 with the
// per-unit counts and 各机关汇总 with their roll-up per organ.
#include <string>
#include <vector>

#include "report/ledger_view.h"
#include "store/store.h"

namespace jiandu::report {

// Overdue is judged as of `as_of`. Throws jiandu::Error naming the file when it cannot be written.
void write_xlsx(const std::string& path, Store& store, const std::vector<AlertRow>& alerts, const std::string& as_of);

}  // namespace jiandu::report
