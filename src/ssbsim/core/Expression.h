#pragma once
// A function of one variable x written as an arithmetic expression in Python syntax
// ("0.13 * (x / 1000) ** 3 - 2.5 * exp(-x)"), the form BPX files use for concentration- and
// stoichiometry-dependent parameters. Parsed and evaluated by muparser
// (https://beltoforion.de/en/muparser/), whose operators follow Python's precedence
// (−2^2 = −4, 2^3^2 = 512) once `**` is written as `^`.

#include <memory>
#include <string>

namespace ssbsim {

class Expression {
  public:
    /// Throws std::invalid_argument with muparser's message when the text is not an expression
    /// of x (unknown function or variable, unbalanced parentheses, ...).
    explicit Expression(const std::string& text);
    ~Expression();
    Expression(Expression&&) noexcept;
    Expression& operator=(Expression&&) noexcept;

    /// Not thread-safe: evaluation writes x into the parser's variable.
    double operator()(double x) const;
    const std::string& text() const { return text_; }

  private:
    struct Parser;
    std::string text_;
    std::unique_ptr<Parser> parser_;
};

}  // namespace ssbsim
