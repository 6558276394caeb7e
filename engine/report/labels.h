#pragma once
// The Chinese names people read for the ids the ledger stores: severities, outcomes, subject
// types, states and the four forms. An id without a name is shown as it is.
#include <array>
#include <string>

#include "ledger/trail.h"

namespace jiandu::report {

std::string severity_label(const std::string& severity);  // 提示 / 低 / 中 / 高 / 严重
std::string outcome_label(const std::string& outcome);
std::string subject_type_label(const std::string& type);  // 单位 / 个人 / 事项
std::string status_text(const std::string& status);       // ledger::status_label, or the id
std::string form_label(int form);                         // 第一种形态 …

// The states in the order the per-unit counts list them, each with its short column name.
inline constexpr std::array kStatusOrder{ledger::Status::assigned,  ledger::Status::reopened,  ledger::Status::in_progress,
                                         ledger::Status::escalated, ledger::Status::rectified, ledger::Status::verified,
                                         ledger::Status::closed,    ledger::Status::waived};
const char* status_column(ledger::Status s);  // 已交办 … 待验收 … 已豁免

}  // namespace jiandu::report
