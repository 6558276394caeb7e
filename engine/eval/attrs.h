#pragma once
// An event's attributes, decoded once into typed entries: what predicates, keys and durations
// read, without a JSON tree per event. The store keeps attrs as a flat JSON object; a decoder
// reads the common form (keys and scalars, strings without escapes) directly and hands
// anything else — escapes, nested values, odd numbers, bad text — to nlohmann::json, so that
// what a record means, and which records are refused, is exactly what the JSON parser says.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu::eval {

struct Attr {
  enum class Kind : uint8_t {
    null,
    boolean,
    integer,       // within int64
    big_unsigned,  // a whole number above int64's range (import refuses it; an old store may hold one)
    decimal,
    string,
    other,  // an array or an object
  };
  std::string key;
  Kind kind = Kind::null;
  bool boolean = false;
  int64_t integer = 0;
  uint64_t big = 0;
  double decimal = 0;  // also set for integer and big_unsigned: a number read as a decimal
  std::string text;    // the string (kind string)
  std::string json;    // the value as written in the record (for dump)

  bool is_number() const { return kind == Kind::integer || kind == Kind::big_unsigned || kind == Kind::decimal; }
  bool is_whole() const { return kind == Kind::integer || kind == Kind::big_unsigned; }
  // The value as JSON in canonical form (nlohmann's dump), for messages and keys.
  std::string dump() const;
};

class Attrs {
 public:
  // Decodes a JSON object's text (empty text: no attributes). On text that is not a flat
  // enough JSON object, returns false with `why` set; the entries are then empty.
  bool decode(std::string_view text, std::string& why);
  const Attr* find(std::string_view key) const;
  size_t size() const { return size_; }

 private:
  bool decode_simple(std::string_view text);
  bool decode_json(std::string_view text, std::string& why);
  Attr& add();
  // Entries are reused from one event to the next: their strings keep their capacity.
  std::vector<Attr> items_;
  size_t size_ = 0;
};

}  // namespace jiandu::eval
