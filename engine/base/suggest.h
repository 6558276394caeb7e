#pragma once
// "Did you mean …": the closest candidate by edit distance, if close enough to be a typo.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu {

size_t edit_distance(std::string_view a, std::string_view b);
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);
// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace jiandu
