#pragma once
// A mistake in something the user wrote, as a value: severity, stable code, message and
// where it is. Passes collect them in a Diagnostics list; nothing throws for user errors.
#include <string>
#include <vector>

#include "base/codes.h"
#include "base/source.h"

namespace jiandu {

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  // stable, e.g. E101: a row of base/codes.def; empty on a note
  std::string message;
  Span span;
  std::vector<Diagnostic> notes;  // "first defined here" and the like
};

class Diagnostics {
 public:
  // Adds a diagnostic of the code's severity.
  Diagnostic& report(const Code& code, Span span, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  size_t count(Severity s) const;
  bool empty() const { return items_.empty(); }
  // Sorted by file, then position, so output is stable whatever order passes ran in.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// file:line:col: error: message [code]
//    12 |   expect: event.atrs.amount > 0
//       |                 ^~~~
std::string render(const Diagnostic& d);
std::string render_all(const Diagnostics& ds);
// One JSON object per diagnostic: file, line, column, end_column, severity, code, message.
std::string render_json(const Diagnostics& ds);

// Terminal display width of a UTF-8 string (East Asian wide characters take two cells).
size_t display_width(std::string_view s);

}  // namespace jiandu
