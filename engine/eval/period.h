#pragma once
// Calendar periods (week, month, quarter, half year, year) by index, in local dates.
#include "check/rules.h"
#include "eval/value.h"

namespace jiandu::eval {

int64_t period_index(check::PeriodUnit u, Date d);
// The period's start, end and label; `due` is left to the caller (it needs the calendar).
Period period_at(check::PeriodUnit u, int64_t index);

}  // namespace jiandu::eval
