#pragma once
// Periods of a periodic or chain rule: which periods an event can count toward (its own,
// and earlier ones whose due date it is still within), and which have closed as of a date.
#include <map>

#include "eval/kinds/common.h"
#include "eval/period.h"

namespace jiandu::eval {

class Periods {
 public:
  explicit Periods(const check::Rule& r) : rule_(r) {}

  // Period with its due date (end + due), cached.
  const Period& at(int64_t index, const Calendar& cal) const {
    auto it = cache_.find(index);
    if (it != cache_.end()) return it->second;
    Period p = period_at(rule_.every, index);
    // The current period's due date may fall in a year whose calendar is not out yet: that
    // matters only once the period is judged, so the fault is kept until then.
    try {
      p.due = rule_.due ? due_after(p.end, *rule_.due, rule_, cal) : p.end;
    } catch (const CalendarError& e) {
      errors_[index] = e.what();
    }
    return cache_.emplace(index, std::move(p)).first->second;
  }

  // The period, whose due date must be known (throws CalendarError).
  const Period& judged(int64_t index, const Calendar& cal) const {
    const Period& p = at(index, cal);
    if (auto it = errors_.find(index); it != errors_.end()) throw CalendarError(it->second);
    return p;
  }

  // The periods an event on `d` counts toward: [start, end + due] holds d.
  template <class F>
  void containing(Date d, const Calendar& cal, F&& f) const {
    int64_t i = period_index(rule_.every, d);
    f(at(i, cal));
    for (int64_t j = i - 1; j > i - 60; --j) {
      const Period& p = judged(j, cal);
      if (p.due < d) break;
      f(p);
    }
  }

  // The periods closed as of `as_of` after `through`, for a checkpoint to settle: `f` judges
  // each; returns the last one judged. A due date beyond the calendars ends it early: those
  // periods stay open in the checkpoint, and are judged (or fault) when a run finishes.
  template <class F>
  int64_t settle(Date as_of, const Calendar& cal, int64_t through, F&& f) const {
    try {
      closed(as_of, cal, [&](const Period& p) {
        if (p.index <= through) return;
        f(p);
        through = p.index;
      });
    } catch (const CalendarError&) {
    }
    return through;
  }

  // Whether the period lies within the rule's effective dates (whole periods only).
  bool judged_ever(const Period& p) const { return p.start >= rule_.from && (!rule_.to || p.end <= *rule_.to); }

  // Closed periods since the rule took effect: whole periods only, judged the day after
  // their due date (the due date itself is never a lapse).
  template <class F>
  void closed(Date as_of, const Calendar& cal, F&& f) const {
    int64_t first = period_index(rule_.every, rule_.from);
    if (period_at(rule_.every, first).start < rule_.from) ++first;
    int64_t last = period_index(rule_.every, as_of);
    for (int64_t i = first; i <= last; ++i) {
      Period shape = period_at(rule_.every, i);
      if (shape.end >= as_of) break;
      if (rule_.to && shape.end > *rule_.to) break;
      const Period& p = judged(i, cal);
      if (p.due >= as_of) break;
      f(p);
    }
  }

 private:
  const check::Rule& rule_;
  // A memo of what the rule and the calendar decide (a period's dates, or why its due date
  // cannot be known): filling it in while judging changes nothing judged. Each operator is fed
  // and judged by one thread at a time (eval/feeder.h), so it needs no lock.
  mutable std::map<int64_t, Period> cache_;
  mutable std::map<int64_t, std::string> errors_;
};

}  // namespace jiandu::eval
