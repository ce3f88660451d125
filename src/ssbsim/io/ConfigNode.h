#pragma once
// A YAML node that knows where it came from (file, line, column, key path), so that every
// problem found while reading an input can be reported at its place. Modelled on Cantera's
// AnyMap: the reader converts while it reads, naming the unit it wants.

#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ssbsim/core/Error.h"

namespace ssbsim::io {

/// Allowed interval for a number; used to reject unphysical input with the range in the message.
struct Bounds {
    double min = -1e308;
    double max = 1e308;
    bool minInclusive = true;
    bool maxInclusive = true;

    static Bounds positive() { return {0.0, 1e308, false, true}; }
    static Bounds nonNegative() { return {0.0, 1e308, true, true}; }
    static Bounds fraction() { return {0.0, 1.0, true, true}; }   ///< [0, 1]
    static Bounds porosity() { return {0.0, 1.0, true, false}; }  ///< [0, 1)
    static Bounds between(double lo, double hi) { return {lo, hi, true, true}; }

    bool contains(double v) const;
    std::string describe() const;  ///< e.g. "> 0", "in [0, 1)"
};

class ConfigNode {
  public:
    /// Reads a YAML file; a missing file or a syntax error is an InputError at its place.
    static ConfigNode loadFile(const std::string& file);
    /// Reads YAML text; `name` stands for the file in messages.
    static ConfigNode loadString(const std::string& text, const std::string& name);

    const std::string& keyPath() const { return path_; }
    SourceLocation location() const;
    const std::string& file() const { return *file_; }

    bool isMap() const { return node_.IsMap(); }
    bool isSequence() const { return node_.IsSequence(); }
    bool isScalar() const { return node_.IsScalar(); }

    bool has(std::string_view key) const;
    /// The child at `key`; missing -> InputError "missing required key".
    ConfigNode operator[](std::string_view key) const;
    std::optional<ConfigNode> find(std::string_view key) const;
    /// Map entries in file order (this node must be a map).
    std::vector<std::pair<std::string, ConfigNode>> entries() const;
    /// The key itself as a node (for errors about a key, e.g. an unknown material name).
    ConfigNode keyNode(std::string_view key) const;
    /// Sequence items (this node must be a sequence).
    std::vector<ConfigNode> items() const;

    /// Every key of this map must be one of `allowed`; otherwise an error names the unknown key,
    /// the closest allowed one and the full list.
    void expectKeys(const std::vector<std::string_view>& allowed) const;

    std::string asString() const;
    /// A plain number (no unit).
    double asNumber() const;
    /// A number in SI, or "value unit" with the dimension of `unit`; converted to SI.
    double asQuantity(std::string_view unit) const;
    /// As above, and the SI value must lie in `bounds`.
    double asQuantity(std::string_view unit, const Bounds& bounds) const;
    /// A value in `bounds` described in messages as `what`.
    void checkBounds(double siValue, std::string_view unit, const Bounds& bounds) const;

    /// Throws InputError at this node.
    [[noreturn]] void fail(const std::string& problem) const;

  private:
    ConfigNode(YAML::Node node, std::shared_ptr<const std::string> file, std::string path);
    std::string childPath(std::string_view key) const;
    void expectMap() const;

    YAML::Node node_;
    std::shared_ptr<const std::string> file_;
    std::string path_;
};

}  // namespace ssbsim::io
