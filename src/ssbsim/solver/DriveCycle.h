#pragma once
// A load that varies in time ("Run us06.csv"): a current, power, voltage or resistance listed
// against time in a CSV file, linear between the listed times, as PyBaMM interpolates its drive
// cycles (docs/experiments.md#drive-cycles).

#include <string>
#include <vector>

#include "ssbsim/solver/Experiment.h"

namespace ssbsim::solver {

struct DriveCycle {
    Amount amount = Amount::Current;
    std::vector<double> time;   ///< s from the step's start: 0 first, increasing
    std::vector<double> value;  ///< SI, signed as Step::value (discharge > 0)

    double duration() const { return time.back(); }
};

/// Reads a drive cycle: a header line "Time [<time unit>],<name> [<unit>]", the unit deciding
/// the kind (A, mA/cm2, W, W/m2, V, Ohm, ohm cm2; or a name "C-rate" without unit), then one
/// "time,value" pair per line. Throws InputError at the file, line and column of anything that
/// is not so: at least two rows, times from 0 and increasing, finite numbers.
DriveCycle readDriveCycle(const std::string& path);

/// Reads the file of every "Run <file>" step (each file once), relative to `baseDirectory`
/// unless absolute, and sets the step's control and amount from it; its duration is the
/// cycle's unless "for" gives a shorter one. Throws InputError for an unreadable file, a
/// duration beyond the cycle's end, or a voltage limit on a voltage cycle.
void loadDriveCycles(Experiment& experiment, const std::string& baseDirectory);

}  // namespace ssbsim::solver
