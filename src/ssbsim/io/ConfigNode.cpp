#include "ssbsim/io/ConfigNode.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "ssbsim/core/Quantity.h"
#include "ssbsim/core/Suggest.h"

namespace ssbsim::io {

namespace {

const char* kindName(const YAML::Node& n) {
    if (n.IsMap()) return "a map";
    if (n.IsSequence()) return "a list";
    if (n.IsNull()) return "nothing";
    return "a single value";
}

/// Shortest way to print a double for messages ("1e-06", "0.3").
std::string number(double v) {
    return fmt::format("{}", v);
}

}  // namespace

bool Bounds::contains(double v) const {
    const bool aboveMin = minInclusive ? v >= min : v > min;
    const bool belowMax = maxInclusive ? v <= max : v < max;
    return aboveMin && belowMax;
}

std::string Bounds::describe() const {
    const bool hasMin = min > -1e308;
    const bool hasMax = max < 1e308;
    if (hasMin && hasMax)
        return fmt::format("in {}{}, {}{}", minInclusive ? '[' : '(', number(min), number(max),
                           maxInclusive ? ']' : ')');
    if (hasMin) return fmt::format("{} {}", minInclusive ? ">=" : ">", number(min));
    if (hasMax) return fmt::format("{} {}", maxInclusive ? "<=" : "<", number(max));
    return "any value";
}

ConfigNode::ConfigNode(YAML::Node node, std::shared_ptr<const std::string> file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {}

ConfigNode ConfigNode::loadFile(const std::string& file) {
    auto name = std::make_shared<const std::string>(file);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw InputError("cannot open input file: no such file", SourceLocation{file, 0, 0, {}});
    try {
        return ConfigNode(YAML::LoadFile(file), name, "");
    } catch (const YAML::ParserException& e) {
        throw InputError(fmt::format("invalid YAML: {}", e.msg),
                         SourceLocation{file, e.mark.line + 1, e.mark.column + 1, {}});
    } catch (const YAML::BadFile&) {
        throw InputError("cannot read input file", SourceLocation{file, 0, 0, {}});
    }
}

ConfigNode ConfigNode::loadString(const std::string& text, const std::string& name) {
    try {
        return ConfigNode(YAML::Load(text), std::make_shared<const std::string>(name), "");
    } catch (const YAML::ParserException& e) {
        throw InputError(fmt::format("invalid YAML: {}", e.msg),
                         SourceLocation{name, e.mark.line + 1, e.mark.column + 1, {}});
    }
}

SourceLocation ConfigNode::location() const {
    const YAML::Mark mark = node_.Mark();
    if (mark.is_null()) return SourceLocation{*file_, 0, 0, path_};
    return SourceLocation{*file_, mark.line + 1, mark.column + 1, path_};
}

void ConfigNode::fail(const std::string& problem) const {
    throw InputError(problem, location());
}

std::string ConfigNode::childPath(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void ConfigNode::expectMap() const {
    if (!node_.IsMap()) fail(fmt::format("expected a map of keys, found {}", kindName(node_)));
}

bool ConfigNode::has(std::string_view key) const {
    return node_.IsMap() && node_[std::string(key)].IsDefined();
}

std::optional<ConfigNode> ConfigNode::find(std::string_view key) const {
    expectMap();
    const YAML::Node child = node_[std::string(key)];
    if (!child.IsDefined()) return std::nullopt;
    return ConfigNode(child, file_, childPath(key));
}

ConfigNode ConfigNode::operator[](std::string_view key) const {
    auto child = find(key);
    if (!child) {
        SourceLocation where = location();
        where.keyPath = childPath(key);
        throw InputError(
            fmt::format("missing required key '{}' in {}", key,
                        path_.empty() ? std::string("the top level") : fmt::format("'{}'", path_)),
            where);
    }
    return *child;
}

std::vector<std::pair<std::string, ConfigNode>> ConfigNode::entries() const {
    expectMap();
    std::vector<std::pair<std::string, ConfigNode>> out;
    std::set<std::string> seen;
    for (auto it = node_.begin(); it != node_.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        if (!seen.insert(key).second) {
            ConfigNode(it->first, file_, childPath(key)).fail("key appears twice");
        }
        out.emplace_back(key, ConfigNode(it->second, file_, childPath(key)));
    }
    return out;
}

ConfigNode ConfigNode::keyNode(std::string_view key) const {
    expectMap();
    for (auto it = node_.begin(); it != node_.end(); ++it)
        if (it->first.Scalar() == key) return ConfigNode(it->first, file_, childPath(key));
    return (*this)[key];  // throws: missing key
}

std::vector<ConfigNode> ConfigNode::items() const {
    if (!node_.IsSequence()) fail(fmt::format("expected a list, found {}", kindName(node_)));
    std::vector<ConfigNode> out;
    out.reserve(node_.size());
    for (size_t i = 0; i < node_.size(); ++i)
        out.push_back(ConfigNode(node_[i], file_, fmt::format("{}[{}]", path_, i)));
    return out;
}

void ConfigNode::expectKeys(const std::vector<std::string_view>& allowed) const {
    expectMap();
    for (auto it = node_.begin(); it != node_.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        const auto close =
            closeMatches(key, std::vector<std::string>(allowed.begin(), allowed.end()), 1);
        const std::string hint =
            close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close[0]);
        ConfigNode(it->first, file_, childPath(key))
            .fail(fmt::format("unknown key '{}'{}; expected one of: {}", key, hint,
                              fmt::join(allowed, ", ")));
    }
}

std::string ConfigNode::asString() const {
    if (!node_.IsScalar()) fail(fmt::format("expected a single value, found {}", kindName(node_)));
    return node_.Scalar();
}

double ConfigNode::asNumber() const {
    const std::string text = asString();
    try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
    fail(fmt::format("expected a number, got \"{}\"", text));
}

double ConfigNode::asQuantity(std::string_view unit) const {
    const std::string text = asString();
    try {
        return parseQuantity(text, unit);
    } catch (const InputError& e) {
        throw e.at(location());
    }
}

void ConfigNode::checkBounds(double siValue, std::string_view unit, const Bounds& bounds) const {
    if (bounds.contains(siValue)) return;
    // Bounds are SI; the message shows them in the unit the reader asked for.
    const Unit u = parseUnit(unit);
    Bounds shown = bounds;
    if (bounds.min > -1e308) shown.min = u.fromSI(bounds.min);
    if (bounds.max < 1e308) shown.max = u.fromSI(bounds.max);
    const std::string unitLabel = u.dimension.dimensionless() ? "" : fmt::format(" {}", unit);
    fail(fmt::format("value \"{}\" is out of range: expected {}{}", asString(), shown.describe(),
                     unitLabel));
}

double ConfigNode::asQuantity(std::string_view unit, const Bounds& bounds) const {
    const double v = asQuantity(unit);
    checkBounds(v, unit, bounds);
    return v;
}

}  // namespace ssbsim::io
