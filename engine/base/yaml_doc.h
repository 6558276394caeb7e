#pragma once
// Every YAML file jiandu reads (rules, tests, calendars, catalogs, policies, vocabularies)
// is parsed here, so each gets the same refusals, at their line and column:
//  - a syntax error, and nesting past yaml-cpp's depth guard (which it calls "bad file");
//  - a second document after `---` (nobody would read it);
//  - a key written twice in one mapping (yaml-cpp keeps both pairs, so a loader would read
//    the first, the last or both, silently).
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "base/diagnostic.h"

namespace jiandu {

// The document's root (a null node for an empty text), or nullopt after a syntax error or a
// second document, reported under `code`. Keys written twice are reported under `dup_code`
// (with a note at the first) and the root is still returned, so the rest of the file is checked.
std::optional<YAML::Node> parse_yaml(const SourcePtr& src, Diagnostics& d, const Code& code, const Code* dup_code = nullptr);

// A fingerprint of what a document says, not how it is written: comments, spacing, quoting
// style and flow or block form do not change it; a key, value, order or tag does. Over a
// budget of nodes (aliases can repeat a subtree many times) it is the text's instead.
std::string yaml_content_hash(const YAML::Node& root, std::string_view text);

}  // namespace jiandu
