#include "eval/role_events.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "base/vocabulary.h"

namespace jiandu::eval {

std::vector<EventPtr> role_events(const org::OrgGraph& orgs, const Zone& zone, int64_t begin_utc, int64_t end_utc,
                                  const std::string* start_type, const std::string* end_type) {
  std::vector<std::shared_ptr<Event>> out;
  if (!start_type && !end_type) return {};
  int64_t seq = 0;
  auto make = [&](const std::string* type, int person, int org, const std::string& role, Date day, int64_t second_of_day,
                  const char* other_key, std::optional<Date> other) {
    --seq;  // counted for every assignment, made or not: an event's seq does not depend on the span read
    if (!type) return;
    int64_t utc = zone.to_utc(int64_t(day.days) * 86400 + second_of_day);
    if (utc < begin_utc || utc >= end_utc) return;
    auto e = std::make_shared<Event>();
    e->seq = seq;
    e->ts = Timestamp{utc, zone.offset_at(utc)};
    e->date = day;
    e->type_name = type;
    e->org = org;
    e->person = person;
    e->id = *type + ":" + orgs.people()[size_t(person)].id + "@" + orgs.orgs()[size_t(org)].id + ":" + role + ":" + day.str();
    nlohmann::json attrs = {{"role", role}, {"role_title", vocabulary().role(role)}};
    if (other) attrs[other_key] = other->str();
    e->set_attrs(attrs.dump());
    out.push_back(std::move(e));
  };
  for (auto& [where, list] : orgs.assignments())
    for (auto& a : list) {
      make(start_type, a.person, where.first, where.second, a.from, 0, "until", a.to);
      if (a.to)
        make(end_type, a.person, where.first, where.second, *a.to, 86399, "since", a.from);
      else
        --seq;
    }
  // Time order; at one instant, in the order of the records (seq descends with it).
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    if (x->ts.utc != y->ts.utc) return x->ts.utc < y->ts.utc;
    return x->seq > y->seq;
  });
  return {out.begin(), out.end()};
}

}  // namespace jiandu::eval
