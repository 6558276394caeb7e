#pragma once
// One audit at a time per store: an advisory lock (flock) on DB.lock, released by the
// kernel when the process ends, so a killed audit never leaves a stale lock behind.
#include <string>

namespace jiandu::ledger {

class AuditLock {
 public:
  // Takes the lock; with wait=false throws Error at once when another audit holds it.
  AuditLock(const std::string& db_path, bool wait);
  ~AuditLock();
  AuditLock(const AuditLock&) = delete;
  AuditLock& operator=(const AuditLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace jiandu::ledger
