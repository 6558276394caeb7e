#pragma once
// Id → position for the org units and people of a graph: an open-addressed table of
// positions (linear probing, at most half full), keyed by the ids the graph already holds.
// Imports, roles and the commands that name a unit or person resolve ids through it; a run
// resolves its events by the numbers they carry (NumberIndex).
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
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

// Number → position (the numbers the store gives units and people, which events carry): an
// array while the numbers are about as many as the positions, as the store gives them; a hash
// map when they are not (a store whose numbers were edited), so that no number sizes memory.
class NumberIndex {
 public:
  void add(int64_t no, int pos) { added_.emplace_back(no, pos); }
  void build() {
    int64_t most = 0;
    bool dense = true;
    for (auto& [no, pos] : added_) {
      if (no < 0 || no > int64_t(4 * added_.size() + 1024)) dense = false;
      most = std::max(most, no);
    }
    if (dense) {
      array_.assign(size_t(most) + 1, -1);
      for (auto& [no, pos] : added_) array_[size_t(no)] = pos;
    } else {
      for (auto& [no, pos] : added_) map_.emplace(no, pos);
    }
    added_.clear();
    added_.shrink_to_fit();
    dense_ = dense;
  }
  // The position of the number, or -1.
  int find(int64_t no) const {
    if (dense_) return no >= 0 && uint64_t(no) < array_.size() ? array_[size_t(no)] : -1;
    auto it = map_.find(no);
    return it == map_.end() ? -1 : it->second;
  }

 private:
  std::vector<std::pair<int64_t, int>> added_;
  std::vector<int32_t> array_;
  std::unordered_map<int64_t, int> map_;
  bool dense_ = true;
};

}  // namespace jiandu::org
