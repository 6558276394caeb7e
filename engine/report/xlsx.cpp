#include "base/utf8.h"
#include "report/xlsx.h"

#include <xlsxwriter.h>

#include "base/date.h"
#include "base/error.h"
#include "report/alert_columns.h"
#include "report/unit_counts.h"

namespace jiandu::report {
namespace {

// Excel holds at most 32,767 characters in a cell; cut longer text at a UTF-8 boundary.
std::string fit(const std::string& s) {
  const size_t limit = 32000;
  if (s.size() <= limit) return s;
  return s.substr(0, utf8_floor(s, limit));
}

class Book {
 public:
  explicit Book(const std::string& path) : path_(path), wb_(workbook_new(path.c_str())) {
    if (!wb_) throw Error(path + ": cannot create the workbook");
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xF2F2F2);
    format_set_border(header_, LXW_BORDER_THIN);
    date_ = workbook_add_format(wb_);
    format_set_num_format(date_, "yyyy-mm-dd");
  }
  ~Book() {
    if (wb_) lxw_workbook_free(wb_);  // after a failure: no half-written file
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  // A sheet with its header row bold, frozen, filtered and repeated on printed pages.
  lxw_worksheet* sheet(const char* name, const std::vector<std::string>& headers, const std::vector<double>& widths, size_t rows) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
    if (!ws) throw Error(path_ + ": cannot add the sheet " + name);
    for (size_t c = 0; c < headers.size(); ++c) {
      check(worksheet_write_string(ws, 0, lxw_col_t(c), headers[c].c_str(), header_));
      check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), widths[c], nullptr));
    }
    worksheet_freeze_panes(ws, 1, 0);
    check(worksheet_autofilter(ws, 0, 0, lxw_row_t(rows), lxw_col_t(headers.size() - 1)));
    worksheet_set_paper(ws, 9);  // A4
    worksheet_set_landscape(ws);
    check(worksheet_repeat_rows(ws, 0, 0));
    worksheet_fit_to_pages(ws, 1, 0);
    return ws;
  }

  void text(lxw_worksheet* ws, size_t row, size_t col, const std::string& s) {
    if (!s.empty()) check(worksheet_write_string(ws, lxw_row_t(row), lxw_col_t(col), fit(s).c_str(), nullptr));
  }
  void number(lxw_worksheet* ws, size_t row, size_t col, const std::string& s) {
    check(worksheet_write_number(ws, lxw_row_t(row), lxw_col_t(col), std::stod(s), nullptr));
  }
  // A date as an Excel date (sortable and filterable as one); anything else as text.
  void date(lxw_worksheet* ws, size_t row, size_t col, const std::string& s) {
    auto d = Date::parse(s);
    if (!d || d->year() < 1900) return text(ws, row, col, s);
    lxw_datetime dt{d->year(), int(d->month()), int(d->day()), 0, 0, 0};
    check(worksheet_write_datetime(ws, lxw_row_t(row), lxw_col_t(col), &dt, date_));
  }

  void close() {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) throw Error(path_ + ": writing the workbook failed: " + lxw_strerror(e));
  }

 private:
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR) throw Error(path_ + ": writing the workbook failed: " + lxw_strerror(e));
  }

  std::string path_;
  lxw_workbook* wb_;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
};

void counts_sheet(Book& book, const char* name, const std::vector<UnitCount>& rows, bool organs) {
  auto headers = unit_count_headers(organs);
  std::vector<double> widths(headers.size(), 10);
  widths[0] = 12;
  widths[1] = 30;
  widths[2] = organs ? 14 : 24;
  lxw_worksheet* ws = book.sheet(name, headers, widths, rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    auto cells = unit_count_cells(rows[r], organs);
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c >= 3 || (organs && c == 2))
        book.number(ws, r + 1, c, cells[c]);
      else
        book.text(ws, r + 1, c, cells[c]);
    }
  }
}

}  // namespace

void write_xlsx(const std::string& path, Store& store, const std::vector<AlertRow>& alerts, const std::string& as_of) {
  Book book(path);
  const auto& columns = alert_columns();
  std::vector<std::string> headers;
  std::vector<double> widths;
  for (auto& c : columns) {
    headers.push_back(c.header);
    widths.push_back(c.width);
  }
  lxw_worksheet* ws = book.sheet("预警清单", headers, widths, alerts.size());
  for (size_t r = 0; r < alerts.size(); ++r) {
    auto cells = alert_cells(alerts[r], store.zone());
    for (size_t c = 0; c < cells.size(); ++c) {
      switch (columns[c].type) {
        case CellType::text: book.text(ws, r + 1, c, cells[c]); break;
        case CellType::date: book.date(ws, r + 1, c, cells[c]); break;
        case CellType::number: book.number(ws, r + 1, c, cells[c]); break;
      }
    }
  }
  auto t = tally(store, alerts, as_of);
  counts_sheet(book, "各单位统计", t.units, false);
  counts_sheet(book, "各机关汇总", t.organs, true);
  book.close();
}

}  // namespace jiandu::report
