// Impedance by linearization (docs/physics/impedance.md): exact against equivalent circuits, and
// the cell model's spectrum against what an RC network, an instantaneous current step, the
// separator and metal-interface resistances in series and the intercalation capacitance demand.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>

#include "ssbsim/cell/CellReader.h"
#include "ssbsim/core/Constants.h"
#include "ssbsim/core/Error.h"
#include "ssbsim/core/MonotoneCubic.h"
#include "ssbsim/models/CellModel.h"
#include "ssbsim/solver/Impedance.h"
#include "support/TestCells.h"

using namespace ssbsim;
using Complex = std::complex<double>;

namespace {

constexpr double twoPi = 2.0 * std::numbers::pi;

/// A current-driven circuit: series resistance R0, then RC elements R_k ∥ C_k in series (G_k =
/// 1/R_k; G_k = 0 is a bare capacitor). Unknowns y = (I, v_1, ..., v_m) in the cell model's
/// convention — I > 0 on discharge, the control row I − I_set, the voltage
///     V = E0 − R0 I − Σ v_k,   C_k v_k' = I − G_k v_k,
/// so that Z = −δV/δI = R0 + Σ R_k / (1 + iω R_k C_k).
class RcCircuit : public DaeProblem {
  public:
    struct Element {
        double conductance;  ///< S·m^2 (1/R)
        double capacitance;  ///< F/m^2
    };
    RcCircuit(double r0, std::vector<Element> elements) : r0_(r0), elements_(std::move(elements)) {}

    size_t size() const override { return 1 + elements_.size(); }
    std::vector<bool> differential() const override {
        std::vector<bool> d(size(), true);
        d[0] = false;
        return d;
    }
    std::vector<double> absoluteTolerances() const override {
        return std::vector<double>(size(), 1e-9);
    }
    std::string describeUnknown(size_t i) const override {
        return i == 0 ? "I" : "v" + std::to_string(i);
    }
    void residual(double, const double* y, const double* yp, double* r) const override {
        evaluate(y, yp, r);
    }
    void residual(double, const JacobianDual* y, const JacobianDual* yp,
                  JacobianDual* r) const override {
        evaluate(y, yp, r);
    }
    void residual(double, const Traced* y, const Traced* yp, Traced* r) const override {
        evaluate(y, yp, r);
    }

    std::vector<double> voltageGradient() const {
        std::vector<double> g(size(), -1.0);
        g[0] = -r0_;
        return g;
    }
    Complex exact(double frequency) const {
        const Complex iw(0.0, twoPi * frequency);
        Complex z = r0_;
        for (const auto& e : elements_) z += 1.0 / (e.conductance + iw * e.capacitance);
        return z;
    }
    /// A rest point: no current, capacitors discharged (the circuit is linear, any point will do).
    solver::OperatingPoint rest() const {
        return {std::vector<double>(size(), 0.0), std::vector<double>(size(), 0.0)};
    }

  private:
    template <class T>
    void evaluate(const T* y, const T* yp, T* r) const {
        r[0] = y[0] - setCurrent_;
        for (size_t k = 0; k < elements_.size(); ++k)
            r[k + 1] =
                elements_[k].capacitance * yp[k + 1] - y[0] + elements_[k].conductance * y[k + 1];
    }

    double r0_;
    std::vector<Element> elements_;
    double setCurrent_ = 0.0;  ///< A/m^2; the linearization does not depend on it
};

void expectMatches(const RcCircuit& circuit, const std::vector<double>& f, double tolerance) {
    const auto z =
        solver::Impedance(circuit, circuit.rest(), 0, circuit.voltageGradient()).spectrum(f);
    ASSERT_EQ(z.size(), f.size());
    for (size_t k = 0; k < f.size(); ++k)
        EXPECT_LE(std::abs(z[k] - circuit.exact(f[k])), tolerance * std::abs(circuit.exact(f[k])))
            << "f = " << f[k] << " Hz: " << z[k] << " vs " << circuit.exact(f[k]);
}

}  // namespace

TEST(Impedance, RandlesCircuitMatchesTheAnalyticImpedance) {
    // R0 = 10 mΩ m², R1 = 50 mΩ m², C1 = 2 F/m²: τ = 0.1 s, the arc's apex at 1.6 Hz.
    const double r0 = 0.01, r1 = 0.05, c1 = 2.0;
    const RcCircuit circuit(r0, {{1.0 / r1, c1}});
    expectMatches(circuit, solver::logFrequencies(1e-3, 1e6, 10), 1e-10);

    solver::Impedance impedance(circuit, circuit.rest(), 0, circuit.voltageGradient());
    // Limits: the capacitor shorts R1 at high frequency, blocks at DC. At 1 MHz the remainder
    // R1/(1 + (ωτ)²) is 1e-13 Ω m²; at 1 mHz R1 (ωτ)² / (1 + (ωτ)²) is 2e-8 Ω m².
    const Complex high = impedance.at(1e6);
    EXPECT_NEAR(high.real(), r0, 1e-9 * r0);
    EXPECT_NEAR(high.imag(), -r1 / (twoPi * 1e6 * r1 * c1), 1e-12);  // −1/(ωC1)
    const Complex low = impedance.at(1e-3);
    EXPECT_NEAR(low.real(), r0 + r1, 1e-6 * (r0 + r1));
    EXPECT_LT(low.imag(), 0.0);  // capacitive: the voltage lags the current
    const Complex dc = impedance.at(0.0);
    EXPECT_NEAR(dc.real(), r0 + r1, 1e-14);
    EXPECT_EQ(dc.imag(), 0.0);
}

TEST(Impedance, TwoRcElementsInSeriesMatchTheAnalyticImpedance) {
    // Time constants 1e-4 s and 10 s: two arcs four decades apart.
    const double r0 = 0.002, r1 = 0.01, c1 = 0.01, r2 = 0.03, c2 = 1000.0 / 3.0;
    const RcCircuit circuit(r0, {{1.0 / r1, c1}, {1.0 / r2, c2}});
    expectMatches(circuit, solver::logFrequencies(1e-3, 1e6, 10), 1e-10);
    solver::Impedance impedance(circuit, circuit.rest(), 0, circuit.voltageGradient());
    EXPECT_NEAR(impedance.at(0.0).real(), r0 + r1 + r2, 1e-14);
    // The faster element leaves R1/(ωτ1)² = 3e-14 Ω m² of its arc at 1 GHz.
    EXPECT_NEAR(impedance.at(1e9).real(), r0, 1e-9 * r0);
}

TEST(Impedance, SeriesCapacitorIsSingularAtZeroFrequency) {
    // A bare capacitor in series blocks DC: ∂F/∂y has an empty column at ω = 0.
    const double r0 = 0.01, c = 5.0;
    const RcCircuit circuit(r0, {{0.0, c}});
    solver::Impedance impedance(circuit, circuit.rest(), 0, circuit.voltageGradient());
    try {
        impedance.at(0.0);
        FAIL() << "expected SolverError";
    } catch (const SolverError& e) {
        EXPECT_NE(std::string(e.what()).find("f = 0 Hz"), std::string::npos) << e.what();
    }
    // At 1 Hz it is R0 + 1/(iωC); the factorization is still usable after the failure.
    const Complex z = impedance.at(1.0);
    EXPECT_NEAR(z.real(), r0, 1e-15);
    EXPECT_NEAR(z.imag(), -1.0 / (twoPi * c), 1e-15);
    EXPECT_THROW(impedance.at(-1.0), std::invalid_argument);
    EXPECT_THROW(impedance.at(std::nan("")), std::invalid_argument);
}

TEST(Impedance, RejectsSizesThatDoNotMatchTheProblem) {
    const RcCircuit circuit(0.01, {{20.0, 2.0}});
    EXPECT_THROW(solver::Impedance(circuit, circuit.rest(), 2, circuit.voltageGradient()),
                 std::invalid_argument);
    EXPECT_THROW(solver::Impedance(circuit, circuit.rest(), 0, {1.0}), std::invalid_argument);
}

TEST(Impedance, LogFrequenciesDescendWithExactDecades) {
    const auto f = solver::logFrequencies(1e-3, 1e6, 10);
    ASSERT_EQ(f.size(), 91u);  // 9 decades × 10 + 1
    EXPECT_EQ(f.front(), 1e6);
    EXPECT_EQ(f.back(), 1e-3);
    EXPECT_EQ(f[30], 1e3);
    EXPECT_EQ(f[60], 1.0);
    for (size_t k = 1; k < f.size(); ++k) EXPECT_NEAR(std::log10(f[k - 1] / f[k]), 0.1, 1e-12) << k;
    // A range of 1.7 decades at 10 per decade: 17 equal steps of 0.0999 decade.
    const auto g = solver::logFrequencies(1.0, 50.0, 10);
    ASSERT_EQ(g.size(), 18u);
    EXPECT_EQ(g.front(), 50.0);
    EXPECT_EQ(g.back(), 1.0);
    EXPECT_EQ(solver::logFrequencies(1.0, 2.0, 1).size(), 2u);
    EXPECT_THROW(solver::logFrequencies(0.0, 1.0, 10), std::invalid_argument);
    EXPECT_THROW(solver::logFrequencies(10.0, 1.0, 10), std::invalid_argument);
    EXPECT_THROW(solver::logFrequencies(1.0, 1.0, 10), std::invalid_argument);
    EXPECT_THROW(solver::logFrequencies(1.0, 10.0, 0), std::invalid_argument);
    EXPECT_THROW(solver::logFrequencies(1.0, INFINITY, 10), std::invalid_argument);
}

// The cell model ------------------------------------------------------------------------------

namespace {

models::CellParameters testCell() {
    return ssbsim::testing::testCellParameters("engine.yaml");
}

/// A problem with absolute tolerances 1e-4 of the original's, so that IDACalcIC converges far
/// below the 10 µV the cell model asks of its potentials.
class TightTolerances : public DaeProblem {
  public:
    explicit TightTolerances(const DaeProblem& problem) : problem_(problem) {}
    size_t size() const override { return problem_.size(); }
    std::vector<bool> differential() const override { return problem_.differential(); }
    std::vector<double> absoluteTolerances() const override {
        auto a = problem_.absoluteTolerances();
        for (double& x : a) x *= 1e-4;
        return a;
    }
    std::string describeUnknown(size_t i) const override { return problem_.describeUnknown(i); }
    void residual(double t, const double* y, const double* yp, double* r) const override {
        problem_.residual(t, y, yp, r);
    }
    void residual(double t, const JacobianDual* y, const JacobianDual* yp,
                  JacobianDual* r) const override {
        problem_.residual(t, y, yp, r);
    }
    void residual(double t, const Traced* y, const Traced* yp, Traced* r) const override {
        problem_.residual(t, y, yp, r);
    }

  private:
    const DaeProblem& problem_;
};

/// The engine test cell at rest, made consistent as a simulation step starts it.
solver::OperatingPoint restPoint(models::CellModel& model, double soc) {
    model.setControl({models::Control::Mode::Current, 0.0});
    return solver::consistentOperatingPoint(model, model.restState(soc));
}

std::vector<Complex> cellSpectrum(const models::CellParameters& p, double soc,
                                  const std::vector<double>& f, bool capacitances = false) {
    models::CellModel model(p, {});
    const auto point = restPoint(model, soc);
    model.setCapacitances(capacitances);
    return solver::Impedance(model, point, model.currentIndex(), model.voltageGradient())
        .spectrum(f);
}

}  // namespace

TEST(CellImpedance, IsThatOfAPassiveRcNetwork) {
    // Without double-layer capacitance the linearized cell is a network of resistors (ionic,
    // electronic, charge transfer, leakage) and capacitors (the particles' Li storage, with
    // diffusion between shells). An RC driving-point impedance is a Foster sum
    // R∞ + Σ R_k/(1 + iωτ_k) + 1/(iωC) with R∞, R_k, τ_k, C > 0: Re Z > 0 and falls with f,
    // Im Z < 0 at every f > 0.
    const auto f = solver::logFrequencies(1e-3, 1e6, 10);
    for (double soc : {0.1, 0.5, 0.9}) {
        const auto z = cellSpectrum(testCell(), soc, f);
        for (size_t k = 0; k < f.size(); ++k) {
            EXPECT_GT(z[k].real(), 0.0) << "soc " << soc << ", f = " << f[k];
            EXPECT_LT(z[k].imag(), 0.0) << "soc " << soc << ", f = " << f[k];
            // f descends: Re Z grows, to the ~1e-11 relative scatter of the LU solves on the
            // resistive plateau above 1 kHz (unknowns from volts to 1e4 mol/m^3 in one matrix).
            if (k > 0) {
                EXPECT_GE(z[k].real(), z[k - 1].real() * (1 - 1e-9))
                    << "soc " << soc << ", f = " << f[k];
            }
        }
        // Solid diffusion adds resistance as f falls, towards R |dU/dc| / (5 F D a L_p)
        // ≈ 0.2 mΩ m² (4 % of the ohmic and charge-transfer part); ~3 % of it by 1 mHz.
        EXPECT_GT(z.back().real(), 1.01 * z.front().real()) << "soc " << soc;
    }
}

TEST(CellImpedance, HighFrequencyLimitIsTheInstantResistanceOfACurrentStep) {
    // When the current steps, the particle concentrations (the differential unknowns) cannot
    // move: only the algebraic unknowns jump, which is what ω → ∞ leaves of the linear system.
    // So Re Z(∞) must equal the voltage jump per unit current that IDACalcIC — Newton's method on
    // the nonlinear algebraic equations, with KLU — finds for a step ΔI. Butler–Volmer's
    // curvature makes the central difference D(ΔI) = Z∞ + c ΔI² + O(ΔI⁴), c ΔI² ~ 1e-5 relative
    // at C/100; Richardson's (4 D(ΔI) − D(2ΔI)) / 3 removes the ΔI² term.
    const auto p = testCell();
    models::CellModel model(p, {});
    const auto rest = restPoint(model, 0.5);
    solver::Impedance impedance(model, rest, model.currentIndex(), model.voltageGradient());
    const Complex zInf = impedance.at(1e12);
    EXPECT_LT(std::abs(zInf.imag()), 1e-8 * zInf.real());

    // IDACalcIC's Newton iterations stop at a fraction of the error weights: make those ~1e-10
    // of the voltage instead of 1e-6 so that the jump (~2 mV) is resolved to ~1e-9.
    TightTolerances tight(model);
    const solver::IntegratorOptions tightRelative{.relativeTolerance = 1e-10};
    auto voltageAt = [&](double current) {
        model.setControl({models::Control::Mode::Current, current});
        const auto point = solver::consistentOperatingPoint(tight, rest.y, tightRelative);
        return model.voltage(point.y.data());
    };
    auto centralDifference = [&](double dI) {
        return (voltageAt(-dI) - voltageAt(dI)) / (2.0 * dI);  // discharge lowers V
    };
    const double dI = 1e-2 * p.nominalCapacity / 3600.0;  // C/100
    const double d1 = centralDifference(dI), d2 = centralDifference(2.0 * dI);
    EXPECT_NEAR(zInf.real(), d1, 1e-4 * d1);                     // measured: 1e-5, the ΔI² term
    EXPECT_NEAR(zInf.real(), (4.0 * d1 - d2) / 3.0, 1e-8 * d1);  // measured: 2e-9

    // At 1 MHz the cell is already resistive: the particles' fastest time constant (the outer
    // shell, Δr²/D = 4 s) is far slower than 1 µs.
    const Complex z1MHz = impedance.at(1e6);
    EXPECT_NEAR(z1MHz.real(), zInf.real(), 1e-5 * zInf.real());
}

TEST(CellImpedance, SeparatorAndMetalInterfaceAddTheirResistancesInSeries) {
    // With no electronic leakage the separator and the Li|SE interface carry the applied current
    // and store no charge, so they add frequency-independent resistances to the spectrum:
    //   separator L_s/κ_s (finite volumes reproduce the linear potential exactly),
    //   charge transfer RT/(F i0,n) (Butler–Volmer linearized at η = 0, α_a + α_c = 1),
    //   interface resistance R_n.
    // Changing κ_s, i0,n and R_n must shift Z(f) by exactly the change of their sum, at every f.
    auto base = testCell();
    base.separator.electronicConductivity = 0.0;
    auto changed = base;
    changed.separator.ionicConductivity *= 0.5;
    changed.metal.exchangeCurrentDensity *= 4.0;
    changed.metal.interfaceResistance *= 3.0;

    auto seriesResistance = [](const models::CellParameters& p) {
        const double rt = constants::gasConstant * p.temperature / constants::faraday;
        return p.separator.thickness / p.separator.ionicConductivity +
               rt / p.metal.exchangeCurrentDensity + p.metal.interfaceResistance;
    };
    const double shift = seriesResistance(changed) - seriesResistance(base);
    ASSERT_GT(std::abs(shift), 1e-4);  // Ω m²: a change worth measuring

    const auto f = solver::logFrequencies(1e-3, 1e6, 5);
    const auto a = cellSpectrum(base, 0.5, f);
    const auto b = cellSpectrum(changed, 0.5, f);
    for (size_t k = 0; k < f.size(); ++k)
        EXPECT_LE(std::abs(b[k] - a[k] - shift), 1e-10 * std::abs(a[k])) << "f = " << f[k];
}

TEST(CellImpedance, LowFrequencyIsTheIntercalationCapacitance) {
    // Below the diffusion frequencies the particles fill evenly and the cell is a capacitor in
    // series with resistances: Im Z → −1/(ωC) with C = dQ/dV = F ε_AM L_p c_max / |dU/dx|.
    // TestCAM's OCV is linear, 4.2 V at x = 0 to 3.6 V at x = 1: |dU/dx| = 0.6 V. Leakage is
    // turned off so that the rest state is steady (a resistor in parallel would short C at
    // very low f). The diffusion time τ = R²/D = 400 s makes ωτ = 2.5e-3 at 1 µHz; the next
    // term of Im Z is smaller by (ωτ)²/525 = 1e-8 for spherical diffusion (the sphere's
    // diffusion impedance ∝ tanh q / (tanh q − q), q² = iωτ, expanded in q), plus terms of the
    // same order from the current distribution in the electrode: measured 3e-8.
    auto p = testCell();
    p.separator.electronicConductivity = 0.0;
    const auto& pos = p.positive;
    const double capacitance =
        constants::faraday * pos.activeFraction * pos.thickness * pos.maxConcentration / 0.6;
    const double f = 1e-6;
    const Complex z = cellSpectrum(p, 0.5, {f})[0];
    EXPECT_NEAR(-1.0 / (twoPi * f * z.imag()), capacitance, 1e-6 * capacitance);
}

TEST(CellImpedance, MetalInterfaceDoubleLayerIsAParallelRcArc) {
    // The Li|SE interface carries the applied current (no leakage): with its double layer it is
    // R_ct ∥ C_dl in series with the rest of the cell, R_ct = RT/(F i0) at η = 0 (α_a + α_c = 1).
    // Two cells that differ only in C_dl must differ by exactly
    //   R_ct/(1 + iω R_ct C_1) − R_ct/(1 + iω R_ct C_2)
    // at every frequency (docs/physics/impedance.md#interface-capacitances).
    auto a = testCell();
    a.separator.electronicConductivity = 0.0;
    auto b = a;
    a.metal.doubleLayerCapacitance = 0.2;   // F/m^2
    b.metal.doubleLayerCapacitance = 0.02;
    const double rct =
        constants::gasConstant * a.temperature / (constants::faraday * a.metal.exchangeCurrentDensity);
    const auto f = solver::logFrequencies(1e-2, 1e6, 5);
    const auto za = cellSpectrum(a, 0.5, f, true);
    const auto zb = cellSpectrum(b, 0.5, f, true);
    for (size_t k = 0; k < f.size(); ++k) {
        const Complex iw(0.0, twoPi * f[k]);
        const Complex arc = rct / (1.0 + iw * rct * a.metal.doubleLayerCapacitance) -
                            rct / (1.0 + iw * rct * b.metal.doubleLayerCapacitance);
        EXPECT_LE(std::abs(za[k] - zb[k] - arc), 1e-9 * std::abs(za[k])) << "f = " << f[k];
    }
}

TEST(CellImpedance, DoubleLayersShortTheInterfacesAtHighFrequency) {
    // As ω → ∞ a double layer's impedance 1/(iωC_dl) vanishes: every interface (Li|SE and each
    // CAM|SE cell) becomes a short, whatever its kinetics. The high-frequency limit with double
    // layers must therefore be the resistance of the same cell without capacitances but with
    // interfaces that pass any current at no cost: i0 × 1e9 (R_ct → 0) and solid diffusivity
    // × 1e9 (no concentration gradient in the particles then). Film and interface resistances
    // are set to 0 in both, as they stay in series with the shorted double layer.
    // 10 GHz: 1/(ωC_dl) ~ 1e-10 Ω m².
    auto p = testCell();
    p.metal.interfaceResistance = 0.0;
    p.positive.filmResistance = 0.0;
    auto fast = p;
    fast.metal.exchangeCurrentDensity *= 1e9;
    fast.positive.exchangeCurrentDensity *= 1e9;
    fast.positive.diffusivity *= 1e9;
    const double f = 1e10;
    const Complex shorted = cellSpectrum(p, 0.5, {f}, true)[0];
    const Complex ohmic = cellSpectrum(fast, 0.5, {f}, false)[0];
    EXPECT_NEAR(shorted.real(), ohmic.real(), 1e-7 * ohmic.real());
    EXPECT_LT(std::abs(shorted.imag()), 1e-6 * ohmic.real());
    // ... and well below the resistance without double layers, which includes charge transfer.
    const Complex resistive = cellSpectrum(p, 0.5, {f}, false)[0];
    EXPECT_LT(shorted.real(), 0.9 * resistive.real());
}

TEST(CellImpedance, WithDoubleLayersIsStillPassive) {
    // Double layers add capacitors to the RC network: Re Z > 0 and Im Z < 0 at every f > 0
    // (a Foster form, as in IsThatOfAPassiveRcNetwork).
    const auto f = solver::logFrequencies(1e-3, 1e7, 10);
    const auto z = cellSpectrum(testCell(), 0.5, f, true);
    for (size_t k = 0; k < f.size(); ++k) {
        EXPECT_GT(z[k].real(), 0.0) << "f = " << f[k];
        EXPECT_LT(z[k].imag(), 0.0) << "f = " << f[k];
    }
}

TEST(CellImpedance, SeparatorGrainBoundariesAreALumpedRcArc) {
    // TestGbSE separates bulk (2 mS/cm) and apparent grain-boundary (0.5 mS/cm) conductivity.
    // The split keeps the DC resistance of the total conductivity, L/(ε^1.5 σ_bulk) + R_gb =
    // L/(ε^1.5 σ_total), and C_gb = τ_gb/R_gb with τ_gb = ε0 ε_r d_g/(δ σ_gb,app)
    // (docs/physics/impedance.md#interface-capacitances; brick layer: Haile et al., J. Mater.
    // Res. 13, 1576 (1998), doi:10.1557/JMR.1998.0219).
    const auto p = ssbsim::testing::testCellParameters("engine-gb.yaml");
    const auto total = ssbsim::testing::testCellParameters("engine.yaml");  // TestSE: 2 mS/cm
    const auto& sep = p.separator;
    const double fraction = std::pow(1.0 - 0.1, 1.5);  // Bruggeman, porosity 0.1
    const double length = 40e-6;
    EXPECT_NEAR(sep.ionicConductivity, 0.2 * fraction, 1e-12);
    EXPECT_NEAR(length / sep.ionicConductivity + sep.grainBoundaryResistance,
                length / (0.04 * fraction), 1e-12);
    const double tau = constants::vacuumPermittivity * 30.0 * 1e-6 / (2e-9 * 0.05);
    EXPECT_NEAR(sep.grainBoundaryResistance * sep.grainBoundaryCapacitance, tau, 1e-9 * tau);
    EXPECT_EQ(total.separator.grainBoundaryResistance, 0.0);  // TestSE gives no split

    // The arc: cells differing only in C_gb differ by R_gb/(1 + iωR_gbC₁) − (same with C₂),
    // with no leakage (the separator then carries exactly the applied current).
    auto a = p;
    a.separator.electronicConductivity = 0.0;
    auto b = a;
    b.separator.grainBoundaryCapacitance *= 0.1;
    const double r = a.separator.grainBoundaryResistance;
    const auto f = solver::logFrequencies(1e0, 1e8, 5);
    const auto za = cellSpectrum(a, 0.5, f, true);
    const auto zb = cellSpectrum(b, 0.5, f, true);
    for (size_t k = 0; k < f.size(); ++k) {
        const Complex iw(0.0, twoPi * f[k]);
        const Complex arc = r / (1.0 + iw * r * a.separator.grainBoundaryCapacitance) -
                            r / (1.0 + iw * r * b.separator.grainBoundaryCapacitance);
        EXPECT_LE(std::abs(za[k] - zb[k] - arc), 1e-9 * std::abs(za[k])) << "f = " << f[k];
    }
}
