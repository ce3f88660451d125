#include "ssbsim/core/Suggest.h"

#include <algorithm>
#include <cctype>

namespace ssbsim {

namespace {

/// Levenshtein distance on lower-cased text.
size_t editDistance(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            const size_t substitution = diagonal + (lower(a[i - 1]) != lower(b[j - 1]) ? 1 : 0);
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::vector<std::string> closeMatches(std::string_view query,
                                      const std::vector<std::string>& candidates,
                                      size_t maxResults) {
    const size_t limit = std::max<size_t>(2, query.size() / 3);
    std::vector<std::pair<size_t, std::string>> scored;
    for (const auto& c : candidates) {
        const size_t d = editDistance(query, c);
        if (d <= limit) scored.emplace_back(d, c);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && i < maxResults; ++i) out.push_back(scored[i].second);
    return out;
}

}  // namespace ssbsim
