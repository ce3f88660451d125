#include "ssbsim/cell/DesignReport.h"

#include <fmt/format.h>

#include <iterator>

namespace ssbsim::cell {

namespace {

// SI -> display units.
constexpr double toMicrometre = 1e6;
constexpr double toMgPerCm2 = 1e2;             // kg/m^2 -> mg/cm^2
constexpr double toMAhPerCm2 = 1.0 / 36000.0;  // C/m^2 -> mAh/cm^2
constexpr double toWhPerKg = 1.0 / 3600.0;     // J/kg -> Wh/kg
constexpr double toWhPerL = 1.0 / 3.6e6;       // J/m^3 -> Wh/L
constexpr double toPercent = 100.0;

nlohmann::json energyJson(const EnergyDensity& e) {
    return {{"Gravimetric energy density [Wh.kg-1]", e.gravimetric * toWhPerKg},
            {"Volumetric energy density [Wh.L-1]", e.volumetric * toWhPerL},
            {"Areal mass [mg.cm-2]", e.arealMass * toMgPerCm2},
            {"Thickness [um]", e.thickness * toMicrometre}};
}

}  // namespace

nlohmann::json designToJson(const CellDesign& d) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& l : d.layers)
        layers.push_back({{"Layer", l.name},
                          {"Material", l.material},
                          {"Level", toString(l.level)},
                          {"Count", l.count},
                          {"Thickness [um]", l.thickness * toMicrometre},
                          {"Thickness at full charge [um]", l.chargedThickness * toMicrometre},
                          {"Areal mass [mg.cm-2]", l.arealMass * toMgPerCm2}});
    return {
        {"Name", d.name},
        {"Format", toString(d.format)},
        {"Cells", d.cells},
        {"Area [cm2]", d.area * 1e4},
        {"Cathode theoretical areal capacity [mAh.cm-2]",
         d.cathodeTheoreticalCapacity * toMAhPerCm2},
        {"Cathode practical areal capacity [mAh.cm-2]", d.cathodePracticalCapacity * toMAhPerCm2},
        {"Anode theoretical areal capacity [mAh.cm-2]", d.anodeTheoreticalCapacity * toMAhPerCm2},
        {"Anode practical areal capacity [mAh.cm-2]", d.anodePracticalCapacity * toMAhPerCm2},
        {"N/P ratio", d.npRatio},
        {"Cell areal capacity [mAh.cm-2]", d.capacity * toMAhPerCm2},
        {"Cathode active loading [mg.cm-2]", d.cathodeLoading * toMgPerCm2},
        {"SE mass fraction in cathode solids [%]", d.seMassFractionCathode * toPercent},
        {"SE volume fraction in cathode [%]", d.seVolumeFractionCathode * toPercent},
        {"Active volume fraction in cathode [%]", d.activeVolumeFractionCathode * toPercent},
        {"Cathode stoichiometry window", d.cathodeWindow},
        {"Anode stoichiometry window", d.anodeWindow},
        {"Cathode mean potential [V]", d.cathodePotential},
        {"Anode mean potential [V]", d.anodePotential},
        {"Average voltage [V]", d.averageVoltage},
        {"Stack voltage [V]", d.voltage()},
        {"Capacity [mAh]", d.charge() / 3.6},
        {"Energy [Wh]", d.energy() / 3600.0},
        {"Layers", layers},
        {"Electrochemical stack", energyJson(d.stack)},
        {"With current collectors", energyJson(d.withCollectors)},
        {"With current collectors and packaging", energyJson(d.withPackaging)},
    };
}

std::string formatDesignTable(const CellDesign& d, const CellDesign* ref) {
    std::string out;
    auto line = [&out]<typename... T>(fmt::format_string<T...> format, T&&... args) {
        fmt::format_to(std::back_inserter(out), format, std::forward<T>(args)...);
        out += '\n';
    };
    line("Cell: {}  ({} format, {} cell{}, {:.4g} cm2)", d.name.empty() ? "(unnamed)" : d.name,
         toString(d.format), d.cells, d.cells > 1 ? "s" : "", d.area * 1e4);
    line("");
    line("{:<30}{:>12}{:>14}{:>10}  {}", "Layer", "Thickness", "Areal mass", "Count", "Material");
    line("{:<30}{:>12}{:>14}{:>10}", "", "[um]", "[mg/cm2]", "");
    for (const auto& l : d.layers) {
        const std::string thickness = l.chargedThickness != l.thickness
                                          ? fmt::format("{:.1f}→{:.1f}", l.thickness * toMicrometre,
                                                        l.chargedThickness * toMicrometre)
                                          : fmt::format("{:.2f}", l.thickness * toMicrometre);
        line("{:<30}{:>12}{:>14.3f}{:>10g}  {}", l.name, thickness, l.arealMass * toMgPerCm2,
             l.count, l.material);
    }
    line("");
    line(
        "Areal capacity [mAh/cm2]   cathode {:.3f} (theoretical {:.3f})   anode {:.3f}   cell "
        "{:.3f}",
        d.cathodePracticalCapacity * toMAhPerCm2, d.cathodeTheoreticalCapacity * toMAhPerCm2,
        d.anodePracticalCapacity * toMAhPerCm2, d.capacity * toMAhPerCm2);
    line("N/P ratio                  {:.3f}", d.npRatio);
    line(
        "Cathode                    {:.2f} mg/cm2 active; SE {:.1f} wt % of solids, {:.1f} vol %; "
        "active {:.1f} vol %",
        d.cathodeLoading * toMgPerCm2, d.seMassFractionCathode * toPercent,
        d.seVolumeFractionCathode * toPercent, d.activeVolumeFractionCathode * toPercent);
    line("Average voltage [V]        {:.4f}  (cathode {:.4f} over x {:.3f}..{:.3f}, anode {:.4f})",
         d.averageVoltage, d.cathodePotential, d.cathodeWindow[0], d.cathodeWindow[1],
         d.anodePotential);
    line("Stack                      {:.4g} V, {:.6g} mAh, {:.6g} Wh", d.voltage(),
         d.charge() / 3.6, d.energy() / 3600.0);
    line("");
    const std::string refHead = ref ? fmt::format("{:>24}", "reference liquid Li-ion") : "";
    line("{:<40}{:>10}{:>10}{}", "Energy density", "[Wh/kg]", "[Wh/L]", refHead);
    auto row = [&](const char* label, const EnergyDensity& e, const EnergyDensity* r) {
        const std::string refText =
            r ? fmt::format("{:>14.0f}{:>10.0f}", r->gravimetric * toWhPerKg,
                            r->volumetric * toWhPerL)
              : "";
        line("{:<40}{:>10.0f}{:>10.0f}{}", label, e.gravimetric * toWhPerKg,
             e.volumetric * toWhPerL, refText);
    };
    row("electrochemical stack", d.stack, ref ? &ref->stack : nullptr);
    row("+ current collectors", d.withCollectors, ref ? &ref->withCollectors : nullptr);
    row("+ current collectors + packaging", d.withPackaging, ref ? &ref->withPackaging : nullptr);
    return out;
}

}  // namespace ssbsim::cell
