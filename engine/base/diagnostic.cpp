#include "base/diagnostic.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/utf8.h"

namespace jiandu {

Diagnostic& Diagnostics::report(const Code& code, Span span, std::string message) {
  items_.push_back({code.severity, std::string(code.id), std::move(message), std::move(span), {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }

bool Diagnostics::has_errors() const { return count(Severity::error) > 0; }

size_t Diagnostics::count(Severity s) const {
  return size_t(std::count_if(items_.begin(), items_.end(), [&](auto& d) { return d.severity == s; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    std::string fa = a.span.source ? a.span.source->name() : "";
    std::string fb = b.span.source ? b.span.source->name() : "";
    if (fa != fb) return fa < fb;
    return a.span.offset < b.span.offset;
  });
}

namespace {

bool wide(unsigned cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

const char* severity_name(Severity s) { return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note"; }

void render_into(std::string& out, const Diagnostic& d) {
  if (d.span.valid()) {
    auto& src = *d.span.source;
    auto lc = src.line_col(d.span.offset);
    out += src.name() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + ": ";
    out += std::string(severity_name(d.severity)) + ": " + terminal_safe_lines(d.message);
    if (!d.code.empty()) out += " [" + d.code + "]";
    out += "\n";
    std::string_view line = src.line_text(lc.line);
    std::string num = std::to_string(lc.line);
    std::string pad(num.size(), ' ');
    uint32_t line_start = src.offset_of(lc.line, 1);
    size_t col = std::min<size_t>(d.span.offset - line_start, line.size());
    // A very long line is shown around the column only (a minified file, a 20,000-term chain).
    constexpr size_t kContext = 80;
    size_t from = 0, to = line.size();
    if (line.size() > 3 * kContext) {
      from = col > kContext ? col - kContext : 0;
      to = std::min(line.size(), col + kContext);
      from = utf8_floor(line, from);
      to = utf8_ceil(line, to);
    }
    std::string lead = from > 0 ? "… " : "", tail = to < line.size() ? " …" : "";
    std::string_view shown = line.substr(from, to - from);
    // Text from the file, made safe for a terminal (an ESC in a rule file is shown, not run).
    out += " " + num + " | " + lead + terminal_safe_lines(shown) + tail + "\n";
    // Caret under the span's first character, tildes to its end (on this line).
    std::string_view before = shown.substr(0, col - from);
    // A column per narrow character and two per wide one; tabs kept so the caret lines up.
    std::string marker(lead.empty() ? 0 : 2, ' ');
    for (size_t i = 0; i < before.size();) {
      unsigned char c0 = static_cast<unsigned char>(before[i]);
      bool tab = c0 == '\t', control = c0 < 0x20 && !tab;
      bool two = wide(utf8_decode(before, i));
      marker += tab ? "\t" : control ? "    " : two ? "  " : " ";
    }
    size_t avail = shown.size() - before.size();
    std::string_view covered = shown.substr(before.size(), std::min<size_t>(d.span.length, avail));
    size_t w = std::max<size_t>(1, std::min<size_t>(display_width(covered), 2 * kContext));
    marker += "^" + std::string(w - 1, '~');
    out += " " + pad + " | " + marker + "\n";
  } else {
    out += std::string(severity_name(d.severity)) + ": " + terminal_safe_lines(d.message);
    if (!d.code.empty()) out += " [" + d.code + "]";
    out += "\n";
  }
  for (auto& n : d.notes) render_into(out, n);
}

}  // namespace

size_t display_width(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) w += wide(utf8_decode(s, i)) ? 2 : 1;
  return w;
}

std::string render(const Diagnostic& d) {
  std::string out;
  render_into(out, d);
  return out;
}

std::string render_all(const Diagnostics& ds) {
  std::string out;
  for (auto& d : ds.items()) out += render(d);
  return out;
}

std::string render_json(const Diagnostics& ds) {
  std::string out;
  for (auto& d : ds.items()) {
    nlohmann::json j;
    j["severity"] = severity_name(d.severity);
    j["code"] = d.code;
    j["message"] = d.message;
    if (d.span.valid()) {
      auto lc = d.span.source->line_col(d.span.offset);
      auto end = d.span.source->line_col(d.span.offset + d.span.length);
      j["file"] = d.span.source->name();
      j["line"] = lc.line;
      j["column"] = lc.column;
      j["end_line"] = end.line;
      j["end_column"] = end.column;
    }
    for (auto& n : d.notes) {
      nlohmann::json jn{{"message", n.message}};
      if (n.span.valid()) {
        auto lc = n.span.source->line_col(n.span.offset);
        jn["file"] = n.span.source->name();
        jn["line"] = lc.line;
        jn["column"] = lc.column;
      }
      j["notes"].push_back(jn);
    }
    out += j.dump() + "\n";
  }
  return out;
}

}  // namespace jiandu
