#include "ssbsim/core/Error.h"

#include <fmt/format.h>

#include <fstream>

namespace ssbsim {

namespace {

/// Line `number` (1-based) of `file`, or empty if it cannot be read.
std::string sourceLine(const std::string& file, int number) {
    std::ifstream in(file);
    std::string line;
    for (int i = 1; i <= number && std::getline(in, line); ++i) {
        if (i == number) return line;
    }
    return {};
}

}  // namespace

InputError::InputError(const std::string& problem, SourceLocation where)
    : std::runtime_error(formatInputError(problem, where)),
      problem_(problem),
      where_(std::move(where)) {}

std::string formatInputError(const std::string& problem, const SourceLocation& where) {
    std::string out;
    if (where.known() && where.line > 0) {
        out = fmt::format("{}:{}:{}: error: ", where.file, where.line, where.column);
    } else if (where.known()) {
        out = fmt::format("{}: error: ", where.file);
    } else {
        out = "error: ";
    }
    if (!where.keyPath.empty()) out += fmt::format("'{}': ", where.keyPath);
    out += problem;
    if (where.known() && where.line > 0) {
        const std::string text = sourceLine(where.file, where.line);
        if (!text.empty()) {
            out += fmt::format("\n  {:>4} | {}", where.line, text);
            const int caret = where.column > 0 ? where.column - 1 : 0;
            out += fmt::format("\n       | {}^", std::string(static_cast<size_t>(caret), ' '));
        }
    }
    return out;
}

}  // namespace ssbsim
