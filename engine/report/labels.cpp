#include "report/labels.h"

#include <map>

#include "check/outcome.h"
#include "check/rules.h"

namespace jiandu::report {
namespace {

std::string lookup(const std::map<std::string, std::string>& names, const std::string& id) {
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

}  // namespace

std::string severity_label(const std::string& severity) {
  auto s = check::severity_from(severity);
  return s ? check::severity_label(*s) : severity;
}

std::string outcome_label(const std::string& outcome) {
  auto o = check::outcome_from(outcome);
  return o ? check::label(*o) : outcome;
}

std::string subject_type_label(const std::string& type) {
  static const std::map<std::string, std::string> names{{"org", "单位"}, {"person", "个人"}, {"ref", "事项"}};
  return lookup(names, type);
}

std::string status_text(const std::string& status) {
  auto s = ledger::status_from(status);
  return s ? ledger::status_label(*s) : status;
}

std::string form_label(int form) {
  static const char* names[] = {"第一种形态", "第二种形态", "第三种形态", "第四种形态"};
  return form >= 1 && form <= 4 ? names[form - 1] : "形态" + std::to_string(form);
}

const char* status_column(ledger::Status s) {
  switch (s) {
    case ledger::Status::assigned: return "已交办";
    case ledger::Status::reopened: return "重新交办";
    case ledger::Status::in_progress: return "整改中";
    case ledger::Status::escalated: return "已升级";
    case ledger::Status::rectified: return "待验收";
    case ledger::Status::verified: return "已验收";
    case ledger::Status::closed: return "已销号";
    case ledger::Status::waived: return "已豁免";
  }
  return "?";
}

}  // namespace jiandu::report
