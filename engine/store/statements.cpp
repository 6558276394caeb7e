#include "store/statements.h"

namespace jiandu {

Statements::Lease::~Lease() {
  if (!s_) return;
  try {
    s_->reset();
    s_->clearBindings();
  } catch (...) {  // a reset reports the last step's error again: the step already threw it
  }
  *busy_ = false;
}

Statements::Lease Statements::operator()(const std::string& sql) {
  auto [first, last] = slots_.equal_range(sql);
  for (auto it = first; it != last; ++it)
    if (!it->second.busy) {
      it->second.busy = true;
      return Lease(*it->second.statement, it->second.busy);
    }
  auto it = slots_.emplace(sql, Slot{std::make_unique<SQLite::Statement>(db_, sql), true});
  return Lease(*it->second.statement, it->second.busy);
}

}  // namespace jiandu
