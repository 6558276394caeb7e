#pragma once
// A synthetic city of any size, the same for the same seed: org units, people, role
// assignments that change over time, and realistic event streams for every event type the
// rule library reads, with lapses injected at known rates. Written straight into a store.
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "base/calendar.h"
#include "store/store.h"

namespace jiandu::gen {

struct Params {
  int units = 200;  // org units in all, about
  int people = 4000;
  int years = 2;  // whole years, ending with `last_year`
  int last_year = 2026;
  uint64_t seed = 1;
  double lapse_rate = 0.02;  // the chance that an obligation is skipped or late
  int activity = 20;         // everyday events (car use, meals) per person per year
  std::string end = "";      // last day of records (default: 20 November of last_year)
};

struct Summary {
  int64_t orgs = 0, people = 0, roles = 0, events = 0;
  std::map<std::string, int64_t> lapses;  // by kind of lapse: injected on purpose
};

// Fills an empty store; the calendar must cover the years. Progress is reported per year.
Summary generate(Store& store, const Calendar& calendar, const Params& params,
                 const std::function<void(const std::string&)>& progress = {});

}  // namespace jiandu::gen
