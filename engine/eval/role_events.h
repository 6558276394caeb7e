#pragma once
// The role records as events a rule can react to: `role.start` on the first day a person
// holds a role in a unit, `role.end` on the last ("report personal matters within 30 days of
// appointment", "re-assess the post's risks when its holder changes"). They are made from
// the organisation's role records (the org graph), never imported; their types are in the
// catalog with `derived: roles`, so rules name and type-check them like any other.
#include <cstdint>
#include <string>
#include <vector>

#include "base/zone.h"
#include "eval/state.h"
#include "org/org_graph.h"

namespace jiandu::eval {

inline constexpr const char* kRoleStart = "role.start";
inline constexpr const char* kRoleEnd = "role.end";

// The role events with begin_utc <= ts < end_utc, in time order (then by role record), for
// the types given (a null name: that type is not made). A start is dated the first day held,
// at 00:00; an end the last day held, at 23:59:59 (local). Their ids say what they stand for
// (role.start:p012@fgw.pg:party_group_member:2025-07-01), their attrs the role, its name
// (role_title) and the other end of the assignment (until, since); their seq is negative, unique,
// below every stored event's, so no rule mistakes one for another.
std::vector<EventPtr> role_events(const org::OrgGraph& orgs, const Zone& zone, int64_t begin_utc, int64_t end_utc,
                                  const std::string* start_type, const std::string* end_type);

}  // namespace jiandu::eval
