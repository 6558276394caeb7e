#include "ledger/anchor.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/Statement.h>

#include "base/error.h"
#include "base/timestamp.h"

namespace jiandu::ledger {

namespace {

std::optional<std::pair<int64_t, std::string>> head(Store& store) {
  SQLite::Statement q(store.db(), "SELECT id, hash FROM trail ORDER BY id DESC LIMIT 1");
  if (!q.executeStep()) return std::nullopt;
  return std::pair{q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

// The file's last complete line, or empty: read from its end (the file grows by a line per
// action, and this runs after each).
std::string last_line(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return "";
  std::streamoff size = in.tellg(), from = std::max<std::streamoff>(0, size - 4096);
  in.seekg(from);
  std::string tail(size_t(size - from), '\0');
  in.read(tail.data(), std::streamsize(tail.size()));
  std::istringstream lines(tail);
  std::string line, last;
  bool first = from > 0;  // the first line read may be cut: skip it
  while (std::getline(lines, line)) {
    if (!first && !line.empty()) last = line;
    first = false;
  }
  return last;
}

// Holds an exclusive lock on the anchor file while one writer reads the head and appends it.
class AnchorLock {
 public:
  explicit AnchorLock(const std::string& path) : fd_(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0)
      throw Error("the trail was written, but the anchor file " + path + " cannot be opened: jiandu verify will report the anchor behind");
  }
  ~AnchorLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string anchor_path(Store& store) {
  if (auto set = store.meta("anchor")) return *set;
  // Beside the store's real file: reached through a symlink, it is still the one anchor.
  std::error_code ec;
  auto real = std::filesystem::canonical(store.path(), ec);
  return (ec ? store.path() : real.string()) + ".anchor";
}

void anchor_head(Store& store) {
  std::string path = anchor_path(store);
  // Writers commit in one order and append in another (the web workplace's threads, an
  // audit): under the lock each appends the head as it is now, and only when it is past the
  // file's last line, so the file never goes back.
  AnchorLock lock(path);
  auto h = head(store);
  if (!h) return;
  std::string line = std::to_string(h->first) + " " + h->second;
  std::string last = last_line(path);
  int64_t last_id = 0;
  std::istringstream(last) >> last_id;
  if (last_id >= h->first) return;
  std::string text = line + " " + now_utc() + "\n";
  if (::write(lock.fd(), text.data(), text.size()) != ssize_t(text.size()))
    throw Error("the trail was written, but its head could not be appended to the anchor file " + path +
                ": jiandu verify will report the anchor behind until the next write succeeds");
}

AnchorReport check_anchor(Store& store, const std::string& given) {
  AnchorReport r;
  r.path = given.empty() ? anchor_path(store) : given;
  r.exists = std::filesystem::exists(r.path);
  if (!r.exists) return r;
  if (!std::filesystem::is_regular_file(r.path)) {
    r.problem = r.path + " is not a file";
    return r;
  }
  std::ifstream in(r.path, std::ios::binary);
  std::string line;
  SQLite::Statement q(store.db(), "SELECT hash FROM trail WHERE id = ?");
  auto h = head(store);
  int64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    std::istringstream fields(line);
    int64_t id = 0;
    std::string hash;
    if (!(fields >> id >> hash) || hash.size() != 64) {
      r.problem = "line " + std::to_string(n) + " of " + r.path + " is not an anchored head (id hash)";
      return r;
    }
    ++r.lines;
    if (id < r.last_id) {
      r.problem = "line " + std::to_string(n) + " of " + r.path + " goes back to entry " + std::to_string(id) + ": the file was edited";
      return r;
    }
    r.last_id = id;
    q.reset();
    q.bind(1, id);
    if (!q.executeStep()) {
      r.problem = "the anchor file holds entry " + std::to_string(id) + " (line " + std::to_string(n) + "), but the trail " +
                  (h ? "ends at entry " + std::to_string(h->first) : "is empty") + ": entries were removed";
      return r;
    }
    if (q.getColumn(0).getString() != hash) {
      r.problem = "entry " + std::to_string(id) + " no longer has the hash anchored at line " + std::to_string(n) + " of " + r.path +
                  ": the trail up to it was rewritten";
      return r;
    }
  }
  return r;
}

}  // namespace jiandu::ledger
