#pragma once
// Id → position for the org units and people of a graph: an open-addressed table of
// positions (linear probing, at most half full), keyed by the ids the graph already holds. A
// run resolves every event's unit and person through it, so it is the run's hottest lookup:
// one hash of the id and, nearly always, one comparison in a small contiguous array.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu::org {

class IdIndex {
 public:
  // `ids(i)` is the id at position i of n (ids are unique).
  template <class IdAt>
  void build(size_t n, IdAt ids) {
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    slots_.assign(cap, -1);
    for (size_t i = 0; i < n; ++i) {
      size_t s = hash(ids(i)) & (cap - 1);
      while (slots_[s] >= 0) s = (s + 1) & (cap - 1);
      slots_[s] = int32_t(i);
    }
  }

  // The position of `id`, or -1; `ids(i)` as in build.
  template <class IdAt>
  int find(std::string_view id, IdAt ids) const {
    if (slots_.empty()) return -1;
    size_t mask = slots_.size() - 1;
    for (size_t s = hash(id) & mask;; s = (s + 1) & mask) {
      int32_t i = slots_[s];
      if (i < 0) return -1;
      if (ids(size_t(i)) == id) return i;
    }
  }

 private:
  static size_t hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a: ids are short
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return size_t(h ^ (h >> 29));
  }
  std::vector<int32_t> slots_;
};

}  // namespace jiandu::org
