#pragma once
// A file written whole or not at all: the output goes to a temporary file beside the target,
// which is flushed, synced to disk and renamed over the target only when every write
// succeeded. A full disk or a killed command leaves the target as it was (or absent), never
// empty or cut short, and never says "wrote". A target that is a device or a pipe
// (/dev/stdout) is written straight to.
#include <fstream>
#include <string>

namespace jiandu {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);  // throws Error when the folder cannot take the file
  ~AtomicFile();                          // removes the temporary unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // For a writer that takes a path (libxlsxwriter): it writes here, then commit().
  const std::string& temp_path() const { return temp_; }
  // Flushes, syncs and renames; throws Error naming the target when any step failed.
  void commit();

 private:
  std::string path_, temp_;
  std::ofstream out_;
  bool committed_ = false;
  bool direct_ = false;  // the target is a device or a pipe: no temporary
};

}  // namespace jiandu
