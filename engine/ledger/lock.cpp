#include "ledger/lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "base/error.h"

namespace jiandu::ledger {

AuditLock::AuditLock(const std::string& db_path, bool wait) {
  // Keyed by the store's real path, so a symlink to it takes the same lock (a hard link is
  // caught by the audit itself: it re-checks the last run inside its write transaction).
  std::error_code ec;
  auto real = std::filesystem::canonical(db_path, ec);
  std::string path = (ec ? db_path : real.string()) + ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(path + ": cannot open the audit lock: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
    int err = errno;
    char holder[64] = {0};
    ssize_t n = ::pread(fd_, holder, sizeof holder - 1, 0);
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw Error("another audit is running on " + db_path + (n > 0 ? " (" + std::string(holder, size_t(n)) + ")" : "") +
                  "; try again when it ends, or pass --wait");
    throw Error(path + ": cannot take the audit lock: " + std::strerror(err));
  }
  std::string me = "pid " + std::to_string(::getpid());
  if (::ftruncate(fd_, 0) == 0) (void)::pwrite(fd_, me.data(), me.size(), 0);
}

AuditLock::~AuditLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace jiandu::ledger
