#include "base/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/error.h"

namespace jiandu {

namespace fs = std::filesystem;

namespace {

bool sync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  fs::path target(path_);
  if (fs::is_directory(target)) throw Error(path_ + ": is a folder, not a file");
  std::error_code ec;
  if (fs::exists(target, ec) && !fs::is_regular_file(target, ec)) {
    // A device or a pipe (/dev/stdout, a fifo): written straight to, every write checked.
    direct_ = true;
    temp_ = path_;
    out_.open(path_, std::ios::binary);
    if (!out_) throw Error(path_ + ": cannot write (" + std::strerror(errno) + ")");
    return;
  }
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(dir)) throw Error(path_ + ": no such folder " + dir.string());
  temp_ = (dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw Error(path_ + ": cannot write in " + dir.string() + " (" + std::strerror(errno) + ")");
}

AtomicFile::~AtomicFile() {
  if (committed_ || direct_) return;
  out_.close();
  std::error_code ec;
  fs::remove(temp_, ec);
}

void AtomicFile::commit() {
  out_.flush();
  bool ok = bool(out_);
  out_.close();
  ok = ok && bool(out_);
  if (direct_) {
    if (!ok) throw Error(path_ + ": writing failed (" + std::strerror(errno) + ")");
    committed_ = true;
    return;
  }
  if (!ok) throw Error(path_ + ": writing failed (disk full?); the file was not changed");
  if (!sync_path(temp_, O_RDONLY))
    throw Error(path_ + ": could not be synced to disk (" + std::strerror(errno) + "); the file was not changed");
  if (::rename(temp_.c_str(), path_.c_str()) != 0)
    throw Error(path_ + ": could not be put in place (" + std::strerror(errno) + "); the file was not changed");
  committed_ = true;
  fs::path dir = fs::path(path_).parent_path();
  sync_path(dir.empty() ? "." : dir.string(), O_RDONLY | O_DIRECTORY);  // the rename itself, best effort
}

}  // namespace jiandu
