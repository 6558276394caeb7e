#pragma once
// Golden files: one case per file, found at start-up and registered as its own Catch test
// (as DuckDB does with its .test files). A case file holds its input, then, after a line
// "# expect:", the expected output with each line prefixed by "# ". A mismatch prints the
// actual output in that form, ready to paste.
#include <functional>
#include <string>

namespace jiandu::test {

// Registers every `*.EXT` under `dir` (relative to the source tree) as a test named
// "PREFIX: file"; `run` maps the case's input text and file name to the actual output.
int register_golden(const std::string& dir, const std::string& ext, const std::string& prefix, const std::string& tags,
                    std::function<std::string(const std::string& input, const std::string& name)> run);

// The case's expected block, or "" when it has none.
std::string expected_of(const std::string& text);

}  // namespace jiandu::test
