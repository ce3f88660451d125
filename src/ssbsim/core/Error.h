#pragma once
// Error types that carry where in the user's input a problem was found.
// InputError -> exit code 2, SolverError -> exit code 3 (see docs/architecture.md).

#include <stdexcept>
#include <string>

namespace ssbsim {

/// A place in an input file. line and column are 1-based; 0 means unknown.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
    std::string keyPath;  ///< dotted path of the YAML key, e.g. "cell.separator.thickness"

    bool known() const { return !file.empty(); }
};

/// Bad input: what was wrong, where, and what was expected. The message reads
///   FILE:LINE:COL: error: KEY: PROBLEM
///      12 |     thickness: -30 um
///         |                ^
class InputError : public std::runtime_error {
  public:
    explicit InputError(const std::string& problem, SourceLocation where = {});

    const std::string& problem() const { return problem_; }
    const SourceLocation& where() const { return where_; }

    /// The same problem placed at a location (used when a lower layer, e.g. the unit parser,
    /// throws without knowing which file it was reading).
    InputError at(SourceLocation where) const { return InputError(problem_, std::move(where)); }

  private:
    std::string problem_;
    SourceLocation where_;
};

/// Numerical failure of a solver; results computed before it are kept by the caller.
class SolverError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The message of an InputError: location header, the offending source line and a caret.
std::string formatInputError(const std::string& problem, const SourceLocation& where);

}  // namespace ssbsim
