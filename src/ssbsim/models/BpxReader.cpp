#include "ssbsim/models/BpxReader.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "ssbsim/core/Constants.h"
#include "ssbsim/core/Expression.h"
#include "ssbsim/io/ConfigNode.h"

namespace ssbsim::models {

namespace {

using io::Bounds;
using io::ConfigNode;

/// Points at which expressions are tabulated: fine enough that the C1 cubic through them
/// differs from the expression by far less than the solver tolerance (docs/physics/bpx.md).
constexpr size_t tablePoints = 2001;

/// A BPX parameter that may depend on one variable: a number, an expression of x, or a table
/// {"x": [...], "y": [...]}. Returns the curve, or an empty one for a plain number (`constant`).
MonotoneCubic readFunction(const ConfigNode& node, double lo, double hi, double& constant) {
    if (node.isMap()) {
        node.expectKeys({"x", "y"});
        std::vector<double> x, y;
        for (const ConfigNode& item : node["x"].items()) x.push_back(item.asNumber());
        for (const ConfigNode& item : node["y"].items()) y.push_back(item.asNumber());
        if (x.size() != y.size() || x.size() < 2)
            node.fail("expected 'x' and 'y' lists of equal length, at least 2 points");
        for (size_t i = 1; i < x.size(); ++i)
            if (x[i] <= x[i - 1]) node["x"].fail("expected increasing x values");
        constant = 0.0;
        return MonotoneCubic(LinearTable(std::move(x), std::move(y)));
    }
    try {
        constant = node.asNumber();
        return {};
    } catch (const InputError&) {
    }
    std::optional<Expression> f;
    try {
        f.emplace(node.asString());
    } catch (const std::invalid_argument& e) {
        node.fail(fmt::format("expected a number, a table or an expression of x: {}", e.what()));
    }
    std::vector<double> x(tablePoints), y(tablePoints);
    for (size_t i = 0; i < tablePoints; ++i) {
        x[i] = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(tablePoints - 1);
        y[i] = (*f)(x[i]);
        if (!std::isfinite(y[i]))
            node.fail(fmt::format("the expression is not finite at x = {:g}", x[i]));
    }
    constant = 0.0;
    return MonotoneCubic(LinearTable(std::move(x), std::move(y)));
}

/// exp(E_a/R (1/T_ref − 1/T)): the Arrhenius factor BPX applies to rate parameters.
double arrhenius(const ConfigNode& section, std::string_view key, double tRef, double t) {
    const auto ea = section.find(key);
    const double energy = ea ? ea->asNumber() : 0.0;
    return std::exp(energy / constants::gasConstant * (1.0 / tRef - 1.0 / t));
}

/// Porosity, transport efficiency and thickness of an electrode or the separator.
struct Region {
    double thickness, porosity, efficiency;
};

Region readRegion(const ConfigNode& s) {
    return {s["Thickness [m]"].asQuantity("m", Bounds::positive()),
            s["Porosity"].asQuantity("1", Bounds{0.0, 1.0, false, false}),
            s["Transport efficiency"].asQuantity("1", Bounds{0.0, 1.0, false, true})};
}

const std::vector<std::string_view> electrodeKeys = {
    "Thickness [m]",
    "Porosity",
    "Transport efficiency",
    "Conductivity [S.m-1]",
    "Particle radius [m]",
    "Surface area per unit volume [m-1]",
    "Diffusivity [m2.s-1]",
    "Diffusivity activation energy [J.mol-1]",
    "OCP [V]",
    "Entropic change coefficient [V.K-1]",
    "Reaction rate constant [mol.m-2.s-1]",
    "Reaction rate constant activation energy [J.mol-1]",
    "Minimum stoichiometry",
    "Maximum stoichiometry",
    "Maximum concentration [mol.m-3]",
    "Particle",
    "OCP (delithiation) [V]",
    "OCP (lithiation) [V]",
    "OCP hysteresis decay constant"};

CompositeParameters readElectrode(const ConfigNode& s, bool positive, double tRef, double t) {
    s.expectKeys(electrodeKeys);
    if (s.has("Particle"))
        s.keyNode("Particle").fail("blended electrodes (several particle phases) are not modelled");
    if (!s.has("OCP [V]")) s["OCP [V]"];  // throws "missing": hysteresis-only OCPs are not modelled
    const Region region = readRegion(s);
    CompositeParameters p;
    p.thickness = region.thickness;
    p.electrolyteFraction = region.porosity;
    p.transportEfficiency = region.efficiency;
    p.electronicConductivity = s["Conductivity [S.m-1]"].asQuantity("S/m", Bounds::positive());
    p.radius = s["Particle radius [m]"].asQuantity("m", Bounds::positive());
    p.specificArea = s["Surface area per unit volume [m-1]"].asQuantity("1/m", Bounds::positive());
    p.activeFraction = p.specificArea * p.radius / 3.0;
    if (p.activeFraction + region.porosity > 1.0)
        s["Surface area per unit volume [m-1]"].fail(fmt::format(
            "a R / 3 = {:.4g} of active material and porosity {:.4g} exceed the whole volume",
            p.activeFraction, region.porosity));
    p.maxConcentration =
        s["Maximum concentration [mol.m-3]"].asQuantity("mol/m^3", Bounds::positive());
    double constant = 0.0;
    p.relativeDiffusivity = readFunction(s["Diffusivity [m2.s-1]"], 0.0, 1.0, constant);
    // A stoichiometry-dependent D(x) becomes D = 1 m^2/s times the curve.
    p.diffusivity = (p.relativeDiffusivity.empty() ? constant : 1.0) *
                    arrhenius(s, "Diffusivity activation energy [J.mol-1]", tRef, t);
    p.openCircuitPotential = readFunction(s["OCP [V]"], 0.0, 1.0, constant);
    if (p.openCircuitPotential.empty()) s["OCP [V]"].fail("expected a function of x, not a number");
    const double k =
        s["Reaction rate constant [mol.m-2.s-1]"].asQuantity("mol/(m^2*s)", Bounds::positive());
    // i0 = F k √((c_e/c_e0) x (1 − x)): at x = ½ and c_e0 that is F k / 2.
    p.exchangeCurrentDensity =
        0.5 * constants::faraday * k *
        arrhenius(s, "Reaction rate constant activation energy [J.mol-1]", tRef, t);
    const double xMin = s["Minimum stoichiometry"].asQuantity("1", Bounds::fraction());
    const double xMax = s["Maximum stoichiometry"].asQuantity("1", Bounds::fraction());
    if (xMax <= xMin)
        s["Maximum stoichiometry"].fail("expected more than the minimum stoichiometry");
    // The positive electrode is full of Li when the cell is discharged, the negative one empty.
    p.dischargedStoichiometry = positive ? xMax : xMin;
    p.chargedStoichiometry = positive ? xMin : xMax;
    return p;
}

/// A salt property over c_e in [0, cMax]: its curve (empty for a number) and its value at c_e0,
/// both multiplied by the Arrhenius factor `scale`.
void readSaltProperty(const ConfigNode& node, double cMax, double scale, double c0,
                      MonotoneCubic& curve, double& atInitial) {
    double constant = 0.0;
    curve = readFunction(node, 0.0, cMax, constant);
    if (!curve.empty()) curve.scale(scale);
    atInitial = curve.empty() ? constant * scale : curve(c0);
}

BinarySaltParameters readElectrolyte(const ConfigNode& s, double initialConcentration, double tRef,
                                     double t) {
    s.expectKeys({"Initial concentration [mol.m-3]", "Cation transference number",
                  "Conductivity [S.m-1]", "Diffusivity [m2.s-1]",
                  "Conductivity activation energy [J.mol-1]",
                  "Diffusivity activation energy [J.mol-1]"});
    BinarySaltParameters salt;
    salt.initialConcentration = initialConcentration;
    if (auto c = s.find("Initial concentration [mol.m-3]"))
        salt.initialConcentration = c->asQuantity("mol/m^3", Bounds::positive());
    salt.transferenceNumber =
        s["Cation transference number"].asQuantity("1", Bounds{-10.0, 1.0, true, false});
    salt.thermodynamicFactor = 1.0;  // BPX has none; PyBaMM's reader sets 1 as well
    // Concentration-dependent properties are tabulated up to 5 c_e0; beyond, the cubic
    // continues linearly.
    const double cMax = 5.0 * salt.initialConcentration;
    const double kappaScale = arrhenius(s, "Conductivity activation energy [J.mol-1]", tRef, t);
    const double diffusivityScale =
        arrhenius(s, "Diffusivity activation energy [J.mol-1]", tRef, t);
    readSaltProperty(s["Conductivity [S.m-1]"], cMax, kappaScale, salt.initialConcentration,
                     salt.conductivityCurve, salt.conductivity);
    readSaltProperty(s["Diffusivity [m2.s-1]"], cMax, diffusivityScale, salt.initialConcentration,
                     salt.diffusivityCurve, salt.diffusivity);
    if (salt.conductivity <= 0 || salt.diffusivity <= 0)
        s.fail("the electrolyte's conductivity and diffusivity must be positive at c_e0");
    return salt;
}

}  // namespace

BpxCell readBpxFile(const std::string& path) {
    const ConfigNode root = ConfigNode::loadFile(path);
    root.expectKeys({"Header", "Parameterisation", "State", "Validation"});
    BpxCell bpx;
    const ConfigNode header = root["Header"];
    header["BPX"];  // required: marks the file as BPX
    if (auto title = header.find("Title")) bpx.title = title->asString();

    const ConfigNode par = root["Parameterisation"];
    par.expectKeys({"Cell", "Electrolyte", "Negative electrode", "Positive electrode", "Separator",
                    "User-defined"});
    const ConfigNode cell = par["Cell"];
    cell.expectKeys({"Ambient temperature [K]", "Initial temperature [K]",
                     "Reference temperature [K]", "Lower voltage cut-off [V]",
                     "Upper voltage cut-off [V]", "Nominal cell capacity [A.h]",
                     "Specific heat capacity [J.K-1.kg-1]", "Thermal conductivity [W.m-1.K-1]",
                     "Density [kg.m-3]", "Electrode area [m2]",
                     "Number of electrode pairs connected in parallel to make a cell",
                     "External surface area [m2]", "Volume [m3]"});
    const double tRef = cell["Reference temperature [K]"].asQuantity("K", Bounds::positive());

    // Initial conditions: BPX 0.1 keeps them in Cell and Electrolyte, later versions in State.
    double temperature = tRef, initialConcentration = 1000.0;
    if (auto t = cell.find("Initial temperature [K]"))
        temperature = t->asQuantity("K", Bounds::positive());
    if (auto state = root.find("State")) {
        state->expectKeys({"Initial conditions", "Thermal environment", "Degradation"});
        if (auto ic = state->find("Initial conditions")) {
            if (auto t = ic->find("Initial temperature [K]"))
                temperature = t->asQuantity("K", Bounds::positive());
            if (auto c = ic->find("Initial electrolyte concentration [mol.m-3]"))
                initialConcentration = c->asQuantity("mol/m^3", Bounds::positive());
        }
    }

    CellParameters& p = bpx.parameters;
    p.temperature = temperature;
    p.salt = readElectrolyte(par["Electrolyte"], initialConcentration, tRef, temperature);
    p.negative = readElectrode(par["Negative electrode"], false, tRef, temperature);
    p.positive = readElectrode(par["Positive electrode"], true, tRef, temperature);
    const ConfigNode sepNode = par["Separator"];
    sepNode.expectKeys({"Thickness [m]", "Porosity", "Transport efficiency"});
    const Region sep = readRegion(sepNode);
    p.separator.thickness = sep.thickness;
    p.separator.electrolyteFraction = sep.porosity;
    p.separator.transportEfficiency = sep.efficiency;

    p.area = cell["Electrode area [m2]"].asQuantity("m^2", Bounds::positive());
    const double pairs =
        cell["Number of electrode pairs connected in parallel to make a cell"].asQuantity(
            "1", Bounds::between(1, 1e6));
    p.cellsInParallel = static_cast<int>(std::lround(pairs));
    const double capacity = cell["Nominal cell capacity [A.h]"].asQuantity("1", Bounds::positive());
    p.nominalCapacity = capacity * 3600.0 / (p.area * p.cellsInParallel);
    bpx.lowerVoltage = cell["Lower voltage cut-off [V]"].asQuantity("V");
    bpx.upperVoltage = cell["Upper voltage cut-off [V]"].asQuantity("V");
    return bpx;
}

}  // namespace ssbsim::models
