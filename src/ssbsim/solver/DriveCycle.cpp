#include "ssbsim/solver/DriveCycle.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "ssbsim/core/Error.h"
#include "ssbsim/core/Quantity.h"
#include "ssbsim/io/TextFile.h"

namespace ssbsim::solver {

namespace {

constexpr std::string_view headerExample = "e.g. \"Time [s],Current [A]\"";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

/// One line of the file, its number and its comma-separated cells with their columns.
struct Line {
    int number;
    std::string_view text;
    std::vector<std::pair<std::string_view, int>> cells;  ///< trimmed text, 1-based column
};

Line splitLine(int number, std::string_view text) {
    Line line{number, text, {}};
    size_t start = 0;
    for (;;) {
        const size_t comma = text.find(',', start);
        const std::string_view raw = text.substr(start, comma - start);
        const std::string_view cell = trim(raw);
        const size_t lead = cell.empty() ? 0 : static_cast<size_t>(cell.data() - raw.data());
        line.cells.push_back({cell, static_cast<int>(start + lead) + 1});
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return line;
}

/// "Current [mA]" → ("Current", "mA"); a name without brackets has no unit.
std::pair<std::string_view, std::optional<std::string_view>> nameAndUnit(std::string_view cell) {
    const size_t open = cell.find('['), close = cell.rfind(']');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return {cell, std::nullopt};
    return {trim(cell.substr(0, open)), trim(cell.substr(open + 1, close - open - 1))};
}

/// A cell holding one number and nothing else.
std::optional<double> number(std::string_view cell) {
    const auto n = leadingNumber(cell);
    if (!n || !trim(n->second).empty()) return std::nullopt;
    return n->first;
}

class Reader {
  public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    DriveCycle read() {
        const std::string text = io::readTextFile(path_);
        DriveCycle cycle;
        double timeUnit = 1.0, valueUnit = 1.0;
        bool header = false;
        int lineNumber = 0;
        for (size_t start = 0; start < text.size();) {
            const size_t end = std::min(text.find('\n', start), text.size());
            const std::string_view raw = std::string_view(text).substr(start, end - start);
            start = end + 1;
            ++lineNumber;
            const std::string_view content = trim(raw);
            if (content.empty() || content.front() == '#') continue;  // blanks and comments
            const Line line = splitLine(lineNumber, raw);
            if (line.cells.size() != 2)
                fail(line, 1,
                     fmt::format("expected two columns, time and value, found {}",
                                 line.cells.size()));
            if (!header) {
                readHeader(line, cycle.amount, timeUnit, valueUnit);
                header = true;
                continue;
            }
            const double t = numberAt(line, 0) * timeUnit;
            const double v = numberAt(line, 1) * valueUnit;
            if (cycle.time.empty() && t != 0.0)
                fail(line, line.cells[0].second,
                     fmt::format("expected the first time to be 0, found {}", line.cells[0].first));
            if (!cycle.time.empty() && !(t > cycle.time.back()))
                fail(line, line.cells[0].second,
                     fmt::format("expected a time after the line before's, found {}",
                                 line.cells[0].first));
            cycle.time.push_back(t);
            cycle.value.push_back(v);
        }
        if (!header)
            throw InputError(
                fmt::format("expected a header line, {}, found an empty file", headerExample),
                SourceLocation{path_, 1, 1, ""});
        if (cycle.time.size() < 2)
            throw InputError(fmt::format("expected at least two rows of time and value, found {}",
                                         cycle.time.size()),
                             SourceLocation{path_, lineNumber, 1, ""});
        return cycle;
    }

  private:
    [[noreturn]] void fail(const Line& line, int column, const std::string& problem) const {
        throw InputError(problem, SourceLocation{path_, line.number, column, ""});
    }

    double numberAt(const Line& line, size_t cell) const {
        const auto [text, column] = line.cells[cell];
        const auto n = number(text);
        if (!n)
            fail(line, column,
                 fmt::format("expected a number ({}), found \"{}\"", cell == 0 ? "time" : "value",
                             text));
        return *n;
    }

    void readHeader(const Line& line, Amount& amount, double& timeUnit, double& valueUnit) const {
        const auto [timeName, timeUnitText] = nameAndUnit(line.cells[0].first);
        if (!timeUnitText || timeName.empty() || number(line.cells[0].first))
            fail(line, line.cells[0].second,
                 fmt::format("expected a header line, {}, found \"{}\"", headerExample,
                             trim(line.text)));
        try {
            timeUnit = convertToSI(1.0, *timeUnitText, "s");
        } catch (const InputError& e) {
            fail(line, line.cells[0].second,
                 fmt::format("expected a time unit for the first column, found \"{}\" ({})",
                             *timeUnitText, e.problem()));
        }
        const auto [name, unit] = nameAndUnit(line.cells[1].first);
        if (!unit) {
            if (name == "C-rate" || name == "C rate") {
                amount = Amount::CRate;
                valueUnit = 1.0;
                return;
            }
            fail(line, line.cells[1].second,
                 fmt::format("expected a value column with a unit in brackets (\"Current [A]\", "
                             "\"Power [W]\", \"Voltage [V]\", \"Resistance [Ohm]\") or "
                             "\"C-rate\", found \"{}\"",
                             line.cells[1].first));
        }
        try {
            std::tie(amount, valueUnit) = rateOfUnit(*unit);
        } catch (const InputError& e) {
            fail(line, line.cells[1].second,
                 fmt::format("expected the unit of a current, current density, power, power "
                             "density, voltage or resistance, found \"{}\" ({})",
                             *unit, e.problem()));
        }
    }

    std::string path_;
};

}  // namespace

DriveCycle readDriveCycle(const std::string& path) {
    return Reader(path).read();
}

void loadDriveCycles(Experiment& experiment, const std::string& baseDirectory) {
    std::map<std::string, std::shared_ptr<const DriveCycle>> read;
    for (Step& step : experiment.steps) {
        if (step.driveCycleFile.empty()) continue;
        std::filesystem::path file(step.driveCycleFile);
        if (file.is_relative() && !baseDirectory.empty()) file = baseDirectory / file;
        auto& cycle = read[file.string()];
        if (!cycle) cycle = std::make_shared<const DriveCycle>(readDriveCycle(file.string()));
        step.driveCycle = cycle;
        step.amount = cycle->amount;
        step.control = controlOf(cycle->amount);
        if (!step.duration) {
            step.duration = cycle->duration();
        } else if (*step.duration > cycle->duration()) {
            throw InputError(fmt::format(
                "step \"{}\": expected a duration within the drive cycle's {} s, found {} s",
                step.text, cycle->duration(), *step.duration));
        }
        for (const Limit& limit : step.until)
            if (step.control == Control::Voltage && limit.kind == Limit::Kind::Voltage)
                throw InputError(fmt::format(
                    "step \"{}\": a voltage drive cycle cannot end on a voltage: expected a "
                    "current limit or a duration",
                    step.text));
    }
}

}  // namespace ssbsim::solver
