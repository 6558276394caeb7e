// libFuzzer: a file of records imported into a fresh store, as `jiandu import` does. The
// first byte picks the kind of file (orgs, people, roles or events as CSV, events as JSONL).
// Rejections are expected; a crash, a hang or an exception other than jiandu::Error is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/error.h"
#include "store/import.h"
#include "store/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jiandu;
  if (size < 1) return 0;
  static const char* kNames[] = {"orgs.csv", "people.csv", "roles.csv", "events.csv", "events.jsonl"};
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("jiandu-fuzz-import-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  std::string name = kNames[data[0] % 5];
  std::filesystem::path file = dir / name, db = dir / "fuzz.db";
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data + 1), std::streamsize(size - 1));
  }
  for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + ext);
  try {
    auto store = Store::create(db.string());
    // A small organisation first, so that people, roles and events have units to refer to.
    std::filesystem::path orgs = dir / "base-orgs.csv";
    if (!std::filesystem::exists(orgs))
      std::ofstream(orgs) << "id,parent,kind,name\ncity,,city_committee,市委\no1,city,organ,市测试局\no1.b1,o1,party_branch,办公室党支部\n";
    if (name != "orgs.csv") import_files(*store, {orgs.string()});
    import_files(*store, {file.string()});
  } catch (const Error&) {
  }
  return 0;
}
