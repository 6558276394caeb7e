#include "eval/attrs.h"

#include <charconv>
#include <limits>

#include <nlohmann/json.hpp>

#include "base/json_limits.h"
#include "base/utf8.h"

namespace jiandu::eval {

std::string Attr::dump() const {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return boolean ? "true" : "false";
    case Kind::integer: return std::to_string(integer);
    case Kind::big_unsigned: return std::to_string(big);
    default: return nlohmann::json::parse(json).dump();  // the written form may not be canonical (1.50, 1E2)
  }
}

Attr& Attrs::add() {
  if (size_ == items_.size()) items_.emplace_back();
  Attr& a = items_[size_++];
  a.kind = Attr::Kind::null;
  return a;
}

const Attr* Attrs::find(std::string_view key) const {
  for (size_t i = 0; i < size_; ++i)
    if (items_[i].key == key) return &items_[i];
  return nullptr;
}

bool Attrs::decode(std::string_view text, std::string& why) {
  size_ = 0;
  if (text.empty()) return true;
  if (decode_simple(text)) return true;
  size_ = 0;
  return decode_json(text, why);
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// The common form only; false (nothing decided) on anything the JSON parser should judge.
bool Attrs::decode_simple(std::string_view s) {
  size_t i = 0, n = s.size();
  auto skip = [&] {
    while (i < n && is_space(s[i])) ++i;
  };
  // A string without escapes or control characters, in valid UTF-8; i is past its quote.
  auto string = [&](std::string& out) {
    size_t start = i;
    while (i < n && s[i] != '"') {
      auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == '\\') return false;
      ++i;
    }
    if (i == n) return false;
    std::string_view body = s.substr(start, i - start);
    if (invalid_utf8_at(body) != std::string_view::npos) return false;
    out.assign(body);
    ++i;
    return true;
  };
  // A number as JSON writes it, within the ranges the parser keeps exactly.
  auto number = [&](Attr& a) {
    size_t start = i;
    if (s[i] == '-') ++i;
    if (i == n || !is_digit(s[i])) return false;
    if (s[i] == '0')
      ++i;
    else
      while (i < n && is_digit(s[i])) ++i;
    bool whole = true;
    if (i < n && s[i] == '.') {
      whole = false;
      if (++i == n || !is_digit(s[i])) return false;
      while (i < n && is_digit(s[i])) ++i;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      whole = false;
      if (++i < n && (s[i] == '+' || s[i] == '-')) ++i;
      if (i == n || !is_digit(s[i])) return false;
      while (i < n && is_digit(s[i])) ++i;
    }
    const char *b = s.data() + start, *e = s.data() + i;
    a.json.assign(b, e);
    if (whole && *b == '-') {
      auto r = std::from_chars(b, e, a.integer);
      if (r.ec != std::errc() || r.ptr != e) return false;  // below int64: the parser reads a decimal
      a.kind = Attr::Kind::integer;
      a.decimal = double(a.integer);
      return true;
    }
    if (whole) {
      auto r = std::from_chars(b, e, a.big);
      if (r.ec != std::errc() || r.ptr != e) return false;  // beyond uint64: likewise
      if (a.big <= uint64_t(std::numeric_limits<int64_t>::max())) {
        a.kind = Attr::Kind::integer;
        a.integer = int64_t(a.big);
      } else {
        a.kind = Attr::Kind::big_unsigned;
      }
      a.decimal = double(a.big);
      return true;
    }
    auto r = std::from_chars(b, e, a.decimal);
    if (r.ec != std::errc() || r.ptr != e) return false;  // out of range: the parser refuses or rounds
    a.kind = Attr::Kind::decimal;
    return true;
  };
  auto word = [&](std::string_view w) {
    if (s.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  };

  skip();
  if (i == n || s[i++] != '{') return false;
  skip();
  if (i < n && s[i] == '}') {
    ++i;
  } else {
    for (;;) {
      if (i == n || s[i++] != '"') return false;
      Attr& a = add();
      if (!string(a.key)) return false;
      for (size_t k = 0; k + 1 < size_; ++k)
        if (items_[k].key == a.key) return false;  // written twice: the parser's rule decides
      skip();
      if (i == n || s[i++] != ':') return false;
      skip();
      if (i == n) return false;
      char c = s[i];
      if (c == '"') {
        size_t start = i++;
        if (!string(a.text)) return false;
        a.kind = Attr::Kind::string;
        a.json.assign(s.substr(start, i - start));
      } else if (c == '-' || is_digit(c)) {
        if (!number(a)) return false;
      } else if (word("true") || word("false")) {
        a.kind = Attr::Kind::boolean;
        a.boolean = c == 't';
      } else if (word("null")) {
        a.kind = Attr::Kind::null;
      } else {
        return false;  // nested values and anything else
      }
      skip();
      if (i == n) return false;
      if (s[i] == '}') {
        ++i;
        break;
      }
      if (s[i++] != ',') return false;
      skip();
    }
  }
  skip();
  return i == n;
}

bool Attrs::decode_json(std::string_view text, std::string& why) {
  auto j = parse_json_bounded(text, why);
  if (j.is_discarded()) return false;
  if (!j.is_object()) {
    why = "not a JSON object";
    return false;
  }
  for (auto& [key, v] : j.items()) {
    Attr& a = add();
    a.key = key;
    a.json = v.dump();
    switch (v.type()) {
      case nlohmann::json::value_t::null: a.kind = Attr::Kind::null; break;
      case nlohmann::json::value_t::boolean:
        a.kind = Attr::Kind::boolean;
        a.boolean = v.get<bool>();
        break;
      case nlohmann::json::value_t::number_integer:
        a.kind = Attr::Kind::integer;
        a.integer = v.get<int64_t>();
        a.decimal = v.get<double>();
        break;
      case nlohmann::json::value_t::number_unsigned:
        a.big = v.get<uint64_t>();
        a.kind = a.big <= uint64_t(std::numeric_limits<int64_t>::max()) ? Attr::Kind::integer : Attr::Kind::big_unsigned;
        a.integer = int64_t(a.big);
        a.decimal = v.get<double>();
        break;
      case nlohmann::json::value_t::number_float:
        a.kind = Attr::Kind::decimal;
        a.decimal = v.get<double>();
        break;
      case nlohmann::json::value_t::string:
        a.kind = Attr::Kind::string;
        a.text = v.get<std::string>();
        break;
      default: a.kind = Attr::Kind::other; break;
    }
  }
  return true;
}

}  // namespace jiandu::eval
