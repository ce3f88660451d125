#include "ssbsim/solver/Simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "ssbsim/core/Error.h"
#include "ssbsim/solver/DriveCycle.h"

namespace ssbsim::solver {

namespace {

using models::CellModel;
using models::CellParameters;

/// Longest a step may run when only a limit ends it: the limit should come first; this only
/// keeps a protocol whose limit is never reached from running forever.
constexpr double safetyDuration = 1000.0 * 24 * 3600;

/// Unit-cell current density (A/m^2) for a current given as a C-rate, stack current or density.
double currentDensity(Amount amount, double value, const CellParameters& p) {
    switch (amount) {
        case Amount::CRate:
            return value * p.nominalCapacity / 3600.0;
        case Amount::Current:
            return value / (p.area * p.cellsInParallel);
        default:
            return value;
    }
}

/// The control equation's mode and its set value for one unit cell, from a step's value
/// (docs/experiments.md#power-and-resistance-at-the-terminals).
std::pair<models::Control::Mode, double> unitCellSetting(Control control, Amount amount,
                                                         double value, const CellParameters& p) {
    using Mode = models::Control::Mode;
    switch (control) {
        case Control::Current:
            return {Mode::Current, currentDensity(amount, value, p)};
        case Control::Voltage:
            return {Mode::Voltage, value / p.cellsInSeries};
        case Control::Power: {
            const double perArea = amount == Amount::Power ? value / p.area : value;
            return {Mode::Power, perArea / (p.cellsInParallel * p.cellsInSeries)};
        }
        case Control::Resistance: {
            // The stack's V_s = R I_s with V_s = n_s V and I_s = n_p A i: V = R A n_p / n_s · i.
            const double timesArea = amount == Amount::Resistance ? value * p.area : value;
            return {Mode::Resistance, timesArea * p.cellsInParallel / p.cellsInSeries};
        }
        case Control::Rest:
            break;
    }
    return {Mode::Current, 0.0};
}

/// The control of a step that starts at `start`: a drive cycle's values placed on the
/// simulation clock, or the step's constant value.
models::Control controlOf(const Step& step, const CellParameters& p, double start) {
    models::Control control;
    std::tie(control.mode, control.value) =
        unitCellSetting(step.control, step.amount, step.value, p);
    if (!step.driveCycleFile.empty() && !step.driveCycle)
        throw std::logic_error(fmt::format(
            "step \"{}\": its drive cycle was never read (loadDriveCycles)", step.text));
    if (const DriveCycle* cycle = step.driveCycle.get()) {
        for (size_t k = 0; k < cycle->time.size(); ++k) {
            control.times.push_back(start + cycle->time[k]);
            control.values.push_back(
                unitCellSetting(step.control, step.amount, cycle->value[k], p).second);
        }
    }
    return control;
}

/// Events of one step: its own limits, then the limits of the cell that end the experiment.
struct StepEvents {
    Events events;
    std::vector<std::string> reasons;
    std::vector<bool> endsExperiment;
};

StepEvents eventsOf(const Step& step, const CellModel& model, const models::Control& control) {
    const CellParameters& p = model.parameters();
    std::vector<std::function<double(const double*)>> g;
    StepEvents e;
    auto add = [&](std::function<double(const double*)> f, int direction, std::string reason,
                   bool terminal) {
        g.push_back(std::move(f));
        e.events.direction.push_back(direction);
        e.reasons.push_back(std::move(reason));
        e.endsExperiment.push_back(terminal);
    };
    const bool charging = control.value < 0 && step.control != Control::Voltage;
    for (const Limit& limit : step.until) {
        if (limit.kind == Limit::Kind::Voltage) {
            const double v = limit.value / p.cellsInSeries;
            // A drive cycle may charge and discharge: its limit is a crossing either way.
            const int direction = step.driveCycle ? 0 : (charging ? +1 : -1);
            add([&model, v](const double* y) { return model.voltage(y) - v; }, direction,
                "voltage limit", false);
        } else {
            const Amount amount = limit.kind == Limit::Kind::CRate     ? Amount::CRate
                                  : limit.kind == Limit::Kind::Current ? Amount::Current
                                                                       : Amount::CurrentDensity;
            const double i = currentDensity(amount, limit.value, p);
            add([&model, i](const double* y) { return std::abs(model.currentDensity(y)) - i; }, -1,
                "current limit", false);
        }
    }
    if (!p.negative && p.metal.tracksLithium)
        add([&model](const double* y) { return model.lithiumThickness(y); }, -1,
            "the lithium metal was stripped completely", true);
    if (p.salt)  // below 0.1 % of c_e0 the salt is exhausted (diffusion-limited current)
        add([&model, floor = 1e-3 * p.salt->initialConcentration](
                const double* y) { return model.minimumSaltConcentration(y) - floor; },
            -1, "the electrolyte salt was depleted (the current exceeds the limiting current)",
            true);
    for (const auto side : {models::Side::Negative, models::Side::Positive}) {
        if (!model.hasElectrode(side)) continue;
        const std::string name = side == models::Side::Negative ? "negative" : "positive";
        const auto& ocv = side == models::Side::Negative ? p.negative->openCircuitPotential
                                                         : p.positive.openCircuitPotential;
        add(
            [&model, side, lo = ocv.xMin()](const double* y) {
                const auto x = model.surfaceStoichiometry(y, side);
                return *std::min_element(x.begin(), x.end()) - lo;
            },
            -1, fmt::format("the {} surface stoichiometry left its OCV table (lower end)", name),
            true);
        add(
            [&model, side, hi = ocv.xMax()](const double* y) {
                const auto x = model.surfaceStoichiometry(y, side);
                return hi - *std::max_element(x.begin(), x.end());
            },
            -1, fmt::format("the {} surface stoichiometry left its OCV table (upper end)", name),
            true);
    }
    e.events.count = g.size();
    e.events.evaluate = [g](double, const double* y, double* out) {
        for (size_t k = 0; k < g.size(); ++k) out[k] = g[k](y);
    };
    return e;
}

/// Appends one sample of every time series.
class Recorder {
  public:
    Recorder(const CellModel& model, Solution& solution) : model_(model), s_(solution) {
        s_.names = {"Time [s]",
                    "Voltage [V]",
                    "Current [A]",
                    "Current density [A.m-2]",
                    "Power [W]",
                    "Discharge capacity [A.h]",
                    "Discharge energy [W.h]",
                    "Positive electrode stoichiometry",
                    "Negative electrode stoichiometry",
                    "Negative interface overpotential [V]",
                    "Open-circuit voltage [V]",
                    "Particle concentration overpotential [V]",
                    "Reaction overpotential [V]",
                    "Interface film overpotential [V]",
                    "Electrolyte concentration overpotential [V]",
                    "Electrolyte ohmic overpotential [V]",
                    "Solid-phase ohmic overpotential [V]",
                    "Leakage current density [A.m-2]",
                    "Lithium metal thickness [m]",
                    "Lithium inventory [mol.m-2]",
                    "Temperature [K]",
                    "Heat generation [W]",
                    "Cycle number",
                    "Step number"};
        for (const auto& n : s_.names) s_.series[n];
    }

    /// Adds the current and power integrals from the last IDA step to this one (trapezoid rule,
    /// docs/outputs.md#timeseriescsv), to the run's and to its cycle's. Called at every step,
    /// so that an output period, however long, does not coarsen them.
    void advance(double t, const double* y) {
        const Terminal now = terminalOf(t, y);
        const auto [charge, energy] = sinceLast(now);
        capacity_ += charge;
        energy_ += energy;
        CycleSummary& c = s_.cycles.back();
        if (charge > 0) c.dischargeCapacity += charge, c.dischargeEnergy += energy;
        if (charge < 0) c.chargeCapacity -= charge, c.chargeEnergy -= energy;
        last_ = now;
    }

    /// Appends a sample at t, at or after the last advance (a step, or a point interpolated
    /// within the step that follows it).
    void sample(double t, const double* y, size_t step, size_t cycle) {
        const CellParameters& p = model_.parameters();
        // At a step (just advanced to) the terminal quantities are known; between steps, not.
        const Terminal now = last_ && last_->time == t ? *last_ : terminalOf(t, y);
        const auto [charge, energy] = sinceLast(now);  // the part since the last step
        s_.cycles.back().endVoltage = now.voltage;
        s_.series["Time [s]"].push_back(t);
        s_.series["Voltage [V]"].push_back(now.voltage);
        s_.series["Current [A]"].push_back(now.current);
        s_.series["Current density [A.m-2]"].push_back(model_.currentDensity(y));
        s_.series["Power [W]"].push_back(now.power);
        s_.series["Discharge capacity [A.h]"].push_back(capacity_ + charge);
        s_.series["Discharge energy [W.h]"].push_back(energy_ + energy);
        s_.series["Positive electrode stoichiometry"].push_back(model_.averageStoichiometry(y));
        s_.series["Negative electrode stoichiometry"].push_back(
            model_.hasElectrode(models::Side::Negative)
                ? model_.averageStoichiometry(y, models::Side::Negative)
                : 0.0);
        s_.series["Negative interface overpotential [V]"].push_back(
            model_.negativeOverpotential(y));
        const models::VoltageBreakdown losses = breakdown(y);
        s_.series["Leakage current density [A.m-2]"].push_back(model_.leakageCurrentDensity(y));
        s_.series["Lithium metal thickness [m]"].push_back(model_.lithiumThickness(y));
        s_.series["Lithium inventory [mol.m-2]"].push_back(model_.lithiumInventory(y));
        s_.series["Temperature [K]"].push_back(model_.temperature(y));
        s_.series["Heat generation [W]"].push_back(model_.heatGeneration(y, losses) * p.area *
                                                   p.cellsInParallel * p.cellsInSeries);
        s_.series["Cycle number"].push_back(static_cast<double>(cycle + 1));
        s_.series["Step number"].push_back(static_cast<double>(step + 1));
    }

    void profile(double t, const double* y) {
        if (!s_.profiles.empty() && s_.profiles.back().time == t)
            return;  // asked for and a step end
        Profile pr;
        pr.time = t;
        for (auto& v : model_.profiles(y)) pr.values[v.name] = std::move(v.values);
        s_.profiles.push_back(std::move(pr));
    }

  private:
    /// The voltage breakdown, for the stack like the voltage (× cells in series).
    models::VoltageBreakdown breakdown(const double* y) {
        const models::VoltageBreakdown b = model_.voltageBreakdown(y);
        const double series = model_.parameters().cellsInSeries;
        auto add = [&](const char* name, double v) { s_.series[name].push_back(series * v); };
        add("Open-circuit voltage [V]", b.openCircuit);
        add("Particle concentration overpotential [V]", b.particleConcentration);
        add("Reaction overpotential [V]", b.reaction);
        add("Interface film overpotential [V]", b.film);
        add("Electrolyte concentration overpotential [V]", b.electrolyteConcentration);
        add("Electrolyte ohmic overpotential [V]", b.electrolyteOhmic);
        add("Solid-phase ohmic overpotential [V]", b.solidOhmic);
        return b;
    }

    const CellModel& model_;
    Solution& s_;
    /// The stack's terminal quantities at a time: V, A (discharge > 0), W.
    struct Terminal {
        double time, voltage, current, power;
    };
    std::optional<Terminal> last_;          ///< at the last advance
    double capacity_ = 0.0, energy_ = 0.0;  ///< A h, W h, up to last_

    Terminal terminalOf(double t, const double* y) const {
        const CellParameters& p = model_.parameters();
        const double voltage = model_.voltage(y) * p.cellsInSeries;
        const double current = model_.currentDensity(y) * p.area * p.cellsInParallel;
        return {t, voltage, current, current * voltage};
    }

    /// ∫I dt (A h) and ∫P dt (W h) from the last advance to `now`, trapezoid rule.
    std::pair<double, double> sinceLast(const Terminal& now) const {
        if (!last_) return {0.0, 0.0};
        const double hours = (now.time - last_->time) / 3600.0;
        return {0.5 * (now.current + last_->current) * hours,
                0.5 * (now.power + last_->power) * hours};
    }
};

/// The times at which profiles were asked for: a list and a period, merged in time order.
class ProfileSchedule {
  public:
    ProfileSchedule(std::vector<double> times, double period)
        : times_(std::move(times)), period_(period) {}

    /// The next time a profile is due (+∞ when none is left).
    double next() const {
        const double listed =
            index_ < times_.size() ? times_[index_] : std::numeric_limits<double>::infinity();
        const double periodic = period_ > 0 ? static_cast<double>(periods_) * period_
                                            : std::numeric_limits<double>::infinity();
        return std::min(listed, periodic);
    }
    /// Marks every request at `time` as served.
    void served(double time) {
        while (index_ < times_.size() && times_[index_] <= time) ++index_;
        if (period_ > 0)
            while (static_cast<double>(periods_) * period_ <= time) ++periods_;
    }

  private:
    std::vector<double> times_;
    double period_;
    size_t index_ = 0;
    size_t periods_ = 0;
};

}  // namespace

Simulation::Simulation(models::CellModel& model, SimulationOptions options)
    : model_(model), options_(options) {}

Solution Simulation::run(const Experiment& experiment) {
    Solution solution;
    solution.positions["Electrolyte"] = model_.cellCentres();
    for (const auto side : {models::Side::Negative, models::Side::Positive})
        if (model_.hasElectrode(side))
            solution.positions[std::string(toString(side))] = model_.electrodeCentres(side);
    Recorder record(model_, solution);
    ProfileSchedule schedule(options_.profileTimes, options_.profilePeriod);
    std::vector<double> interpolated(model_.size());
    IdaIntegrator integrator(model_, options_.integrator);
    std::vector<double> y = model_.restState(options_.initialStateOfCharge);
    std::vector<double> yp(y.size(), 0.0);
    double t = 0.0;
    size_t cycle = 0;
    try {
        for (size_t index = 0; index < experiment.steps.size(); ++index) {
            while (cycle + 1 < experiment.cycleStart.size() &&
                   experiment.cycleStart[cycle + 1] <= index)
                ++cycle;
            if (solution.cycles.size() <= cycle) solution.cycles.push_back({cycle, 0, 0, 0, 0, 0});
            const Step& step = experiment.steps[index];
            const models::Control control = controlOf(step, model_.parameters(), t);
            model_.setControl(control);
            const StepEvents events = eventsOf(step, model_, control);
            integrator.restart(t, y, yp, events.events);
            StepSummary summary{index, cycle, step.text, t, t, "time"};
            record.advance(t, integrator.y());
            record.sample(t, integrator.y(), index, cycle);
            if (schedule.next() <= t) {  // due at a step boundary (e.g. t = 0)
                record.profile(t, integrator.y());
                schedule.served(t);
            }
            const double tEnd = t + step.duration.value_or(safetyDuration);
            // With a period, samples at start + k·period on IDA's interpolant (of the method's
            // order, as accurate as the steps) and the step's end; without, every step.
            const double stepStart = t;
            size_t periods = 1;
            bool stopExperiment = false;
            // A limit already passed when the step starts (e.g. the overpotential of a charge
            // current lifts the voltage above the limit at once) ends the step right away: IDA
            // only finds crossings.
            std::vector<double> g(events.events.count);
            events.events.evaluate(t, integrator.y(), g.data());
            bool endedAtStart = false;
            for (size_t k = 0; k < g.size(); ++k)
                if (events.events.direction[k] * g[k] > 0) {
                    summary.endReason = events.reasons[k] + " (already at the start of the step)";
                    stopExperiment = stopExperiment || events.endsExperiment[k];
                    endedAtStart = true;
                }
            while (!endedAtStart) {
                // A drive cycle's slope changes at its points: IDA stops there, so that no
                // step straddles a kink of the set value.
                const double stop = std::min(tEnd, control.nextBreakAfter(integrator.time()));
                auto outcome = integrator.step(stop);
                const double now = integrator.time();
                if (outcome == IdaIntegrator::Outcome::StopTime && now < tEnd)
                    outcome = IdaIntegrator::Outcome::Step;
                const bool ends = outcome != IdaIntegrator::Outcome::Step;
                for (double due = schedule.next(); due <= now; due = schedule.next()) {
                    integrator.interpolate(due, interpolated.data());
                    record.profile(due, interpolated.data());
                    schedule.served(due);
                }
                if (step.period)
                    for (double due;
                         (due = stepStart + static_cast<double>(periods) * *step.period) < now;
                         ++periods) {
                        integrator.interpolate(due, interpolated.data());
                        record.sample(due, interpolated.data(), index, cycle);
                    }
                record.advance(now, integrator.y());
                if (ends || !step.period) record.sample(now, integrator.y(), index, cycle);
                if (outcome == IdaIntegrator::Outcome::StopTime) break;
                if (outcome == IdaIntegrator::Outcome::Event) {
                    const auto fired = integrator.firedEvents();
                    for (size_t k = 0; k < fired.size(); ++k)
                        if (fired[k]) {
                            summary.endReason = events.reasons[k];
                            stopExperiment = stopExperiment || events.endsExperiment[k];
                        }
                    break;
                }
            }
            t = integrator.time();
            y.assign(integrator.y(), integrator.y() + model_.size());
            yp.assign(integrator.yp(), integrator.yp() + model_.size());
            summary.endTime = t;
            solution.steps.push_back(summary);
            if (options_.onStep) options_.onStep(summary, experiment.steps.size());
            record.profile(t, y.data());
            if (stopExperiment) {
                solution.stopReason =
                    fmt::format("step {} (\"{}\") ended the experiment: {} at t = {:.6g} s",
                                index + 1, step.text, summary.endReason, t);
                break;
            }
        }
    } catch (const SolverError& e) {
        solution.failed = true;
        solution.stopReason = e.what();
        record.profile(integrator.time(), integrator.y());  // the last good state, for diagnosis
    }
    solution.stats = integrator.stats();
    solution.relativeTolerance = options_.integrator.relativeTolerance;
    return solution;
}

}  // namespace ssbsim::solver
