// The cell engine for Python: cells from files, text or BPX; runs; impedance; design
// (docs/python.md). The sequence is solver/CellRun.h, the CLI's own, so results are equal bit
// for bit.

#include <nanobind/stl/function.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <complex>
#include <filesystem>
#include <memory>
#include <optional>

#include "Bindings.h"
#include "ssbsim/cell/CellDesign.h"
#include "ssbsim/cell/DesignReport.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/io/TextFile.h"
#include "ssbsim/models/BpxReader.h"
#include "ssbsim/solver/CellRun.h"
#include "ssbsim/solver/ResultsWriter.h"

namespace ssbsim::python {

namespace {

using solver::RunInput;

/// A cell read for the engine: a cell file (with the materials library its spec points into)
/// or a BPX file.
struct CellInput {
    std::shared_ptr<const materials::MaterialLibrary> library;
    std::optional<solver::CellSetup> setup;  ///< cell files
    std::string bpxFile;                     ///< BPX files
    std::string file;                        ///< absolute path, or the name given to a text
    std::string text;                        ///< as read, stored with results

    RunInput runInput(const std::vector<std::string>& protocol) const {
        return setup ? solver::cellRunInput(*setup, protocol)
                     : solver::bpxRunInput(bpxFile, protocol);
    }
    const solver::CellSetup& cellSetup(const char* what) const {
        if (!setup) throw InputError(std::string(what) + " needs a cell file; this is a BPX cell");
        return *setup;
    }
};

CellInput cellFromText(std::string text, std::string name, const std::vector<std::string>& folders) {
    auto library =
        std::make_shared<const materials::MaterialLibrary>(materials::MaterialLibrary::load(folders));
    solver::CellSetup setup = solver::readCellSetup(io::ConfigNode::loadString(text, name), *library);
    return {std::move(library), std::move(setup), {}, std::move(name), std::move(text)};
}

CellInput cellFromFile(const std::string& path, const std::vector<std::string>& folders) {
    // Read as the CLI reads it (ConfigNode::loadFile names the file in messages).
    auto library =
        std::make_shared<const materials::MaterialLibrary>(materials::MaterialLibrary::load(folders));
    solver::CellSetup setup = solver::readCellSetup(io::ConfigNode::loadFile(path), *library);
    return {std::move(library), std::move(setup), {}, std::filesystem::absolute(path).string(),
            io::readTextFile(path)};
}

CellInput cellFromBpx(const std::string& path) {
    models::readBpxFile(path);  // reads and checks the file now, not at the first run
    return {nullptr, std::nullopt, path, std::filesystem::absolute(path).string(), io::readTextFile(path)};
}

/// A finished run: the C++ solution, viewed from numpy without copies, and what was run.
struct RunResult {
    solver::Solution solution;
    solver::RunMetadata metadata;
};

RunResult runCell(const CellInput& cell, const std::vector<std::string>& protocol,
                  std::optional<double> initialSoc, std::optional<std::string> profilePeriod,
                  std::optional<std::vector<double>> profileTimes,
                  std::optional<double> relativeTolerance,
                  std::function<void(size_t, size_t, std::string, double, std::string)> onStep) {
    RunInput in = cell.runInput(protocol);
    if (initialSoc) solver::setInitialStateOfCharge(in, *initialSoc);
    if (profilePeriod) solver::setProfilePeriod(in, *profilePeriod);
    if (profileTimes) in.settings.options.profileTimes = *profileTimes;
    if (relativeTolerance) solver::setRelativeTolerance(in, *relativeTolerance);
    solver::StepCallback progress;
    if (onStep)
        progress = [&](const solver::StepSummary& step, size_t steps) {
            nb::gil_scoped_acquire gil;
            onStep(step.index, steps, step.text, step.endTime, step.endReason);
        };
    RunResult result;
    {
        nb::gil_scoped_release released;
        result.solution = solver::runExperiment(in, progress);
    }
    result.metadata = {SSBSIM_VERSION, cell.file, cell.text, in.protocol,
                       result.solution.stats.seconds};
    return result;
}

nb::ndarray<nb::numpy, const double, nb::ndim<1>> seriesView(const RunResult& r,
                                                             const std::string& name) {
    const auto it = r.solution.series.find(name);
    if (it == r.solution.series.end()) throw nb::key_error(name.c_str());
    return {it->second.data(), {it->second.size()}, nb::find(&r)};
}

/// One profile variable as a (times × cells) array.
nb::ndarray<nb::numpy, double, nb::ndim<2>> profileMatrix(const RunResult& r,
                                                          const std::string& name) {
    const auto& profiles = r.solution.profiles;
    if (profiles.empty() || !profiles.front().values.count(name))
        throw nb::key_error(name.c_str());
    const size_t cells = profiles.front().values.at(name).size();
    std::vector<double> matrix;
    matrix.reserve(profiles.size() * cells);
    for (const auto& p : profiles)
        matrix.insert(matrix.end(), p.values.at(name).begin(), p.values.at(name).end());
    return toNumpy<double, nb::ndim<2>>(std::move(matrix), {profiles.size(), cells});
}

std::vector<std::string> profileNames(const RunResult& r) {
    std::vector<std::string> names;
    if (!r.solution.profiles.empty())
        for (const auto& [name, values] : r.solution.profiles.front().values) names.push_back(name);
    return names;
}

nb::dict positions(const RunResult& r) {
    nb::dict out;
    for (const auto& [region, x] : r.solution.positions) out[region.c_str()] = toNumpy(x);
    return out;
}

std::vector<double> profileTimes(const RunResult& r) {
    std::vector<double> times;
    for (const auto& p : r.solution.profiles) times.push_back(p.time);
    return times;
}

using ComplexArray = nb::ndarray<nb::numpy, std::complex<double>, nb::ndim<1>>;

std::tuple<nb::ndarray<nb::numpy, double, nb::ndim<1>>, ComplexArray, ComplexArray> impedance(
    const CellInput& cell, double soc, double fMin, double fMax, int pointsPerDecade) {
    const solver::CellSetup& setup = cell.cellSetup("the impedance");
    solver::ImpedanceSpectrum s;
    {
        nb::gil_scoped_release released;
        s = solver::cellImpedance(setup, {soc, fMin, fMax, pointsPerDecade});
    }
    return {toNumpy(std::move(s.frequency)), toNumpy(std::move(s.areaSpecific)),
            toNumpy(std::move(s.cell))};
}

std::string designJson(const CellInput& cell) {
    return cell::designToJson(cell::designCell(cell.cellSetup("the design").spec)).dump();
}

}  // namespace

void bindEngine(nb::module_& m) {
    nb::class_<CellInput>(m, "CellInput", "A cell read for the engine (see ssbsim.Cell)")
        .def_ro("file", &CellInput::file)
        .def_ro("text", &CellInput::text)
        .def_prop_ro("is_bpx", [](const CellInput& c) { return !c.setup; })
        .def("design_json", &designJson, "The design summary as JSON (as `ssbsim design`)")
        .def("run", &runCell, nb::arg("protocol"), nb::arg("initial_soc") = nb::none(),
             nb::arg("profile_period") = nb::none(), nb::arg("profile_times") = nb::none(),
             nb::arg("relative_tolerance") = nb::none(), nb::arg("on_step") = nb::none())
        .def("impedance", &impedance, nb::arg("soc"), nb::arg("f_min"), nb::arg("f_max"),
             nb::arg("points_per_decade"));
    m.def("load_cell", &cellFromFile, nb::arg("path"), nb::arg("materials_folders"));
    m.def("cell_from_text", &cellFromText, nb::arg("text"), nb::arg("name"),
          nb::arg("materials_folders"));
    m.def("load_bpx", &cellFromBpx, nb::arg("path"));
    m.def("materials_search_path", &materials::MaterialLibrary::searchPath,
          nb::arg("extra_folders"));

    nb::class_<RunResult>(m, "RunResult", "A finished run (see ssbsim.Solution)")
        .def_prop_ro("names", [](const RunResult& r) { return r.solution.names; })
        .def("series", &seriesView, nb::arg("name"))
        .def_prop_ro("profile_names", &profileNames)
        .def("profile", &profileMatrix, nb::arg("name"))
        .def_prop_ro(
            "profile_times", [](const RunResult& r) { return toNumpy(profileTimes(r)); },
            nb::rv_policy::automatic)  // a new array, not a view of the result
        .def_prop_ro("positions", &positions)
        .def_prop_ro("summary_json",
                     [](const RunResult& r) { return solver::summarize(r.solution, r.metadata).dump(); })
        .def_prop_ro("cell_text", [](const RunResult& r) { return r.metadata.cellText; })
        .def("save", [](const RunResult& r, const std::string& folder) {
            solver::writeResults(folder, r.solution, r.metadata);
        }, nb::arg("folder"));
}

}  // namespace ssbsim::python
