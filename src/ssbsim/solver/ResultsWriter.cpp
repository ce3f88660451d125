#include "ssbsim/solver/ResultsWriter.h"

#include <fmt/format.h>

#include <filesystem>

#include "ssbsim/io/AtomicFile.h"
#include "ssbsim/io/CsvWriter.h"
#include "ssbsim/io/Hdf5Writer.h"

namespace ssbsim::solver {

nlohmann::json summarize(const Solution& s, const RunMetadata& m) {
    nlohmann::json cycles = nlohmann::json::array();
    for (const auto& c : s.cycles)
        cycles.push_back({{"Cycle", c.cycle + 1},
                          {"Discharge capacity [A.h]", c.dischargeCapacity},
                          {"Charge capacity [A.h]", c.chargeCapacity},
                          {"Discharge energy [W.h]", c.dischargeEnergy},
                          {"Charge energy [W.h]", c.chargeEnergy},
                          {"Coulombic efficiency", c.coulombicEfficiency()},
                          {"Energy efficiency", c.energyEfficiency()},
                          {"End voltage [V]", c.endVoltage}});
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& st : s.steps)
        steps.push_back({{"Step", st.index + 1},
                         {"Cycle", st.cycle + 1},
                         {"Text", st.text},
                         {"Start time [s]", st.startTime},
                         {"End time [s]", st.endTime},
                         {"End reason", st.endReason}});
    const auto& time = s.series.at("Time [s]");
    return {{"ssbsim version", m.version},
            {"Input file", m.cellFile},
            {"Experiment", m.experiment},
            {"Completed", !s.failed && s.stopReason.empty()},
            {"Solver failed", s.failed},
            {"Stop reason", s.stopReason},
            {"Simulated time [s]", time.empty() ? 0.0 : time.back()},
            {"Cycles", cycles},
            {"Steps", steps},
            {"Solver",
             {{"Relative tolerance", s.relativeTolerance},
              {"Solver time [s]", s.stats.seconds},
              {"Steps", s.stats.steps},
              {"Residual evaluations", s.stats.residualEvaluations},
              {"Jacobian evaluations", s.stats.jacobianEvaluations},
              {"Nonlinear iterations", s.stats.nonlinearIterations},
              {"Convergence failures", s.stats.convergenceFailures},
              {"Error test failures", s.stats.errorTestFailures}}}};
}

void writeResults(const std::string& folder, const Solution& s, const RunMetadata& m) {
    std::filesystem::create_directories(folder);
    const nlohmann::json summary = summarize(s, m);

    io::CsvWriter csv;
    for (const auto& name : s.names) csv.addColumn(name, s.series.at(name));

    io::Hdf5Writer h5(folder + "/results.h5");
    for (const auto& name : s.names) {
        const auto open = name.rfind('[');
        const std::string unit =
            open == std::string::npos ? "" : name.substr(open + 1, name.size() - open - 2);
        h5.writeVector("timeseries/" + io::hdf5Name(name), s.series.at(name), unit);
    }
    for (const auto& [region, x] : s.positions)
        h5.writeVector(fmt::format("profiles/{} x [m]", region), x, "m");
    std::vector<double> times;
    for (const auto& p : s.profiles) times.push_back(p.time);
    h5.writeVector("profiles/Time [s]", times, "s");
    if (!s.profiles.empty())
        for (const auto& [name, first] : s.profiles.front().values) {
            std::vector<double> matrix;
            for (const auto& p : s.profiles)
                matrix.insert(matrix.end(), p.values.at(name).begin(), p.values.at(name).end());
            h5.writeMatrix("profiles/" + io::hdf5Name(name), s.profiles.size(), first.size(),
                           matrix);
        }
    h5.writeText("input/cell.yaml", m.cellText);
    h5.writeText("summary.json", summary.dump(2));
    h5.setAttribute("/", "ssbsim version", m.version);
    h5.setAttribute("/", "input file", m.cellFile);

    // Commit in an order that leaves no inconsistent set: the big file last.
    csv.write(folder + "/timeseries.csv");
    io::writeFileAtomically(folder + "/summary.json", summary.dump(2) + "\n");
    h5.commit();
}

}  // namespace ssbsim::solver
