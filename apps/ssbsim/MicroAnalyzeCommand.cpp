// ssbsim micro analyze VOLUME: the metrics of a segmented microstructure (volume fractions,
// surface and contact areas, percolation, accessible active material, particle sizes,
// tortuosity factors, effective conductivities) written as analysis.json and analysis.h5, and
// with --to-cell a copy of a cell file whose electrode uses them instead of Bruggeman
// (docs/physics/microstructure.md#link-to-the-cell). Nothing is written unless everything was
// computed.

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "AppContext.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/core/Quantity.h"
#include "ssbsim/io/AtomicFile.h"
#include "ssbsim/io/Hdf5Writer.h"
#include "ssbsim/io/VolumeFile.h"
#include "ssbsim/micro/AccessibleFraction.h"
#include "ssbsim/micro/EffectiveConductivity.h"
#include "ssbsim/micro/ParticleSizes.h"
#include "ssbsim/micro/Percolation.h"
#include "ssbsim/micro/SurfaceArea.h"
#include "ssbsim/micro/Tortuosity.h"
#include "ssbsim/micro/VolumeFractions.h"

namespace ssbsim::app {

namespace {

using nlohmann::json;

struct AnalyzeOptions {
    std::string input;
    std::string voxelSize;  ///< "" = from the file
    std::string phases;     ///< "" = from the file
    std::vector<int> cam, se, carbon;  ///< labels of each role; empty: by phase name
    std::string axis = "z";            ///< through the electrode: collector at 0, separator at n
    bool periodic = false;             ///< periodic sides for transport and areas
    bool allAxes = false;              ///< tortuosity along x, y and z
    std::string sigmaIonic, sigmaCam, sigmaCarbon;  ///< "" = from the cell file (or none)
    std::string interfaceResistance;                ///< between different conducting labels
    std::string toCell;
    std::string electrode = "cathode";
    std::string output;
    bool quiet = false;
};

/// The labels that play each part in a composite electrode.
struct Roles {
    micro::PhaseSet cam, se, carbon;
};

int axisIndex(const std::string& axis) {
    if (axis == "x") return 0;
    if (axis == "y") return 1;
    if (axis == "z") return 2;
    throw InputError(fmt::format("--axis must be x, y or z, got '{}'", axis));
}

micro::PhaseSet labelsOf(const std::vector<int>& given, const io::VoxelVolume& volume,
                         std::string_view name, const std::array<std::uint64_t, 256>& counts) {
    micro::PhaseSet set;
    for (int l : given) {
        if (l < 0 || l > 255) throw InputError(fmt::format("labels are 0..255, got {}", l));
        set.push_back(static_cast<io::Label>(l));
    }
    if (!given.empty()) return set;
    for (const auto& [label, phase] : volume.phaseNames()) {
        std::string lower = phase;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower == name && counts[label] > 0) set.push_back(label);
    }
    return set;
}

/// Roles from --cam/--se/--carbon, else from phase names "CAM", "SE", "carbon".
Roles rolesOf(const AnalyzeOptions& o, const io::VoxelVolume& volume,
              const std::array<std::uint64_t, 256>& counts) {
    return {labelsOf(o.cam, volume, "cam", counts), labelsOf(o.se, volume, "se", counts),
            labelsOf(o.carbon, volume, "carbon", counts)};
}

std::string phaseName(const io::VoxelVolume& volume, io::Label label) {
    const auto it = volume.phaseNames().find(label);
    return it == volume.phaseNames().end() ? fmt::format("label {}", label) : it->second;
}

/// Conductivities of the roles, S/m: command line first, then the cell file's electrode
/// materials at the cell's temperature (bulk ionic conductivity of its SE, electronic
/// conductivity of its active material and conductive additive).
struct Conductivities {
    std::optional<double> ionic, cam, carbon;
};

Conductivities conductivitiesOf(const AnalyzeOptions& o, const cell::CompositeElectrode* e,
                                double temperature) {
    Conductivities s;
    if (e)
        for (const auto& c : e->layer.solids) {
            const materials::Material& m = *c.material;
            using materials::Category;
            if (m.category == Category::SolidElectrolyte && m.has("ionic-conductivity"))
                s.ionic = m.arrhenius("ionic-conductivity").at(temperature);
            if (&m == &e->active() && m.has("electronic-conductivity"))
                s.cam = m.arrhenius("electronic-conductivity").at(temperature);
            if (m.category == Category::ConductiveAdditive && m.has("electronic-conductivity"))
                s.carbon = m.arrhenius("electronic-conductivity").at(temperature);
        }
    auto given = [](const std::string& text, std::optional<double>& into) {
        if (text.empty()) return;
        into = parseQuantity(text, "S/m");
        if (!(*into >= 0)) throw InputError(fmt::format("conductivities must be >= 0, got '{}'", text));
    };
    given(o.sigmaIonic, s.ionic);
    given(o.sigmaCam, s.cam);
    given(o.sigmaCarbon, s.carbon);
    return s;
}

/// τ as JSON: a number, or "inf" when nothing spans (JSON has no infinity).
json tortuosityValue(double tau) {
    return std::isfinite(tau) ? json(tau) : json("inf");
}

json tortuosityJson(const micro::TortuosityResult& t) {
    return {{"Tortuosity factor", tortuosityValue(t.tortuosityFactor)},
            {"Effective diffusivity factor", t.effectiveDiffusivityFactor},
            {"Spanning fraction", t.spanningFraction},
            {"Iterations", t.stats.iterations},
            {"Flux uniformity", t.stats.fluxUniformity}};
}

/// A cell-file key of the electrode and its value (for --to-cell).
struct CellValue {
    std::string key;
    double value = 0.0;  ///< SI
    std::string unit;    ///< as written after the value ("" for fractions)
};

/// Everything computed, before anything is written.
struct Analysis {
    json report;
    std::vector<CellValue> cellValues;
};

Analysis analyze(const AnalyzeOptions& o, const io::VoxelVolume& volume,
                 const cell::CompositeElectrode* electrode, double temperature) {
    const int axis = axisIndex(o.axis);
    const auto counts = micro::labelCounts(volume);
    const Roles roles = rolesOf(o, volume, counts);
    std::array<bool, 3> periodic{o.periodic, o.periodic, o.periodic};
    periodic[axis] = false;
    micro::TransportOptions transport;
    transport.sides = o.periodic ? micro::SideBoundary::Periodic : micro::SideBoundary::NoFlux;

    Analysis a;
    json& r = a.report;
    const auto [nx, ny, nz] = volume.shape();
    r["Volume"] = {{"File", o.input},
                   {"Shape [voxels]", {nx, ny, nz}},
                   {"Voxel size [m]", volume.voxelSize()},
                   {"Transport axis", o.axis}};

    // Per phase: fraction, surface area, connectivity and tortuosity along the axis (or all).
    const micro::InterfaceAreas areas = micro::interfaceAreas(volume, {.smoothing = 1.5, .periodic = periodic});
    json phases = json::array();
    for (const micro::PhaseFraction& f : micro::volumeFractions(volume)) {
        const micro::PhaseConnectivity c = micro::phaseConnectivity(volume, {f.label}, axis, periodic);
        json p = {{"Label", f.label},
                  {"Name", phaseName(volume, f.label)},
                  {"Volume fraction", f.fraction},
                  {"Specific surface area [m-1]", areas.specificSurfaceArea(f.label)},
                  {"Percolating fraction", c.percolating},
                  {"Dead-end fraction", c.deadEnd},
                  {"Isolated fraction", c.isolated}};
        for (int k = 0; k < 3; ++k) {
            if (!o.allAxes && k != axis) continue;
            transport.axis = k;
            p[fmt::format("Transport along {}", "xyz"[k])] =
                tortuosityJson(micro::tortuosityFactor(volume, {f.label}, transport));
        }
        phases.push_back(p);
    }
    r["Phases"] = phases;
    json contacts = json::array();
    for (size_t i = 0; i < areas.phases().size(); ++i)
        for (size_t j = i + 1; j < areas.phases().size(); ++j) {
            const io::Label p = areas.phases()[i], q = areas.phases()[j];
            if (areas.contactArea(p, q) > 0)
                contacts.push_back({{"Phases", {phaseName(volume, p), phaseName(volume, q)}},
                                    {"Specific contact area [m-1]", areas.specificContactArea(p, q)}});
        }
    r["Contact areas"] = contacts;

    // The composite-electrode view: accessible CAM, its active area and particle sizes.
    transport.axis = axis;
    if (!roles.cam.empty() && !roles.se.empty()) {
        micro::AccessibilityOptions access;
        access.active = roles.cam;
        access.ionic = roles.se;
        access.electronic = roles.cam;
        access.electronic.insert(access.electronic.end(), roles.carbon.begin(), roles.carbon.end());
        access.separator = {axis, true};
        access.collector = {axis, false};
        access.periodic = periodic;
        const micro::Accessibility acc = micro::accessibleFraction(volume, access);
        double contact = 0.0;  // CAM|SE area per volume, all CAM
        for (io::Label c : roles.cam)
            for (io::Label s : roles.se) contact += areas.specificContactArea(c, s);
        // Only accessible particles react: scale by their share (assumes they touch the SE as
        // the others do; docs/physics/microstructure.md#link-to-the-cell).
        const double activeArea = contact * acc.both;
        std::vector<double> diameters =
            micro::particleSizes(volume, roles.cam, periodic, false).diameters;
        const micro::SizeQuantiles q = micro::sizeQuantiles(diameters);
        r["Electrode"] = {{"Particles", acc.particles},
                          {"Accessible particles", acc.accessibleParticles},
                          {"Ionically connected fraction", acc.ionic},
                          {"Electronically connected fraction", acc.electronic},
                          {"Accessible fraction", acc.both},
                          {"CAM|SE specific contact area [m-1]", contact},
                          {"Active area [m-1]", activeArea},
                          {"D10 [m]", q.d10},
                          {"D50 [m]", q.d50},
                          {"D90 [m]", q.d90}};
        a.cellValues.push_back({"accessible-fraction", acc.both, ""});
        if (activeArea > 0) a.cellValues.push_back({"active-area", activeArea, "1/m"});
    }

    // Effective conductivities of the ionic and electronic networks (resistor network).
    const Conductivities sigma = conductivitiesOf(o, electrode, temperature);
    const double rInt =
        o.interfaceResistance.empty() ? 0.0 : parseQuantity(o.interfaceResistance, "ohm*m^2");
    json conductivity;
    // One network: σ_eff and τ into the report, σ_eff into the cell file when it conducts.
    auto solveNetwork = [&](const std::string& name, std::vector<micro::PhaseConductivity> phases,
                            const std::string& cellKey) {
        const micro::ConductivityProblem problem{std::move(phases), rInt, {}};
        const micro::ConductivityResult res = micro::effectiveConductivity(volume, problem, transport);
        conductivity[name + " [S.m-1]"] = res.effectiveConductivity;
        conductivity[name + " tortuosity factor"] = tortuosityValue(res.tortuosityFactor);
        if (res.effectiveConductivity > 0)
            a.cellValues.push_back({cellKey, res.effectiveConductivity, "S/m"});
    };
    if (sigma.ionic && !roles.se.empty()) {
        std::vector<micro::PhaseConductivity> ion;
        for (io::Label l : roles.se) ion.push_back({l, *sigma.ionic});
        solveNetwork("Ionic", ion, "effective-ionic-conductivity");
        conductivity["SE conductivity [S.m-1]"] = *sigma.ionic;
    }
    if (sigma.cam && !roles.cam.empty()) {
        std::vector<micro::PhaseConductivity> el;
        for (io::Label l : roles.cam) el.push_back({l, *sigma.cam});
        if (sigma.carbon)
            for (io::Label l : roles.carbon) el.push_back({l, *sigma.carbon});
        solveNetwork("Electronic", el, "effective-electronic-conductivity");
        conductivity["CAM conductivity [S.m-1]"] = *sigma.cam;
        if (sigma.carbon) conductivity["Carbon conductivity [S.m-1]"] = *sigma.carbon;
    }
    if (!conductivity.empty()) {
        conductivity["Interface resistance [Ohm.m2]"] = rInt;
        r["Effective conductivity"] = conductivity;
    }
    return a;
}

/// The cell file's YAML with the electrode's keys set to the analysis' values, and a header
/// that says where they came from.
std::string cellWithMicrostructure(const AnalyzeOptions& o, const Analysis& a) {
    YAML::Node root = YAML::LoadFile(o.toCell);
    YAML::Node e = root["cell"][o.electrode];
    for (const CellValue& v : a.cellValues)
        e[v.key] = v.unit.empty() ? fmt::format("{:.6g}", v.value)
                                  : fmt::format("{:.6g} {}", v.value, v.unit);
    YAML::Emitter out;
    out << root;
    return fmt::format(
        "# {} with the {}'s {} measured on {} by `ssbsim micro analyze`\n"
        "# (docs/physics/microstructure.md#link-to-the-cell).\n{}\n",
        std::filesystem::path(o.toCell).filename().string(), o.electrode,
        a.cellValues.empty() ? std::string("(no values)") : std::string("effective properties"),
        o.input, out.c_str());
}

void writeHdf5(const std::string& path, const json& r) {
    io::Hdf5Writer h5(path);
    std::vector<double> labels, fractions, surfaces;
    for (const auto& p : r["Phases"]) {
        labels.push_back(p["Label"].get<double>());
        fractions.push_back(p["Volume fraction"].get<double>());
        surfaces.push_back(p["Specific surface area [m-1]"].get<double>());
    }
    h5.writeVector("phases/Label", labels);
    h5.writeVector("phases/Volume fraction", fractions);
    h5.writeVector("phases/Specific surface area [m-1]", surfaces, "m-1");
    h5.writeText("analysis.json", r.dump(2));
    h5.setAttribute("/", "ssbsim version", SSBSIM_VERSION);
    h5.commit();
}

int runAnalyze(const AppContext& context, const AnalyzeOptions& o) {
    // Options and the cell file are checked before the (possibly large) volume is read.
    axisIndex(o.axis);
    if (o.electrode != "cathode" && o.electrode != "anode")
        throw InputError(fmt::format("--electrode must be cathode or anode, got '{}'", o.electrode));
    io::VolumeReadOptions readOptions;
    if (!o.voxelSize.empty()) readOptions.voxelSize = io::parseVoxelSize(o.voxelSize);
    std::optional<materials::MaterialLibrary> library;
    std::optional<solver::CellSetup> setup;
    const cell::CompositeElectrode* electrode = nullptr;
    if (!o.toCell.empty()) {
        library = context.loadLibrary();
        setup = AppContext::loadCell(o.toCell, *library);
        electrode = o.electrode == "cathode" ? &setup->spec.cathode
                                             : (setup->spec.anode.composite
                                                    ? &*setup->spec.anode.composite
                                                    : nullptr);
        if (!electrode)
            throw InputError("--electrode anode needs a composite anode in the cell file",
                             setup->root.location());
    }
    io::VoxelVolume volume = io::readVolume(o.input, readOptions);
    if (!o.phases.empty())
        for (const auto& [label, name] : io::parsePhaseNames(o.phases)) volume.phaseNames()[label] = name;

    const double temperature = setup ? setup->spec.temperature : 298.15;
    const std::string folder =
        o.output.empty()
            ? "out/" + std::filesystem::path(o.input).stem().string() + "-micro"
            : o.output;
    AppContext::checkOutputFolder(folder);
    const Analysis a = analyze(o, volume, electrode, temperature);
    const std::string cellText = setup ? cellWithMicrostructure(o, a) : std::string();
    std::filesystem::create_directories(folder);
    io::writeFileAtomically(folder + "/analysis.json", a.report.dump(2) + "\n");
    writeHdf5(folder + "/analysis.h5", a.report);
    if (setup) io::writeFileAtomically(folder + "/cell.yaml", cellText);
    if (!o.quiet) {
        fmt::print("{}\n", a.report.dump(2));
        fmt::print("wrote {}/analysis.json, {}/analysis.h5{}\n", folder, folder,
                   setup ? fmt::format(", {}/cell.yaml", folder) : std::string());
    }
    return 0;
}

}  // namespace

void addMicroAnalyzeCommand(CLI::App& micro, AppContext& context) {
    auto o = std::make_shared<AnalyzeOptions>();
    CLI::App* cmd = micro.add_subcommand(
        "analyze", "Metrics, tortuosity and effective conductivities of a voxel volume");
    cmd->add_option("volume", o->input, "Segmented volume (.tif, folder/, .raw, .npy, .h5, .vti)")
        ->required();
    cmd->add_option("--voxel-size", o->voxelSize, "Voxel edge, e.g. \"0.5 um\" or \"10,10,30 nm\"");
    cmd->add_option("--phases", o->phases, "Phase names by label, e.g. \"0=pore,1=CAM,2=SE,3=carbon\"");
    cmd->add_option("--cam", o->cam, "Labels of the active material (default: phase named CAM)");
    cmd->add_option("--se", o->se, "Labels of the solid electrolyte (default: phase named SE)");
    cmd->add_option("--carbon", o->carbon, "Labels of the conductive additive (default: named carbon)");
    cmd->add_option("--axis", o->axis, "Through-thickness axis x|y|z: collector at 0, separator at the far face (default z)");
    cmd->add_flag("--periodic", o->periodic, "Periodic side boundaries");
    cmd->add_flag("--all-axes", o->allAxes, "Tortuosity factors along x, y and z");
    cmd->add_option("--sigma-ionic", o->sigmaIonic, "SE conductivity, e.g. \"2.33 mS/cm\" (default: from --to-cell)");
    cmd->add_option("--sigma-cam", o->sigmaCam, "CAM electronic conductivity (default: from --to-cell)");
    cmd->add_option("--sigma-carbon", o->sigmaCarbon, "Carbon electronic conductivity (default: from --to-cell)");
    cmd->add_option("--interface-resistance", o->interfaceResistance,
                    "Resistance between different conducting phases, e.g. \"1e-4 ohm*m^2\"");
    cmd->add_option("--to-cell", o->toCell, "Cell file whose electrode gets the measured properties (written as OUT/cell.yaml)");
    cmd->add_option("--electrode", o->electrode, "cathode (default) or anode");
    cmd->add_option("-o,--output", o->output, "Output folder (default out/<volume>-micro)");
    cmd->add_flag("-q,--quiet", o->quiet, "Print nothing on success");
    cmd->callback([&context, o] { context.run = [&context, o] { return runAnalyze(context, *o); }; });
}

}  // namespace ssbsim::app
