#include "ssbsim/micro/GeneratorSpec.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace ssbsim::micro {

namespace {

using io::Bounds;
using io::ConfigNode;

/// More voxels than this (2^31, about 1290³) is a typing error rather than an intended volume.
constexpr double kMaxVoxels = 2147483648.0;
/// Voxel edges above 1 cm are almost surely a unit mistake ("0.25" read as metres).
const Bounds kVoxelEdge{0.0, 1e-2, false, true};

/// Keys every generator input has.
const std::vector<std::string_view> kCommonKeys = {"generator", "size", "voxel-size", "seed",
                                                   "periodic"};

std::vector<std::string_view> withCommonKeys(std::vector<std::string_view> own) {
    own.insert(own.begin(), kCommonKeys.begin(), kCommonKeys.end());
    return own;
}

std::size_t readWholeNumber(const ConfigNode& node, double min, double max) {
    const double n = node.asQuantity("1", Bounds::between(min, max));
    if (n != std::floor(n))
        node.fail(fmt::format("expected a whole number, got {}", node.asString()));
    return static_cast<std::size_t>(n);
}

io::VoxelVolume::Shape readSize(const ConfigNode& node) {
    const auto items = node.items();
    if (items.size() != 3)
        node.fail(fmt::format("expected three voxel counts [nx, ny, nz], got {}", items.size()));
    io::VoxelVolume::Shape shape{};
    for (int a = 0; a < 3; ++a) shape[a] = readWholeNumber(items[a], 1, kMaxVoxels);
    const double total = static_cast<double>(shape[0]) * static_cast<double>(shape[1]) *
                         static_cast<double>(shape[2]);
    if (total > kMaxVoxels)
        node.fail(fmt::format("{}×{}×{} = {:g} voxels is more than the {:g} a generator makes",
                              shape[0], shape[1], shape[2], total, kMaxVoxels));
    return shape;
}

/// "0.25 um" (cubic voxels) or [0.2 um, 0.2 um, 0.3 um] (x, y, z).
io::VoxelVolume::Spacing readVoxelSize(const ConfigNode& node) {
    if (!node.isSequence()) {
        const double h = node.asQuantity("um", kVoxelEdge);
        return {h, h, h};
    }
    const auto items = node.items();
    if (items.size() != 3)
        node.fail(
            fmt::format("expected one voxel edge or three [hx, hy, hz], got {}", items.size()));
    io::VoxelVolume::Spacing h{};
    for (int a = 0; a < 3; ++a) h[a] = items[a].asQuantity("um", kVoxelEdge);
    return h;
}

/// Any unsigned 64-bit integer (doubles would lose seeds above 2^53).
std::uint64_t readSeed(const ConfigNode& node) {
    const std::string text = node.asString();
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (error != std::errc() || end != text.data() + text.size())
        node.fail(
            fmt::format("expected a whole number in [0, 18446744073709551615], got \"{}\"", text));
    return seed;
}

/// `true`/`false` for all three axes, or a list [x, y, z] of them.
std::array<bool, 3> readPeriodic(const ConfigNode& node) {
    const auto asBool = [](const ConfigNode& n) {
        const std::string t = n.asString();
        if (t == "true") return true;
        if (t == "false") return false;
        n.fail(fmt::format("expected true or false, got \"{}\"", t));
    };
    if (!node.isSequence()) {
        const bool all = asBool(node);
        return {all, all, all};
    }
    const auto items = node.items();
    if (items.size() != 3)
        node.fail(fmt::format("expected true/false or three of them [x, y, z], got {} entries",
                              items.size()));
    return {asBool(items[0]), asBool(items[1]), asBool(items[2])};
}

/// "5 um" (one size), [4 um, 5 um, 6.5 um] (drawn from at random) or
/// {median: 5 um, log-sd: 0.3, min: 2 um, max: 12 um} (log-normal; min/max optional).
SizeDistribution readDiameters(const ConfigNode& node) {
    const Bounds length{0.0, 1e-2, false, true};
    if (node.isSequence()) {
        std::vector<double> list;
        for (const ConfigNode& item : node.items()) list.push_back(item.asQuantity("um", length));
        if (list.empty()) node.fail("expected at least one diameter");
        return SizeDistribution::list(std::move(list));
    }
    if (!node.isMap()) return SizeDistribution::constant(node.asQuantity("um", length));
    node.expectKeys({"median", "log-sd", "min", "max"});
    const double median = node["median"].asQuantity("um", length);
    const double logSd = node["log-sd"].asQuantity("1", Bounds::between(0.0, 2.0));
    double min = 0.0, max = median * std::exp(3.0 * logSd);
    if (auto n = node.find("min")) min = n->asQuantity("um", Bounds::nonNegative());
    if (auto n = node.find("max")) max = n->asQuantity("um", length);
    if (!(min <= median && median <= max && min < max))
        node.fail(
            fmt::format("expected min <= median <= max and min < max, got min {:g} um, "
                        "median {:g} um, max {:g} um",
                        min * 1e6, median * 1e6, max * 1e6));
    try {
        return SizeDistribution::logNormal(median, logSd, min, max);
    } catch (const std::invalid_argument& e) {
        node.fail(e.what());
    }
}

/// A particle diameter must fit in the box: a median larger than the shortest edge makes a
/// volume of one particle, which no statistics can be drawn from.
void checkFitsInBox(const ConfigNode& node, const SizeDistribution& d,
                    const io::VoxelVolume::Shape& size, const io::VoxelVolume::Spacing& h) {
    double shortest = 1e308;
    for (int a = 0; a < 3; ++a) shortest = std::min(shortest, static_cast<double>(size[a]) * h[a]);
    if (d.median() > shortest)
        node.fail(
            fmt::format("median diameter {:g} um is larger than the shortest edge of the "
                        "volume ({:g} um)",
                        d.median() * 1e6, shortest * 1e6));
}

struct Common {
    io::VoxelVolume::Shape size{};
    io::VoxelVolume::Spacing voxelSize{};
    std::uint64_t seed = 0;
    std::array<bool, 3> periodic{true, true, true};
};

Common readCommon(const ConfigNode& root) {
    Common c;
    c.size = readSize(root["size"]);
    c.voxelSize = readVoxelSize(root["voxel-size"]);
    c.seed = readSeed(root["seed"]);
    if (auto p = root.find("periodic")) c.periodic = readPeriodic(*p);
    return c;
}

ParticlePhaseSpec readParticlePhase(const ConfigNode& node, const Common& c, double defaultOverlap,
                                    const std::vector<std::string_view>& extraKeys = {}) {
    std::vector<std::string_view> keys = {"volume-fraction", "diameter", "max-overlap"};
    keys.insert(keys.end(), extraKeys.begin(), extraKeys.end());
    node.expectKeys(keys);
    ParticlePhaseSpec p;
    p.volumeFraction = node["volume-fraction"].asQuantity("1", Bounds::fraction());
    p.diameters = readDiameters(node["diameter"]);
    checkFitsInBox(node["diameter"], p.diameters, c.size, c.voxelSize);
    p.maxOverlap = defaultOverlap;
    if (auto n = node.find("max-overlap")) p.maxOverlap = n->asQuantity("1", Bounds::fraction());
    return p;
}

CompositeSpec readComposite(const ConfigNode& root) {
    root.expectKeys(withCommonKeys({"cam", "se", "carbon"}));
    const Common c = readCommon(root);
    CompositeSpec s;
    s.size = c.size;
    s.voxelSize = c.voxelSize;
    s.seed = c.seed;
    s.periodic = c.periodic;
    // Pressed CAM particles touch and flatten a little; a hard core of half the radius keeps
    // them from merging into one another while still reaching 80 vol %.
    s.cam = readParticlePhase(root["cam"], c, 0.5);
    s.se = readParticlePhase(root["se"], c, 1.0);
    if (auto carbon = root.find("carbon")) {
        s.carbon = readParticlePhase(*carbon, c, 1.0, {"placement"});
        if (auto p = carbon->find("placement")) {
            const std::string where = p->asString();
            if (where == "on-cam")
                s.carbonPlacement = CarbonPlacement::OnCam;
            else if (where == "random")
                s.carbonPlacement = CarbonPlacement::Random;
            else
                p->fail(fmt::format("expected on-cam or random, got \"{}\"", where));
        }
    }
    const double solids =
        s.cam.volumeFraction + s.se.volumeFraction + (s.carbon ? s.carbon->volumeFraction : 0.0);
    if (solids > 1.0 + 1e-9)
        root["se"]["volume-fraction"].fail(fmt::format(
            "the volume fractions of cam, se{} add up to {:.4g}; they must leave a porosity >= 0",
            s.carbon ? " and carbon" : "", solids));
    return s;
}

PolycrystalSpec readPolycrystal(const ConfigNode& root) {
    root.expectKeys(withCommonKeys({"grain-diameter", "grain-boundary-thickness", "pores"}));
    const Common c = readCommon(root);
    PolycrystalSpec s;
    s.size = c.size;
    s.voxelSize = c.voxelSize;
    s.seed = c.seed;
    s.periodic = c.periodic;
    s.grainDiameter = root["grain-diameter"].asQuantity("um", Bounds{0.0, 1e-2, false, true});
    if (auto t = root.find("grain-boundary-thickness")) {
        s.boundaryThickness = t->asQuantity("um", Bounds{0.0, s.grainDiameter, true, false});
    }
    if (auto pores = root.find("pores")) {
        pores->expectKeys({"volume-fraction", "diameter", "placement"});
        PoreSpec p;
        p.volumeFraction = (*pores)["volume-fraction"].asQuantity("1", Bounds::porosity());
        p.diameters = readDiameters((*pores)["diameter"]);
        checkFitsInBox((*pores)["diameter"], p.diameters, c.size, c.voxelSize);
        if (auto where = pores->find("placement")) {
            const std::string w = where->asString();
            if (w == "grain-boundaries")
                p.placement = PorePlacement::GrainBoundaries;
            else if (w == "random")
                p.placement = PorePlacement::Random;
            else
                where->fail(fmt::format("expected grain-boundaries or random, got \"{}\"", w));
        }
        if (p.placement == PorePlacement::GrainBoundaries && s.boundaryThickness <= 0.0)
            (pores->has("placement") ? (*pores)["placement"] : *pores)
                .fail("pores on grain boundaries need grain-boundary-thickness > 0");
        s.pores = p;
    }
    return s;
}

InterfaceVoidSpec readInterface(const ConfigNode& root) {
    root.expectKeys(withCommonKeys({"se-thickness", "contact-fraction", "voids"}));
    const Common c = readCommon(root);
    InterfaceVoidSpec s;
    s.size = c.size;
    s.voxelSize = c.voxelSize;
    s.seed = c.seed;
    // Without a periodic: key the interface is periodic in x and y (readCommon's default of
    // true along z does not apply: SE lies below, Li above).
    if (root.has("periodic") && c.periodic[2])
        root["periodic"].fail(
            "the stack direction z cannot be periodic (SE below, Li above); use "
            "[true, true, false] or leave periodic out");
    s.periodic = {c.periodic[0], c.periodic[1]};
    const ConfigNode se = root["se-thickness"];
    s.seThickness = se.asQuantity("um", Bounds::positive());
    const double layers = std::round(s.seThickness / s.voxelSize[2]);
    if (layers < 1.0 || layers > static_cast<double>(s.size[2]) - 1.0)
        se.fail(
            fmt::format("this is {:g} voxel layers; the SE slab needs at least 1 and must leave "
                        "at least 1 of the {} layers along z for Li",
                        layers, s.size[2]));
    s.contactFraction = root["contact-fraction"].asQuantity("1", Bounds{0.0, 1.0, false, true});
    if (auto voids = root.find("voids")) {
        voids->expectKeys({"diameter", "aspect-ratio"});
        s.voidDiameters = readDiameters((*voids)["diameter"]);
        if (auto a = voids->find("aspect-ratio"))
            s.aspectRatio = a->asQuantity("1", Bounds{0.0, 10.0, false, true});
        // A cap shallower than half a voxel never reaches the first Li layer's voxel centres.
        const double depth = s.aspectRatio * 0.5 * s.voidDiameters.median();
        if (s.contactFraction < 1.0 && depth <= 0.5 * s.voxelSize[2])
            (voids->has("aspect-ratio") ? (*voids)["aspect-ratio"] : *voids)
                .fail(fmt::format("voids of the median diameter would be {:g} um deep, not more "
                                  "than half a voxel ({:g} um): they would not show in the voxels",
                                  depth * 1e6, 0.5e6 * s.voxelSize[2]));
    } else if (s.contactFraction < 1.0) {
        root.fail("a contact-fraction below 1 needs a 'voids:' section (diameter, aspect-ratio)");
    }
    return s;
}

}  // namespace

GeneratorSpec readGeneratorSpec(const ConfigNode& root) {
    if (!root.isMap()) root.fail("expected a generator input (a map with generator:, size:, ...)");
    const ConfigNode kind = root["generator"];
    const std::string name = kind.asString();
    if (name == "composite-cathode") return readComposite(root);
    if (name == "polycrystal") return readPolycrystal(root);
    if (name == "li-interface") return readInterface(root);
    kind.fail(
        fmt::format("unknown generator \"{}\"; expected composite-cathode, polycrystal or "
                    "li-interface",
                    name));
}

std::string_view generatorName(const GeneratorSpec& spec) {
    static constexpr std::string_view names[] = {"composite-cathode", "polycrystal",
                                                 "li-interface"};
    return names[spec.index()];
}

GeneratedVolume generate(const GeneratorSpec& spec) {
    struct Run {
        GeneratedVolume operator()(const CompositeSpec& s) const { return generateComposite(s); }
        GeneratedVolume operator()(const PolycrystalSpec& s) const {
            return generatePolycrystal(s);
        }
        GeneratedVolume operator()(const InterfaceVoidSpec& s) const {
            return generateInterfaceVoids(s);
        }
    };
    return std::visit(Run{}, spec);
}

}  // namespace ssbsim::micro
