#include "report/integrity.h"

namespace jiandu::report {

Integrity check_integrity(Store& store) {
  Integrity r{ledger::verify_chain(store.db()), {}};
  r.bad.insert(r.chain.bad.begin(), r.chain.bad.end());
  return r;
}

std::string Integrity::warning() const {
  if (!broken()) return "";
  std::string s = "完整性校验未通过：";
  if (chain.bad.empty())  // the newest entries were removed: nothing left to mark
    return s + "第 " + std::to_string(*chain.first_bad) + " 条起的轨迹记录已被删除";
  s += "第 ";
  const size_t shown = 5;
  for (size_t i = 0; i < chain.bad.size() && i < shown; ++i) s += (i ? "、" : "") + std::to_string(chain.bad[i]);
  s += chain.bad.size() > shown ? " 等条" : " 条";
  s += "轨迹记录被改动或删除";
  if (chain.bad.size() > 1 || chain.bad_alerts.size() > 1)
    s += "（共 " + std::string(chain.bad.size() >= 10000 ? "至少 " : "") + std::to_string(chain.bad.size()) + " 条，涉及 " +
         std::to_string(chain.bad_alerts.size()) + " 个预警）";
  return s;
}

}  // namespace jiandu::report
