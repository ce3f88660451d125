#include "ssbsim/solver/Experiment.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <span>
#include <utility>

#include "ssbsim/core/Error.h"
#include "ssbsim/core/Quantity.h"
#include "ssbsim/core/Suggest.h"
#include "ssbsim/core/Unit.h"

namespace ssbsim::solver {

namespace {

// A guard against typos such as "* 1000000": every repetition is stored as its own steps.
constexpr long maxRepeat = 100000;

// ---------------------------------------------------------------------------------------------
// Text helpers

bool isSpace(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

/// Where `part`, a view into `whole`, starts in it (0-based).
size_t offsetIn(std::string_view whole, std::string_view part) {
    return static_cast<size_t>(part.data() - whole.data());
}

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

/// A step copied from Python keeps its quotes: ("Rest for 1 hour", ...). They are dropped.
std::string_view unquote(std::string_view s) {
    s = trim(s);
    if (s.size() >= 2 && s.front() == s.back() && (s.front() == '"' || s.front() == '\''))
        return trim(s.substr(1, s.size() - 2));
    return s;
}

struct NumberAndUnit {
    double value;
    std::string_view unit;  ///< trimmed; empty for a bare number
};

/// Splits "0.5 mA/cm2" into 0.5 and "mA/cm2" (core/Quantity's leadingNumber); nullopt when the
/// text starts with no number.
std::optional<NumberAndUnit> splitNumber(std::string_view text) {
    const auto number = leadingNumber(trim(text));
    if (!number) return std::nullopt;
    return NumberAndUnit{number->first, trim(number->second)};
}

/// `text` holding exactly one number and nothing else.
std::optional<double> plainNumber(std::string_view text) {
    const auto n = splitNumber(text);
    if (!n || !n->unit.empty()) return std::nullopt;
    return n->value;
}

/// A C-rate: "1C", "0.5C", "2 C" or "C/2". The unit table reads "C" as coulomb, so C-rates are
/// recognised here, before any unit is looked up.
std::optional<double> parseCRate(std::string_view text) {
    text = trim(text);
    if (text.size() >= 2 && text.front() == 'C') {
        const std::string_view rest = trim(text.substr(1));
        if (rest.empty() || rest.front() != '/') return std::nullopt;
        const auto denominator = plainNumber(rest.substr(1));
        if (!denominator) return std::nullopt;
        return 1.0 / *denominator;  // C/0 gives inf, rejected with the other non-positive rates
    }
    if (text.size() >= 2 && text.back() == 'C') return plainNumber(text.substr(0, text.size() - 1));
    return std::nullopt;
}

/// Which of `units` (compared by dimension) the quantity `n` has, and its value in SI.
/// Throws InputError with a short reason ("a mass", "cannot read unit ...") when none fits.
std::pair<size_t, double> measure(const NumberAndUnit& n, std::span<const std::string_view> units) {
    if (n.unit.empty()) throw InputError("a number needs a unit");
    const Unit unit = parseUnit(n.unit);
    for (size_t i = 0; i < units.size(); ++i) {
        if (parseUnit(units[i]).dimension == unit.dimension)
            return {i, convertToSI(n.value, n.unit, units[i])};
    }
    const std::string name = unit.dimension.name();
    throw InputError(name.empty()
                         ? fmt::format("unit '{}' is {}", n.unit, unit.dimension.siString())
                         : fmt::format("a {}", name));
}

/// English time words that PyBaMM accepts, as symbols core/Unit knows ("s", "min", "h"); the
/// conversion itself stays in core/Unit. A day is 24 h.
struct TimeWord {
    std::string_view word;
    double multiple;
    std::string_view symbol;
};
constexpr TimeWord timeWords[] = {{"second", 1, "s"}, {"seconds", 1, "s"},  {"sec", 1, "s"},
                                  {"secs", 1, "s"},   {"minute", 1, "min"}, {"minutes", 1, "min"},
                                  {"mins", 1, "min"}, {"hour", 1, "h"},     {"hours", 1, "h"},
                                  {"hr", 1, "h"},     {"hrs", 1, "h"},      {"day", 24, "h"},
                                  {"days", 24, "h"}};

/// "30 minutes" as "30 min", "1 day" as "24 h"; anything else unchanged.
NumberAndUnit spellTime(NumberAndUnit n) {
    for (const auto& t : timeWords)
        if (equalsNoCase(n.unit, t.word)) return {n.value * t.multiple, t.symbol};
    return n;
}

// ---------------------------------------------------------------------------------------------
// One step

/// A word of a step with its place. '(' opening a word and unmatched ')' closing one are words
/// of their own, so that "(1 minute period)" reads as ( 1 minute period ) while a unit such as
/// "mW/(cm^2)" stays whole.
struct Token {
    std::string_view text;
    size_t offset;
};

void splitWord(std::string_view text, size_t begin, size_t end, std::vector<Token>& out) {
    const size_t opens = static_cast<size_t>(std::count(&text[begin], &text[end], '('));
    size_t closes = static_cast<size_t>(std::count(&text[begin], &text[end], ')'));
    size_t unmatched = 0;  // opening brackets split off so far
    for (; begin < end && text[begin] == '('; ++begin, ++unmatched)
        out.push_back({text.substr(begin, 1), begin});
    const size_t kept = opens - unmatched;
    size_t closers = 0;
    for (; end > begin && text[end - 1] == ')' && closes > kept; --end, --closes) ++closers;
    if (end > begin) out.push_back({text.substr(begin, end - begin), begin});
    for (size_t i = 0; i < closers; ++i) out.push_back({text.substr(end + i, 1), end + i});
}

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> out;
    size_t i = 0;
    while (i < text.size()) {
        if (isSpace(text[i])) {
            ++i;
            continue;
        }
        const size_t begin = i;
        while (i < text.size() && !isSpace(text[i])) ++i;
        splitWord(text, begin, i, out);
    }
    return out;
}

/// Words between keywords, e.g. "0.5 mA/cm2" in "Charge at 0.5 mA/cm2 until 4.3 V".
struct Phrase {
    std::string_view text;
    size_t offset;
};

enum class Verb { Discharge, Charge, Hold, Rest, Run };

constexpr std::array<std::pair<std::string_view, Verb>, 5> verbs{{{"Discharge", Verb::Discharge},
                                                                  {"Charge", Verb::Charge},
                                                                  {"Hold", Verb::Hold},
                                                                  {"Rest", Verb::Rest},
                                                                  {"Run", Verb::Run}}};

constexpr std::string_view keywords[] = {"at", "for", "until", "or"};

constexpr std::string_view rateUnits[] = {"A", "A/m^2", "V", "W", "W/m^2", "ohm", "ohm*m^2"};
constexpr Amount rateAmounts[] = {Amount::Current,       Amount::CurrentDensity, Amount::Voltage,
                                  Amount::Power,         Amount::PowerDensity,   Amount::Resistance,
                                  Amount::AreaResistance};
constexpr std::string_view limitUnits[] = {"V", "A", "A/m^2"};
constexpr Limit::Kind limitKinds[] = {Limit::Kind::Voltage, Limit::Kind::Current,
                                      Limit::Kind::CurrentDensity};

/// Recursive-descent reader of
///   step    := verb [ "at" rate ] [ ending { "or" ending } ] [ "(" duration "period" ")" ]
///   ending  := "for" duration | "until" limit
/// followed by the checks that make the step well defined (docs/experiments.md#validation).
class StepParser {
  public:
    explicit StepParser(std::string_view text) : text_(trim(text)), tokens_(tokenize(text_)) {}

    Step parse() {
        step_ = Step{};
        step_.text = std::string(text_);
        const Verb verb = readVerb();
        if (verb == Verb::Rest) {
            readRest();
        } else if (verb == Verb::Run) {
            readDriveCycleFile();
        } else {
            readRate(verb);
        }
        readEndings();
        readPeriod();
        expectEnd();
        checkStepEnds();
        return step_;
    }

  private:
    // ----- token access

    bool atEnd() const { return pos_ >= tokens_.size(); }
    bool at(std::string_view word) const {
        return !atEnd() && equalsNoCase(tokens_[pos_].text, word);
    }
    bool atKeywordOrParen() const {
        if (at("(") || at(")")) return true;
        for (const auto k : keywords)
            if (at(k)) return true;
        return false;
    }
    size_t here() const { return atEnd() ? text_.size() : tokens_[pos_].offset; }
    std::string found() const {
        return atEnd() ? ", found the end of the step"
                       : fmt::format(", found \"{}\"", tokens_[pos_].text);
    }
    static std::string found(const Phrase& p, std::string_view why = {}) {
        return fmt::format(", found \"{}\"{}", p.text,
                           why.empty() ? "" : fmt::format(" ({})", why));
    }

    /// The words up to the next keyword or parenthesis (may be empty).
    Phrase readPhrase() {
        const size_t begin = here();
        size_t end = begin;
        for (; !atEnd() && !atKeywordOrParen(); ++pos_)
            end = tokens_[pos_].offset + tokens_[pos_].text.size();
        return {text_.substr(begin, end - begin), begin};
    }

    /// Message: cannot read step "TEXT": EXPECTED at column N[DETAIL]
    [[noreturn]] void fail(size_t offset, std::string_view expected,
                           std::string_view detail) const {
        throw InputError(fmt::format("cannot read step \"{}\": {} at column {}{}", text_, expected,
                                     offset + 1, detail));
    }

    // ----- grammar

    Verb readVerb() {
        for (const auto& [name, verb] : verbs) {
            if (at(name)) {
                verbName_ = name;
                ++pos_;
                return verb;
            }
        }
        std::string detail = found();
        if (!atEnd()) {
            std::vector<std::string> names;
            for (const auto& v : verbs) names.emplace_back(v.first);
            const auto close = closeMatches(tokens_[pos_].text, names, 1);
            if (!close.empty()) detail += fmt::format(" (did you mean \"{}\"?)", close.front());
        }
        fail(here(), "expected Discharge, Charge, Hold, Rest or Run", detail);
    }

    /// "Run <file>": the load comes from the file (loadDriveCycles), which also decides the
    /// control; until then the step holds the path.
    void readDriveCycleFile() {
        const Phrase p = readPhrase();
        if (p.text.empty())
            fail(here(), "expected a drive-cycle file after Run (e.g. \"Run us06.csv\")", found());
        const std::string_view rest = text_.substr(here());
        if (!rest.empty() && rest.front() == '(' && rest.find("period") == std::string_view::npos)
            fail(here(),
                 "expected the end of the step after the drive-cycle file (PyBaMM's named cycles, "
                 "\"Run US06 (A)\", are not bundled: give the data as a CSV file)",
                 found());
        step_.driveCycleFile = std::string(p.text);
        step_.control = Control::Current;
        step_.amount = Amount::None;
        step_.value = 0.0;
    }

    void readRest() {
        step_.control = Control::Rest;
        step_.amount = Amount::None;
        step_.value = 0.0;
        if (at("at"))
            fail(here(), "a Rest step takes no rate: expected \"for\" or \"until\"", found());
    }

    void readRate(Verb verb) {
        if (!at("at"))
            fail(here(), fmt::format("expected \"at\" and a rate after {}", verbName_), found());
        ++pos_;
        const Phrase p = readPhrase();
        const auto [amount, magnitude] = parseRate(p);
        if (verb == Verb::Hold && amount != Amount::Voltage)
            fail(p.offset, "a Hold step holds a voltage: expected a voltage (e.g. \"4.2 V\")",
                 found(p));
        step_.amount = amount;
        step_.control = controlOf(amount);
        // Voltage is a level, not a direction; currents, powers and resistances carry the sign
        // of the verb.
        const double sign = (amount == Amount::Voltage || verb == Verb::Discharge) ? 1.0 : -1.0;
        step_.value = sign * magnitude;
    }

    std::pair<Amount, double> parseRate(const Phrase& p) const {
        constexpr std::string_view expected =
            "expected a C-rate, current, current density, voltage, power or resistance after "
            "\"at\" (e.g. 1C, C/2, 2 mA, 0.5 mA/cm2, 4.2 V, 10 W, 4 Ohm)";
        std::pair<Amount, double> rate;
        if (const auto c = parseCRate(p.text)) {
            rate = {Amount::CRate, *c};
        } else {
            const auto [index, value] =
                measureOrFail(numberOrFail(p, expected), p, rateUnits, expected);
            rate = {rateAmounts[index], value};
        }
        const bool positive = rate.second > 0 && std::isfinite(rate.second);
        if (rate.first != Amount::Voltage && !positive)
            fail(p.offset,
                 "expected a rate > 0 (the direction comes from the verb: Discharge or Charge)",
                 found(p));
        return rate;
    }

    /// The number at the start of `p`, or an error saying what was `expected` there.
    NumberAndUnit numberOrFail(const Phrase& p, std::string_view expected) const {
        if (p.text.empty()) fail(p.offset, expected, found());
        const auto n = splitNumber(p.text);
        if (!n) fail(p.offset, expected, found(p, "not a number"));
        return *n;
    }

    /// measure() of `n`, read from `p`, with its failure reported at `p`.
    std::pair<size_t, double> measureOrFail(const NumberAndUnit& n, const Phrase& p,
                                            std::span<const std::string_view> units,
                                            std::string_view expected) const {
        try {
            return measure(n, units);
        } catch (const InputError& e) {
            fail(p.offset, expected, found(p, e.problem()));
        }
    }

    void readEndings() {
        if (!at("for") && !at("until")) return;
        readEnding();
        while (at("or")) {
            ++pos_;
            if (!at("for") && !at("until"))
                fail(here(), "expected \"for\" or \"until\" after \"or\"", found());
            readEnding();
        }
    }

    void readEnding() {
        const size_t keyword = here();
        const bool isFor = at("for");
        ++pos_;
        const Phrase p = readPhrase();
        if (!isFor) {
            step_.until.push_back(parseLimit(p));
            return;
        }
        if (step_.duration)
            fail(keyword, "expected \"until\" (a step has one duration)", ", found \"for\"");
        step_.duration = parseDuration(p);
    }

    double parseDuration(const Phrase& p) const {
        constexpr std::string_view expected =
            "expected a duration (e.g. \"30 minutes\", \"1 hour\", \"90 s\")";
        constexpr std::string_view seconds[] = {"s"};
        const NumberAndUnit n = spellTime(numberOrFail(p, expected));
        const double value = measureOrFail(n, p, seconds, expected).second;
        if (!(value > 0)) fail(p.offset, "expected a duration > 0", found(p));
        return value;
    }

    Limit parseLimit(const Phrase& p) const {
        constexpr std::string_view expected =
            "expected a limit after \"until\": a voltage, C-rate, current or current density "
            "(e.g. 4.2 V, C/50, 50 mA, 0.05 mA/cm2)";
        Limit limit{Limit::Kind::CRate, 0.0};
        if (const auto c = parseCRate(p.text)) {
            limit.value = *c;
        } else {
            const auto [index, value] =
                measureOrFail(numberOrFail(p, expected), p, limitUnits, expected);
            limit = {limitKinds[index], value};
        }
        const bool positive = limit.value > 0 && std::isfinite(limit.value);
        if (limit.kind != Limit::Kind::Voltage && !positive)
            fail(p.offset, "expected a current limit > 0 (the step ends when |I| falls below it)",
                 found(p));
        checkLimitFits(limit, p);
        return limit;
    }

    /// A limit the step's own control would make meaningless: a held voltage, a constant current,
    /// the zero current of a rest. A drive cycle's control is known once its file is read
    /// (loadDriveCycles checks it there).
    void checkLimitFits(const Limit& limit, const Phrase& p) const {
        if (!step_.driveCycleFile.empty()) return;
        const bool onVoltage = limit.kind == Limit::Kind::Voltage;
        if (onVoltage && step_.control == Control::Voltage)
            fail(p.offset,
                 "a voltage step cannot end on a voltage (the voltage is held): expected a C-rate, "
                 "current or current density",
                 found(p));
        if (!onVoltage && step_.control == Control::Current)
            fail(p.offset,
                 "a constant-current step cannot end on a current (the current does not change): "
                 "expected a voltage",
                 found(p));
        if (!onVoltage && step_.control == Control::Rest)
            fail(p.offset,
                 "a Rest step cannot end on a current (the current is zero): expected a voltage",
                 found(p));
    }

    void readPeriod() {
        if (!at("(")) return;
        const size_t open = here();
        ++pos_;
        constexpr std::string_view expected =
            "expected an output period \"(<duration> period)\", e.g. \"(1 minute period)\"";
        Phrase p = readPhrase();
        if (!at(")")) fail(here(), expected, found());
        const size_t cut = p.text.find_last_of(' ');
        const std::string_view last =
            cut == std::string_view::npos ? p.text : p.text.substr(cut + 1);
        if (!equalsNoCase(last, "period") || cut == std::string_view::npos)
            fail(open, expected, found(Phrase{text_.substr(open, here() + 1 - open), open}));
        ++pos_;
        step_.period = parseDuration(Phrase{trim(p.text.substr(0, cut)), p.offset});
    }

    /// What may still follow at the end decides the message, so that it lists only real options.
    void expectEnd() const {
        if (atEnd()) return;
        std::string_view expected =
            "expected \"for\", \"until\", \"(<duration> period)\" or the end of the step";
        if (step_.duration || !step_.until.empty())
            expected = "expected \"or\", \"(<duration> period)\" or the end of the step";
        if (step_.period) expected = "expected the end of the step (the output period comes last)";
        fail(here(), expected, found());
    }

    /// Every step needs a way to end; the message says which endings fit its control.
    void checkStepEnds() const {
        if (step_.duration || !step_.until.empty() || !step_.driveCycleFile.empty()) return;
        std::string_view why;
        switch (step_.control) {
            case Control::Rest:
                why = "a Rest step must end: expected \"for <duration>\" or \"until <voltage>\"";
                break;
            case Control::Current:
                why =
                    "a constant-current step never ends on its own: expected \"for <duration>\" or "
                    "\"until <voltage>\"";
                break;
            case Control::Voltage:
                why =
                    "a voltage step never ends on its own: expected \"for <duration>\" or \"until "
                    "<current>\"";
                break;
            case Control::Power:
                why =
                    "a power step never ends on its own: expected \"for <duration>\" or \"until "
                    "<limit>\"";
                break;
            case Control::Resistance:
                why =
                    "a resistance step never ends on its own: expected \"for <duration>\" or "
                    "\"until <limit>\"";
                break;
        }
        fail(text_.size(), why, found());
    }

    std::string_view text_;
    std::vector<Token> tokens_;
    size_t pos_ = 0;
    std::string_view verbName_;
    Step step_{};
};

// ---------------------------------------------------------------------------------------------
// Cycles

/// Steps of one cycle and how many times it runs.
struct Cycle {
    std::vector<Step> steps;
    long repeat = 1;
};

void append(const Cycle& cycle, Experiment& out) {
    for (long r = 0; r < cycle.repeat; ++r) {
        out.cycleStart.push_back(out.steps.size());
        out.steps.insert(out.steps.end(), cycle.steps.begin(), cycle.steps.end());
    }
}

/// A repeat count: a whole number in [1, maxRepeat]; nullopt otherwise.
std::optional<long> parseRepeat(std::string_view text) {
    const auto n = plainNumber(text);
    if (!n || *n != std::floor(*n) || *n < 1 || *n > static_cast<double>(maxRepeat))
        return std::nullopt;
    return static_cast<long>(*n);
}

constexpr std::string_view repeatExpected =
    "expected a whole number of repetitions from 1 to 100000";

/// Message: cannot read cycle "TEXT": EXPECTED at column N[DETAIL]
[[noreturn]] void failCycle(std::string_view item, size_t offset, std::string_view expected,
                            std::string_view detail) {
    throw InputError(fmt::format("cannot read cycle \"{}\": {} at column {}{}", item, expected,
                                 offset + 1, detail));
}

char closerOf(char opener) {
    return opener == '[' ? ']' : ')';
}

/// Index of the bracket that closes item[0]; brackets inside (output periods) must balance.
size_t matchingBracket(std::string_view item) {
    std::vector<size_t> open;
    for (size_t i = 0; i < item.size(); ++i) {
        const char c = item[i];
        if (c == '[' || c == '(') open.push_back(i);
        if (c != ']' && c != ')') continue;
        if (open.empty())
            failCycle(item, i, "expected \"*\" or the end", fmt::format(", found '{}'", c));
        const char want = closerOf(item[open.back()]);
        if (c != want)
            failCycle(item, i,
                      fmt::format("expected '{}' to close the '{}' of column {}", want,
                                  item[open.back()], open.back() + 1),
                      fmt::format(", found '{}'", c));
        open.pop_back();
        if (open.empty()) return i;
    }
    failCycle(item, item.size(),
              fmt::format("expected '{}' to close the '{}' of column {}",
                          closerOf(item[open.back()]), item[open.back()], open.back() + 1),
              ", found the end of the text");
}

/// The "* N" after a cycle's closing bracket (absent: once).
long readRepeatSuffix(std::string_view item, size_t from) {
    const std::string_view rest = trim(item.substr(from));
    if (rest.empty()) return 1;
    if (rest.front() != '*')
        failCycle(item, offsetIn(item, rest),
                  "expected \"* N\" (N repetitions) or the end of the cycle",
                  fmt::format(", found \"{}\"", rest));
    const std::string_view count = trim(rest.substr(1));
    const auto repeat = parseRepeat(count);
    if (!repeat)
        failCycle(
            item, count.empty() ? item.size() : offsetIn(item, count), repeatExpected,
            count.empty() ? ", found the end of the text" : fmt::format(", found \"{}\"", count));
    return *repeat;
}

/// The comma-separated parts of a cycle's body, each trimmed; commas inside brackets are kept.
std::vector<std::string_view> splitSteps(std::string_view body) {
    std::vector<std::string_view> parts;
    int depth = 0;
    size_t begin = 0;
    for (size_t i = 0; i <= body.size(); ++i) {
        const char c = i < body.size() ? body[i] : ',';
        if (c == '[' || c == '(') ++depth;
        if (c == ']' || c == ')') --depth;
        if (c != ',' || depth != 0) continue;
        parts.push_back(trim(body.substr(begin, i - begin)));
        begin = i + 1;
    }
    // A trailing comma is allowed, as in a Python tuple: ("Rest for 1 hour",) * 3
    if (parts.size() > 1 && parts.back().empty()) parts.pop_back();
    return parts;
}

/// "[step, step, ...] * N" or "(step, ...) * N".
Cycle parseCycle(std::string_view item) {
    const size_t close = matchingBracket(item);
    Cycle cycle;
    cycle.repeat = readRepeatSuffix(item, close + 1);
    for (const std::string_view part : splitSteps(item.substr(1, close - 1))) {
        const size_t offset = offsetIn(item, part);
        if (part.empty()) failCycle(item, offset, "expected a step", ", found nothing");
        if (part.front() == '[' || part.front() == '(')
            failCycle(item, offset, "expected a step (cycles cannot be nested)",
                      fmt::format(", found '{}'", part.front()));
        cycle.steps.push_back(parseStep(unquote(part)));
    }
    return cycle;
}

/// One item: a cycle expression, or a bare step that is a cycle of its own.
Cycle parseItem(std::string_view text) {
    const std::string_view item = trim(text);
    if (!item.empty() && (item.front() == '[' || item.front() == '(')) return parseCycle(item);
    const std::string_view step = unquote(item);
    if (const size_t comma = step.find(','); comma != std::string_view::npos)
        throw InputError(fmt::format(
            "cannot read step \"{}\": expected one step; write several as a cycle \"[step, step, "
            "...] * N\" at column {}, found ','",
            step, comma + 1));
    return Cycle{{parseStep(step)}, 1};
}

// ---------------------------------------------------------------------------------------------
// YAML

Step readYamlStep(const io::ConfigNode& node) {
    try {
        return parseStep(node.asString());
    } catch (const InputError& e) {
        throw e.at(node.location());
    }
}

/// {cycle: [step, ...], repeat: N}
Cycle readYamlCycle(const io::ConfigNode& node) {
    node.expectKeys({"cycle", "repeat"});
    const io::ConfigNode steps = node["cycle"];
    Cycle cycle;
    for (const auto& step : steps.items()) cycle.steps.push_back(readYamlStep(step));
    if (cycle.steps.empty()) steps.fail("expected at least one step in the cycle");
    if (const auto repeat = node.find("repeat")) {
        const auto n = parseRepeat(repeat->asString());
        if (!n) repeat->fail(fmt::format("{}, got \"{}\"", repeatExpected, repeat->asString()));
        cycle.repeat = *n;
    }
    return cycle;
}

Cycle readYamlItem(const io::ConfigNode& node) {
    if (node.isMap()) return readYamlCycle(node);
    if (!node.isScalar())
        node.fail("expected a step (text) or a cycle {cycle: [step, ...], repeat: N}");
    try {
        return parseItem(node.asString());
    } catch (const InputError& e) {
        throw e.at(node.location());
    }
}

}  // namespace

Control controlOf(Amount amount) {
    switch (amount) {
        case Amount::Voltage:
            return Control::Voltage;
        case Amount::Power:
        case Amount::PowerDensity:
            return Control::Power;
        case Amount::Resistance:
        case Amount::AreaResistance:
            return Control::Resistance;
        case Amount::None:
            return Control::Rest;
        default:
            return Control::Current;
    }
}

std::pair<Amount, double> rateOfUnit(std::string_view unit) {
    const auto [index, value] = measure(NumberAndUnit{1.0, trim(unit)}, rateUnits);
    return {rateAmounts[index], value};
}

Step parseStep(std::string_view text) {
    return StepParser(text).parse();
}

Experiment parseExperiment(const std::vector<std::string>& items) {
    Experiment out;
    for (const auto& item : items) append(parseItem(item), out);
    if (out.steps.empty()) throw InputError("the experiment has no steps: expected at least one");
    return out;
}

Experiment readExperiment(const io::ConfigNode& node) {
    if (!node.isSequence())
        node.fail("expected a list of steps (text) and cycles {cycle: [step, ...], repeat: N}");
    Experiment out;
    for (const auto& item : node.items()) append(readYamlItem(item), out);
    if (out.steps.empty()) node.fail("the experiment has no steps: expected at least one");
    return out;
}

std::vector<std::string> gittProtocol(double cRate, double pulseSeconds, double restSeconds,
                                      int pulses) {
    if (!std::isfinite(cRate) || cRate == 0.0)
        throw InputError(fmt::format(
            "GITT: expected a non-zero C-rate (> 0 discharges, < 0 charges), got {}", cRate));
    if (!std::isfinite(pulseSeconds) || !(pulseSeconds > 0))
        throw InputError(
            fmt::format("GITT: expected a pulse duration > 0 s, got {}", pulseSeconds));
    if (!std::isfinite(restSeconds) || !(restSeconds > 0))
        throw InputError(fmt::format("GITT: expected a rest duration > 0 s, got {}", restSeconds));
    if (pulses < 1 || pulses > maxRepeat)
        throw InputError(fmt::format("GITT: expected 1 to {} pulses, got {}", maxRepeat, pulses));
    // fmt's "{}" prints the shortest text that reads back to the same double.
    return {fmt::format("[{} at {}C for {} seconds, Rest for {} seconds] * {}",
                        cRate > 0 ? "Discharge" : "Charge", std::abs(cRate), pulseSeconds,
                        restSeconds, pulses)};
}

}  // namespace ssbsim::solver
