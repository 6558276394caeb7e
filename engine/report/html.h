#pragma once
// The inspector's report: one self-contained HTML file in Chinese (no external assets),
// printable on A4 and readable on a phone: a table of contents, per-unit counts of every state
// and their roll-up per organ, the four forms, the overdue list, every alert's trail. A trail
// that does not verify opens the report with a warning and its altered entries are marked.
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
