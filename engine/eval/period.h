#pragma once
// Calendar periods (week, month, quarter, half year, year) by index, in local dates.
#include "check/rules.h"
#include "eval/value.h"

namespace jiandu::eval {

int64_t period_index(check::PeriodUnit u, Date d);
// The period's start, end and label; `due` is left to the caller (it needs the calendar).
Period period_at(check::PeriodUnit u, int64_t index);
// Whether `label` names a period of some unit (2026-03, 2026-Q1, 2026-H2, 2026-W09, 2026).
bool is_period_label(std::string_view label);

}  // namespace jiandu::eval
