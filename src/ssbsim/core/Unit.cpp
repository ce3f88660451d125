#include "ssbsim/core/Unit.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <optional>

#include "ssbsim/core/Constants.h"
#include "ssbsim/core/Error.h"

namespace ssbsim {

namespace {

struct Symbol {
    std::string_view name;
    double factor;
    Dimension dimension;
    bool prefixable;
};

using D = Dimension;
const D volt = D::of(2, 1, -3, -1);
const D joule = D::of(2, 1, -2);

// Unit symbols accepted in inputs (docs/input-format.md#units). Factors convert to SI.
const Symbol symbols[] = {
    {"m", 1.0, D::of(1, 0, 0), true},
    {"g", 1e-3, D::of(0, 1, 0), true},
    {"s", 1.0, D::of(0, 0, 1), true},
    {"min", 60.0, D::of(0, 0, 1), false},
    {"h", 3600.0, D::of(0, 0, 1), false},
    {"A", 1.0, D::of(0, 0, 0, 1), true},
    {"K", 1.0, D::of(0, 0, 0, 0, 1), true},
    {"mol", 1.0, D::of(0, 0, 0, 0, 0, 1), true},
    {"V", 1.0, volt, true},
    {"Pa", 1.0, D::of(-1, 1, -2), true},
    {"bar", 1e5, D::of(-1, 1, -2), true},
    {"atm", 101325.0, D::of(-1, 1, -2), false},
    {"psi", 6894.757293168361, D::of(-1, 1, -2), false},
    {"N", 1.0, D::of(1, 1, -2), true},
    {"J", 1.0, joule, true},
    {"W", 1.0, D::of(2, 1, -3), true},
    {"eV", constants::elementaryCharge, joule, true},
    {"C", 1.0, D::of(0, 0, 1, 1), true},
    {"Ah", 3600.0, D::of(0, 0, 1, 1), true},
    {"Wh", 3600.0, joule, true},
    {"S", 1.0, D::of(-2, -1, 3, 2), true},
    {"Ohm", 1.0, D::of(2, 1, -3, -2), true},
    {"ohm", 1.0, D::of(2, 1, -3, -2), true},
    {"\xCE\xA9", 1.0, D::of(2, 1, -3, -2), true},  // Ω
    {"F", 1.0, D::of(-2, -1, 4, 2), true},
    {"Hz", 1.0, D::of(0, 0, -1), true},
    {"L", 1e-3, D::of(3, 0, 0), true},
    {"M", 1e3, D::of(-3, 0, 0, 0, 0, 1), true},  // mol/L
    {"%", 1e-2, D{}, false},
};

struct Prefix {
    std::string_view name;
    double factor;
};
const Prefix prefixes[] = {{"T", 1e12},
                           {"G", 1e9},
                           {"M", 1e6},
                           {"k", 1e3},
                           {"d", 1e-1},
                           {"c", 1e-2},
                           {"m", 1e-3},
                           {"u", 1e-6},
                           {"\xC2\xB5", 1e-6} /* µ micro sign */,
                           {"\xCE\xBC", 1e-6} /* μ */,
                           {"n", 1e-9},
                           {"p", 1e-12},
                           {"f", 1e-15}};

std::optional<Unit> lookupSymbol(std::string_view word) {
    for (const auto& s : symbols)
        if (s.name == word) return Unit{s.factor, 0.0, s.dimension};
    for (const auto& p : prefixes) {
        if (word.size() <= p.name.size() || word.substr(0, p.name.size()) != p.name) continue;
        const std::string_view rest = word.substr(p.name.size());
        for (const auto& s : symbols)
            if (s.prefixable && s.name == rest) return Unit{p.factor * s.factor, 0.0, s.dimension};
    }
    return std::nullopt;
}

Unit power(const Unit& u, int p) {
    return Unit{std::pow(u.factor, p), 0.0, u.dimension.pow(p)};
}
Unit times(const Unit& a, const Unit& b) {
    return Unit{a.factor * b.factor, 0.0, a.dimension * b.dimension};
}

/// Recursive-descent parser for: expr := factor { ('*'|'.'|' '|'/') factor }
///                                factor := ( symbol | '1' | '(' expr ')' ) [ '^' int | digits ]
class UnitParser {
  public:
    explicit UnitParser(std::string_view text) : text_(text) {}

    Unit parse() {
        skipSpaces();
        Unit u = expression();
        skipSpaces();
        if (pos_ != text_.size()) fail(fmt::format("unexpected '{}'", text_.substr(pos_)));
        return u;
    }

  private:
    Unit expression() {
        Unit u = factor();
        for (;;) {
            const size_t before = pos_;
            skipSpaces();
            if (pos_ >= text_.size() || text_[pos_] == ')') return u;
            const char c = text_[pos_];
            if (c == '/') {
                ++pos_;
                skipSpaces();
                u = times(u, power(factor(), -1));
            } else if (c == '*' || c == '.') {
                ++pos_;
                skipSpaces();
                u = times(u, factor());
            } else if (pos_ > before) {  // whitespace separates factors: "ohm cm2"
                u = times(u, factor());
            } else {
                fail(fmt::format("unexpected '{}'", text_.substr(pos_)));
            }
        }
    }

    Unit factor() {
        Unit base;
        if (pos_ < text_.size() && text_[pos_] == '(') {
            ++pos_;
            skipSpaces();
            base = expression();
            skipSpaces();
            if (pos_ >= text_.size() || text_[pos_] != ')') fail("missing ')'");
            ++pos_;
        } else if (pos_ < text_.size() && text_[pos_] == '1') {
            ++pos_;  // the "1" of "1/s"
        } else {
            const size_t start = pos_;
            while (pos_ < text_.size() && isSymbolChar(text_[pos_])) ++pos_;
            const std::string_view word = text_.substr(start, pos_ - start);
            if (word.empty()) fail("expected a unit symbol");
            auto u = lookupSymbol(word);
            if (!u) fail(fmt::format("unknown unit '{}'", word));
            base = *u;
        }
        return power(base, exponent());
    }

    int exponent() {
        bool caret = false;
        if (pos_ < text_.size() && text_[pos_] == '^') {
            caret = true;
            ++pos_;
        } else if (text_.substr(pos_, 2) == "**") {
            caret = true;
            pos_ += 2;
        }
        const size_t start = pos_;
        if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+')) ++pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
        const std::string_view digits = text_.substr(start, pos_ - start);
        if (digits.empty() || digits == "-" || digits == "+") {
            if (caret) fail("expected an integer exponent after '^'");
            pos_ = start;
            return 1;
        }
        return std::stoi(std::string(digits));
    }

    static bool isSymbolChar(char c) {
        const auto u = static_cast<unsigned char>(c);
        return std::isalpha(u) || c == '%' || u >= 0x80;  // UTF-8 bytes of µ, μ, Ω
    }
    void skipSpaces() {
        while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    }
    [[noreturn]] void fail(const std::string& why) const {
        throw InputError(fmt::format("cannot read unit '{}': {}", text_, why));
    }

    std::string_view text_;
    size_t pos_ = 0;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

Unit parseUnit(std::string_view text) {
    text = trim(text);
    if (text.empty() || text == "1" || text == "-") return Unit{};
    // Celsius is affine and therefore only allowed on its own.
    if (text == "degC" ||
        text ==
            "\xC2\xB0"
            "C" ||
        text == "celsius")
        return Unit{1.0, constants::zeroCelsius, D::of(0, 0, 0, 0, 1)};
    return UnitParser(text).parse();
}

}  // namespace ssbsim
