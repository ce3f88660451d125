// The microstructure toolkit for Python: volumes whose labels numpy sees without a copy, volume
// files, generators, metrics and the transport solvers (docs/python.md#microstructure).

#include <nanobind/stl/array.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstring>

#include "Bindings.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/io/VolumeFile.h"
#include "ssbsim/micro/AccessibleFraction.h"
#include "ssbsim/micro/EffectiveConductivity.h"
#include "ssbsim/micro/GeneratorSpec.h"
#include "ssbsim/micro/ParticleSizes.h"
#include "ssbsim/micro/Percolation.h"
#include "ssbsim/micro/SurfaceArea.h"
#include "ssbsim/micro/Tortuosity.h"
#include "ssbsim/micro/VolumeFractions.h"

namespace ssbsim::python {

namespace {

using io::Label;
using io::VoxelVolume;
using micro::PhaseSet;
using Periodic = std::array<bool, 3>;  ///< along x, y, z

using LabelArray = nb::ndarray<nb::numpy, Label, nb::ndim<3>, nb::c_contig>;
using LabelInput = nb::ndarray<const Label, nb::ndim<3>, nb::c_contig, nb::device::cpu>;

/// numpy's (nz, ny, nx) order is the volume's storage order (io/VoxelVolume.h).
void initVolume(VoxelVolume* self, LabelInput labels, VoxelVolume::Spacing voxelSize,
                std::map<Label, std::string> phaseNames) {
    const VoxelVolume::Shape shape{labels.shape(2), labels.shape(1), labels.shape(0)};
    std::vector<Label> copy(labels.data(), labels.data() + labels.size());
    new (self) VoxelVolume(shape, voxelSize, std::move(copy));
    self->phaseNames() = std::move(phaseNames);
}

/// The labels as a writable numpy array sharing the volume's memory; bound with the
/// reference_internal policy, it keeps the volume alive.
LabelArray labelView(VoxelVolume& v) { return {v.data(), {v.extent(2), v.extent(1), v.extent(0)}}; }

/// "x", "y", "z" → storage axis 0, 1, 2.
int axisIndex(const std::string& axis) {
    if (axis == "x") return 0;
    if (axis == "y") return 1;
    if (axis == "z") return 2;
    throw InputError("axis: expected \"x\", \"y\" or \"z\", got \"" + axis + "\"");
}

micro::TransportOptions transportOptions(const std::string& axis, bool periodicSides,
                                         double fluxTolerance, double residualTolerance,
                                         bool doublePrecision, int threads) {
    micro::TransportOptions o;
    o.axis = axisIndex(axis);
    o.sides = periodicSides ? micro::SideBoundary::Periodic : micro::SideBoundary::NoFlux;
    o.fluxTolerance = fluxTolerance;
    o.residualTolerance = residualTolerance;
    o.precision = doublePrecision ? micro::Precision::Double : micro::Precision::Single;
    o.threads = threads;
    return o;
}

nb::dict statsDict(const micro::TransportStats& s) {
    nb::dict d;
    d["iterations"] = s.iterations;
    d["relative residual"] = s.relativeResidual;
    d["flux uniformity"] = s.fluxUniformity;
    d["multigrid levels"] = s.levels;
    d["solved voxels"] = s.solvedVoxels;
    d["solver memory [B]"] = s.solverBytes;
    d["setup time [s]"] = s.setupSeconds;
    d["solve time [s]"] = s.solveSeconds;
    return d;
}

nb::dict tortuosity(const VoxelVolume& v, const PhaseSet& phases, const std::string& axis,
                    bool periodicSides, double fluxTolerance, double residualTolerance,
                    bool doublePrecision, int threads) {
    const auto options = transportOptions(axis, periodicSides, fluxTolerance, residualTolerance,
                                          doublePrecision, threads);
    micro::TortuosityResult r;
    {
        nb::gil_scoped_release released;
        r = micro::tortuosityFactor(v, phases, options);
    }
    nb::dict d;
    d["tortuosity factor"] = r.tortuosityFactor;
    d["effective diffusivity factor"] = r.effectiveDiffusivityFactor;
    d["volume fraction"] = r.volumeFraction;
    d["spanning fraction"] = r.spanningFraction;
    d["solver"] = statsDict(r.stats);
    return d;
}

nb::dict conductivity(const VoxelVolume& v, const std::map<Label, double>& conductivities,
                      double interfaceResistance,
                      const std::map<std::pair<Label, Label>, double>& pairResistances,
                      const std::string& axis, bool periodicSides, double fluxTolerance,
                      double residualTolerance, bool doublePrecision, int threads) {
    micro::ConductivityProblem problem;
    for (const auto& [label, sigma] : conductivities) problem.phases.push_back({label, sigma});
    problem.interfaceResistance = interfaceResistance;
    for (const auto& [pair, r] : pairResistances)
        problem.pairResistances.push_back({pair.first, pair.second, r});
    const auto options = transportOptions(axis, periodicSides, fluxTolerance, residualTolerance,
                                          doublePrecision, threads);
    micro::ConductivityResult r;
    {
        nb::gil_scoped_release released;
        r = micro::effectiveConductivity(v, problem, options);
    }
    nb::dict d;
    d["effective conductivity [S.m-1]"] = r.effectiveConductivity;
    d["mean conductivity [S.m-1]"] = r.meanConductivity;
    d["tortuosity factor"] = r.tortuosityFactor;
    d["conducting fraction"] = r.conductingFraction;
    d["spanning fraction"] = r.spanningFraction;
    d["solver"] = statsDict(r.stats);
    return d;
}

std::vector<nb::dict> fractions(const VoxelVolume& v) {
    std::vector<nb::dict> out;
    for (const auto& f : micro::volumeFractions(v)) {
        nb::dict d;
        d["label"] = f.label;
        d["name"] = f.name;
        d["voxels"] = f.voxels;
        d["fraction"] = f.fraction;
        out.push_back(d);
    }
    return out;
}

nb::dict connectivity(const VoxelVolume& v, const PhaseSet& phases, const std::string& axis,
                      Periodic periodic) {
    const micro::PhaseConnectivity c = micro::phaseConnectivity(v, phases, axisIndex(axis), periodic);
    nb::dict d;
    d["voxels"] = c.voxels;
    d["components"] = c.components;
    d["largest component"] = c.largestComponent;
    d["percolating"] = c.percolating;
    d["dead end"] = c.deadEnd;
    d["isolated"] = c.isolated;
    return d;
}

nb::dict accessibility(const VoxelVolume& v, const PhaseSet& active, const PhaseSet& ionic,
                       const PhaseSet& electronic, const std::string& axis, Periodic periodic) {
    micro::AccessibilityOptions o;
    o.active = active;
    o.ionic = ionic;
    o.electronic = electronic;
    o.separator = {axisIndex(axis), true};
    o.collector = {axisIndex(axis), false};
    o.periodic = periodic;
    const micro::Accessibility a = micro::accessibleFraction(v, o);
    nb::dict d;
    d["active voxels"] = a.activeVoxels;
    d["particles"] = a.particles;
    d["accessible particles"] = a.accessibleParticles;
    d["ionic"] = a.ionic;
    d["electronic"] = a.electronic;
    d["both"] = a.both;
    return d;
}

nb::dict sizes(const VoxelVolume& v, const PhaseSet& phases, Periodic periodic,
               bool excludeBoundary) {
    micro::ParticleSizes s = micro::particleSizes(v, phases, periodic, excludeBoundary);
    const micro::SizeQuantiles q = micro::sizeQuantiles(s.diameters);
    nb::dict d;
    d["D10 [m]"] = q.d10;
    d["D50 [m]"] = q.d50;
    d["D90 [m]"] = q.d90;
    d["number mean diameter [m]"] = q.numberMean;
    d["excluded"] = s.excluded;
    d["diameters [m]"] = toNumpy(std::move(s.diameters));
    return d;
}

/// A generator input (YAML text, as in data/micro/) → the volume and what it achieved.
nb::tuple generateVolume(const std::string& text, const std::string& name) {
    const micro::GeneratorSpec spec = micro::readGeneratorSpec(io::ConfigNode::loadString(text, name));
    micro::GeneratedVolume g;
    {
        nb::gil_scoped_release released;
        g = micro::generate(spec);
    }
    nb::list targets;
    for (const auto& t : g.targets) {
        nb::dict d;
        d["quantity"] = t.quantity;
        d["target"] = t.target;
        d["achieved"] = t.achieved;
        targets.append(d);
    }
    nb::dict facts;
    for (const auto& [key, value] : g.facts) facts[key.c_str()] = value;
    return nb::make_tuple(std::move(g.volume), targets, facts);
}

VoxelVolume readVolumeFile(const std::string& path, std::optional<VoxelVolume::Spacing> voxelSize) {
    return io::readVolume(path, io::VolumeReadOptions{voxelSize});
}

}  // namespace

void bindMicro(nb::module_& m) {
    nb::class_<VoxelVolume>(m, "Volume",
                            "A segmented voxel volume: one phase label (uint8) per voxel")
        .def("__init__", &initVolume, nb::arg("labels"), nb::arg("voxel_size"),
             nb::arg("phase_names") = std::map<Label, std::string>{})
        .def_prop_ro("labels", &labelView, nb::rv_policy::reference_internal,
                     "(nz, ny, nx) uint8 array sharing the volume's memory")
        .def_prop_rw("voxel_size", [](const VoxelVolume& v) { return v.voxelSize(); },
                     [](VoxelVolume& v, VoxelVolume::Spacing s) { v.setVoxelSize(s); },
                     "Voxel edges along x, y, z [m]")
        .def_prop_rw("phase_names", [](const VoxelVolume& v) { return v.phaseNames(); },
                     [](VoxelVolume& v, std::map<Label, std::string> names) {
                         v.phaseNames() = std::move(names);
                     });
    m.def("read_volume", &readVolumeFile, nb::arg("path"), nb::arg("voxel_size") = nb::none());
    m.def("write_volume", &io::writeVolume, nb::arg("path"), nb::arg("volume"));
    m.def("generate", &generateVolume, nb::arg("text"), nb::arg("name"));
    m.def("volume_fractions", &fractions, nb::arg("volume"));
    m.def("connectivity", &connectivity, nb::arg("volume"), nb::arg("phases"), nb::arg("axis"),
          nb::arg("periodic"));
    m.def("accessible_fraction", &accessibility, nb::arg("volume"), nb::arg("active"),
          nb::arg("ionic"), nb::arg("electronic"), nb::arg("axis"), nb::arg("periodic"));
    m.def("particle_sizes", &sizes, nb::arg("volume"), nb::arg("phases"), nb::arg("periodic"),
          nb::arg("exclude_boundary"));
    m.def("tortuosity_factor", &tortuosity, nb::arg("volume"), nb::arg("phases"), nb::arg("axis"),
          nb::arg("periodic_sides"), nb::arg("flux_tolerance"), nb::arg("residual_tolerance"),
          nb::arg("double_precision"), nb::arg("threads"));
    m.def("effective_conductivity", &conductivity, nb::arg("volume"), nb::arg("conductivities"),
          nb::arg("interface_resistance"), nb::arg("pair_resistances"), nb::arg("axis"),
          nb::arg("periodic_sides"), nb::arg("flux_tolerance"), nb::arg("residual_tolerance"),
          nb::arg("double_precision"), nb::arg("threads"));

    nb::class_<micro::InterfaceAreas>(m, "InterfaceAreas",
                                      "Areas of every interface of a volume [m2]")
        .def_prop_ro("phases", &micro::InterfaceAreas::phases)
        .def_prop_ro("volume", &micro::InterfaceAreas::volume, "[m3]")
        .def("contact_area", &micro::InterfaceAreas::contactArea, nb::arg("a"), nb::arg("b"))
        .def("surface_area", &micro::InterfaceAreas::surfaceArea, nb::arg("a"))
        .def("specific_contact_area", &micro::InterfaceAreas::specificContactArea, nb::arg("a"),
             nb::arg("b"))
        .def("specific_surface_area", &micro::InterfaceAreas::specificSurfaceArea, nb::arg("a"));
    m.def(
        "interface_areas",
        [](const VoxelVolume& v, double smoothing, Periodic periodic) {
            return micro::interfaceAreas(v, {smoothing, periodic});
        },
        nb::arg("volume"), nb::arg("smoothing"), nb::arg("periodic"));
}

}  // namespace ssbsim::python
