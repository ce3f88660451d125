#pragma once
// The cell engine's main job as one sequence shared by the CLI (`run`, `eis`) and the Python
// package: a cell file (or BPX file) is read into model parameters, settings and a protocol;
// the protocol is run, or the impedance is computed at rest. Both front ends call these, so the
// same input gives the same numbers bit for bit (docs/python.md).

#include <complex>
#include <functional>
#include <string>
#include <vector>

#include "ssbsim/cell/CellSpec.h"
#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/materials/MaterialLibrary.h"
#include "ssbsim/models/CellParameters.h"
#include "ssbsim/solver/Experiment.h"
#include "ssbsim/solver/SimulationSettings.h"
#include "ssbsim/solver/Solution.h"

namespace ssbsim::solver {

/// A cell file read for the cell engine: the YAML tree, for sections such as `experiment:`,
/// the validated design and the `simulation:` settings. The spec points into the materials
/// library it was read with: the library must outlive the setup.
struct CellSetup {
    io::ConfigNode root;
    cell::CellSpec spec;
    SimulationSettings settings;
};

/// Validates a cell file's tree (from ConfigNode::loadFile or loadString); InputError at the
/// bad key.
CellSetup readCellSetup(io::ConfigNode root, const materials::MaterialLibrary& library);

/// What a run starts from: the model's parameters, the settings and the protocol.
struct RunInput {
    models::CellParameters parameters;
    SimulationSettings settings;
    Experiment experiment;
    std::vector<std::string> protocol;  ///< the steps as given (stored with the results)
};

/// From a cell: `protocol` when given, else the file's `experiment:` list; InputError when
/// neither has one.
RunInput cellRunInput(const CellSetup& setup, const std::vector<std::string>& protocol);
/// From a BPX file, on PyBaMM's default DFN mesh; the protocol is required.
RunInput bpxRunInput(const std::string& bpxFile, const std::vector<std::string>& protocol);

/// Command-line style overrides of the `simulation:` settings: the initial state of charge
/// (0..1) and the profile period as text with a unit ("10 min"); InputError when out of range.
void setInitialStateOfCharge(RunInput& input, double stateOfCharge);
void setProfilePeriod(RunInput& input, const std::string& period);
/// IDA's relative tolerance, within the bounds of the cell file's `relative-tolerance`
/// (solver/SimulationSettings.h); InputError outside.
void setRelativeTolerance(RunInput& input, double tolerance);

/// Called at the end of every step with the step and the number of steps (progress display).
using StepCallback = std::function<void(const StepSummary&, size_t)>;

/// Runs the protocol. Never throws for numerical trouble (Solution::failed says so).
Solution runExperiment(const RunInput& input, const StepCallback& onStep = {});

/// Z per frequency, area-specific (Ω m², one unit cell) and for the whole stack (Ω).
struct ImpedanceSpectrum {
    std::vector<double> frequency;  ///< Hz, descending
    std::vector<std::complex<double>> areaSpecific;
    std::vector<std::complex<double>> cell;
};

struct SpectrumOptions {
    double stateOfCharge = 0.5;
    double fMin = 1e-3;  ///< Hz
    double fMax = 1e6;   ///< Hz
    int pointsPerDecade = 10;
};

/// Small-signal impedance at rest at a state of charge (docs/physics/impedance.md); InputError
/// for a state of charge outside [0, 1] or an empty frequency range.
ImpedanceSpectrum cellImpedance(const CellSetup& setup, const SpectrumOptions& options);

}  // namespace ssbsim::solver
