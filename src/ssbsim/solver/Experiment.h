#pragma once
// Cycling protocols written as PyBaMM-style text ("Discharge at 1C until 2.5 V",
// "[Discharge at 1C until 3 V, Rest for 1 hour] * 100"), read into steps in SI units.
// Grammar, units and sign convention: docs/experiments.md.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ssbsim/io/ConfigNode.h"

namespace ssbsim::solver {

/// What a step imposes on the cell.
enum class Control { Current, Voltage, Power, Resistance, Rest };

/// How the imposed value was written, and so the unit of Step::value.
enum class Amount {
    CRate,           ///< multiple of the 1C current (1/h as a number: "C/2" -> 0.5)
    Current,         ///< A
    CurrentDensity,  ///< A/m^2
    Voltage,         ///< V
    Power,           ///< W
    PowerDensity,    ///< W/m^2
    Resistance,      ///< Ohm, the stack's external load
    AreaResistance,  ///< Ohm m^2, the load times the cell area
    None             ///< Rest steps
};

struct DriveCycle;  // solver/DriveCycle.h

/// A condition that ends a step ("until ..."). A voltage limit ends the step when the voltage
/// reaches the value; a current limit (C-rate, current, current density) when |I| falls below it.
struct Limit {
    enum class Kind { Voltage, CRate, Current, CurrentDensity };
    Kind kind;
    double value;  ///< SI: V, C-rate number, A, A/m^2; current limits are magnitudes (> 0)
};

/// One step of a protocol.
struct Step {
    std::string text;  ///< as written (trimmed), for logs and per-step outputs
    Control control;
    Amount amount;
    /// SI. Current, power and resistance: discharge positive, charge negative (a C-rate number
    /// is signed the same way; a negative resistance drives a charging current V/R, as in
    /// PyBaMM). Voltage steps: the held voltage. Rest: 0.
    double value;
    std::optional<double> duration;  ///< s ("for ...")
    std::vector<Limit> until;        ///< any one reached ends the step
    std::optional<double> period;    ///< s, output interval ("(1 minute period)")
    /// "Run <file>": a load that varies in time, from a CSV file. `driveCycleFile` is the path
    /// as written; loadDriveCycles reads it into `driveCycle` and sets control, amount and
    /// duration from it (value is then unused).
    std::string driveCycleFile;
    std::shared_ptr<const DriveCycle> driveCycle;
};

/// A protocol: its steps in order, grouped into cycles.
struct Experiment {
    std::vector<Step> steps;
    std::vector<std::size_t> cycleStart;  ///< index in `steps` of the first step of each cycle
};

/// What a step with a rate of this kind controls (a C-rate or current: Current, a voltage:
/// Voltage, ...).
Control controlOf(Amount amount);

/// The kind of rate a unit measures and the SI value of one of it ("mA" → Current, 1e-3;
/// "ohm cm2" → AreaResistance, 1e-4). Throws InputError with the reason ("unit 'kg' is a
/// mass") for a unit that is no rate's.
std::pair<Amount, double> rateOfUnit(std::string_view unit);

/// Reads one step. Throws InputError naming the text, the column and what was expected, e.g.
///   cannot read step "Dischage at 1C until 2.5 V": expected Discharge, Charge, Hold or Rest
///   at column 1, found "Dischage" (did you mean "Discharge"?)
Step parseStep(std::string_view text);

/// Reads a protocol from items, each a step (a one-step cycle) or a cycle expression
/// "[step, step, ...] * N" / "(step, step, ...) * N" (N repetitions, each its own cycle).
/// Throws InputError as parseStep does.
Experiment parseExperiment(const std::vector<std::string>& items);

/// Reads a protocol from YAML: a list whose items are step (or cycle-expression) strings, or maps
/// {cycle: [step, ...], repeat: N}. Errors are located at the offending YAML node.
Experiment readExperiment(const io::ConfigNode& node);

/// A galvanostatic intermittent titration (GITT) or pulse protocol, as parseExperiment items:
/// `pulses` cycles of (pulse at |cRate| C for pulseSeconds, rest for restSeconds). cRate > 0
/// discharges, cRate < 0 charges. Returns e.g. {"[Discharge at 0.1C for 600 seconds, Rest for
/// 3600 seconds] * 20"}. Throws InputError for cRate = 0, non-positive times or pulses outside
/// [1, 100000].
std::vector<std::string> gittProtocol(double cRate, double pulseSeconds, double restSeconds,
                                      int pulses);

}  // namespace ssbsim::solver
