#pragma once
// Files compiled into the binary (schemas, the default event catalog).
#include <string_view>
#include <vector>

namespace jiandu {

struct EmbeddedFile {
  std::string_view path;  // relative to the source root, e.g. "schemas/store.sql"
  std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_files();

// The text of an embedded file; throws std::out_of_range if it was not embedded.
std::string_view embedded(std::string_view path);

}  // namespace jiandu
