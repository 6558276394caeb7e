#pragma once
// An enumeration's names — and, where people read them, its Chinese labels — written once, as
// a table in the order of the enumerators. A value's name, a name's value and the list of
// every name all come from the one table, so the directions cannot disagree; a table out of
// order (or with a row missing in the middle) does not compile: static_assert(in_order(t)).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu {

template <class E>
struct Named {
  E value;
  const char* name;        // as stored and written in files
  const char* label = "";  // 中文, where people read it
};

// Row i holds the enumerator whose value is i.
template <class E, size_t N>
constexpr bool in_order(const Named<E> (&table)[N]) {
  for (size_t i = 0; i < N; ++i)
    if (static_cast<size_t>(table[i].value) != i) return false;
  return true;
}

template <class E, size_t N>
constexpr const char* name_of(const Named<E> (&table)[N], E v) {
  auto i = static_cast<size_t>(v);
  return i < N ? table[i].name : "?";
}

template <class E, size_t N>
constexpr const char* label_of(const Named<E> (&table)[N], E v) {
  auto i = static_cast<size_t>(v);
  return i < N ? table[i].label : "?";
}

template <class E, size_t N>
constexpr std::optional<E> value_of(const Named<E> (&table)[N], std::string_view name) {
  for (auto& row : table)
    if (name == row.name) return row.value;
  return std::nullopt;
}

// Every name, in order (for "did you mean" and for option checks).
template <class E, size_t N>
std::vector<std::string> names_of(const Named<E> (&table)[N]) {
  std::vector<std::string> out;
  for (auto& row : table) out.push_back(row.name);
  return out;
}

}  // namespace jiandu
