#pragma once
// "Did you mean ...?" hints for misspelt keys and names.

#include <string>
#include <string_view>
#include <vector>

namespace ssbsim {

/// Candidates within a small edit distance of `query` (case-insensitive), closest first.
std::vector<std::string> closeMatches(std::string_view query,
                                      const std::vector<std::string>& candidates,
                                      size_t maxResults = 3);

}  // namespace ssbsim
