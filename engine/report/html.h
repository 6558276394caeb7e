#pragma once
// The inspector's report: one self-contained HTML file in Chinese (no external assets),
// printable: per unit, the four forms, the overdue list with owners, every alert's trail.
#include <ostream>
#include <string>

#include "store/store.h"

namespace jiandu::report {

struct HtmlOptions {
  std::string as_of;  // judge "overdue" as of this date (default: the last audit's)
  std::string title = "监督检查报告";
};

void write_html(std::ostream& out, Store& store, const HtmlOptions& opts);

// Text for HTML: & < > " ' escaped.
std::string escape_html(const std::string& s);

}  // namespace jiandu::report
