#pragma once
// CSV for spreadsheets on Chinese Windows: a UTF-8 byte-order mark (without it Excel reads
// the file as GBK), RFC 4180 quoting, CRLF line ends, and no cell Excel would run as a formula.
#include <ostream>
#include <string>
#include <vector>

namespace jiandu::report {

inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

// A cell starting with = + - @, a tab or a carriage return gets a leading ' (so a record's
// text cannot become a formula); a cell with a comma, quote or line break is quoted.
std::string csv_cell(const std::string& text);
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);

}  // namespace jiandu::report
