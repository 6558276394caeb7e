#pragma once
// The counts of a periodic or chain rule: per subject, per lane (a chain's link; periodic has
// one) and per period, each with the first events behind it as evidence.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eval/kinds/common.h"

namespace jiandu::eval {

struct Tally {
  int64_t n = 0;
  int64_t late = 0;  // of them, counted after the period under `makeup` (补开)
  std::vector<std::string> evidence;
  void add(const Event& e) {
    ++n;
    if (evidence.size() < 20) evidence.push_back(e.id);
  }
  template <class A>
  void state(A& a) {
    a(n);
    a(late);
    a.check(late >= 0 && late <= n, [] { return "a tally's make-up count is out of range"; });
    a.each(evidence, [&](std::string& id) { a(id); });
  }
};

// Tallies by subject (a unit's or a person's graph position), then by (period, lane) in
// order. Events come in time order, so the tally an event counts for is nearly always its
// subject's latest: an array read and one comparison, where a hash table of (subject, period)
// keys cost a hash, a probe and a node per tally (7% of a whole-library check).
class TallyTable {
 public:
  // The tally, made empty if there is none (`subject` is a position: not negative).
  Tally& operator()(int subject, int lane, int64_t period) {
    if (size_t(subject) >= by_subject_.size()) by_subject_.resize(size_t(subject) + 1);
    auto& list = by_subject_[size_t(subject)];
    Key key{period, lane};
    if (!list.empty() && list.back().key == key) return list.back().tally;
    auto it = lower(list, key);
    if (it != list.end() && it->key == key) return it->tally;
    return list.insert(it, Entry{key, {}})->tally;
  }
  const Tally* find(int subject, int lane, int64_t period) const {
    if (subject < 0 || size_t(subject) >= by_subject_.size()) return nullptr;
    auto& list = by_subject_[size_t(subject)];
    Key key{period, lane};
    auto it = lower(list, key);
    return it != list.end() && it->key == key ? &it->tally : nullptr;
  }
  // f(subject, lane, period, tally) for each, by subject, period and lane.
  template <class F>
  void each(F&& f) const {
    for (size_t s = 0; s < by_subject_.size(); ++s)
      for (auto& e : by_subject_[s]) f(int(s), e.key.second, e.key.first, e.tally);
  }

  // The tallies of periods after `through` (the open ones), each after its key:
  // key(subject, lane, period) describes it (writes it, or reads it back).
  template <class A, class KeyIO>
  void state(A& a, int64_t through, KeyIO key) {
    if constexpr (A::loading) {
      for (size_t n = a.count(0); n > 0; --n) {
        int subject = -1, lane = 0;
        int64_t period = 0;
        key(subject, lane, period);
        (*this)(subject, lane, period).state(a);
      }
    } else {
      size_t open = 0;
      each([&](int, int, int64_t period, const Tally&) { open += period > through; });
      a.count(open);
      for (size_t s = 0; s < by_subject_.size(); ++s)
        for (auto& e : by_subject_[s]) {
          if (e.key.first <= through) continue;
          int subject = int(s), lane = e.key.second;
          int64_t period = e.key.first;
          key(subject, lane, period);
          e.tally.state(a);
        }
    }
  }

 private:
  using Key = std::pair<int64_t, int>;  // (period, lane): a subject's entries in this order
  struct Entry {
    Key key;
    Tally tally;
  };
  template <class List>
  static auto lower(List& list, const Key& key) -> decltype(list.begin()) {
    return std::lower_bound(list.begin(), list.end(), key, [](const Entry& e, const Key& k) { return e.key < k; });
  }
  std::vector<std::vector<Entry>> by_subject_;
};

}  // namespace jiandu::eval
