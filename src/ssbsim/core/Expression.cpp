#include "ssbsim/core/Expression.h"

#include <muParser.h>

#include <stdexcept>

namespace ssbsim {

struct Expression::Parser {
    mu::Parser parser;
    double x = 0.0;  ///< the variable muparser reads
};

namespace {

/// Python's power operator in muparser's spelling.
std::string toMuparser(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const bool power = text[i] == '*' && i + 1 < text.size() && text[i + 1] == '*';
        out.push_back(power ? '^' : text[i]);
        if (power) ++i;
    }
    return out;
}

}  // namespace

Expression::Expression(const std::string& text)
    : text_(text), parser_(std::make_unique<Parser>()) {
    try {
        parser_->parser.DefineVar("x", &parser_->x);
        parser_->parser.SetExpr(toMuparser(text));
        parser_->parser.Eval();  // parses now, so a bad expression fails here and not later
    } catch (const mu::Parser::exception_type& e) {
        throw std::invalid_argument(e.GetMsg());
    }
}

Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

double Expression::operator()(double x) const {
    parser_->x = x;
    return parser_->parser.Eval();
}

}  // namespace ssbsim
