#pragma once
// Id → position for the org units and people of a graph: an open-addressed table (linear
// probing, at most half full) whose slots hold each id's hash beside its position, over a
// packed copy of the ids. A run resolves every event's unit and person through it, so it is
// the run's hottest lookup; everything it touches is contiguous and small (for 100,000 people
// about 2 MB), and a probe compares text only when the hashes agree.
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
    slots_.assign(cap, Slot{});
    chars_.clear();
    starts_.assign(1, 0);
    for (size_t i = 0; i < n; ++i) {
      std::string_view id = ids(i);
      chars_.append(id);
      starts_.push_back(uint32_t(chars_.size()));
      uint64_t h = hash(id);
      size_t s = h & (cap - 1);
      while (slots_[s].pos >= 0) s = (s + 1) & (cap - 1);
      slots_[s] = {uint32_t(h >> 32), int32_t(i)};
    }
  }

  // The position of `id`, or -1.
  int find(std::string_view id) const {
    if (slots_.empty()) return -1;
    uint64_t h = hash(id);
    size_t mask = slots_.size() - 1;
    auto tag = uint32_t(h >> 32);
    for (size_t s = h & mask;; s = (s + 1) & mask) {
      const Slot& slot = slots_[s];
      if (slot.pos < 0) return -1;
      if (slot.tag == tag && id_at(size_t(slot.pos)) == id) return slot.pos;
    }
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // the high half of the id's hash (the low bits chose the slot)
    int32_t pos = -1;
  };
  std::string_view id_at(size_t i) const { return std::string_view(chars_).substr(starts_[i], starts_[i + 1] - starts_[i]); }
  static uint64_t hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a, then mixed: ids are short and alike
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    return h ^ (h >> 32);
  }
  std::vector<Slot> slots_;
  std::string chars_;
  std::vector<uint32_t> starts_;  // where each id begins in chars_, and where the last ends
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
