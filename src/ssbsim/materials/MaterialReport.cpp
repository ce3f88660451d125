#include "ssbsim/materials/MaterialReport.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>

#include "ssbsim/core/Constants.h"
#include "ssbsim/core/Unit.h"

namespace ssbsim::materials {

namespace {

std::string_view displayUnit(const Property& p) {
    const PropertySpec* spec = findPropertySpec(p.name);
    return spec ? spec->unit : std::string_view("1");
}

/// SI value in the display unit of the property.
double shown(const Property& p, double si) {
    return parseUnit(displayUnit(p)).fromSI(si);
}

std::string unitSuffix(const Property& p) {
    const std::string_view u = displayUnit(p);
    return u == "1" || u.empty() ? "" : fmt::format(" {}", u);
}

double electronVolts(double joulePerMole) {
    return joulePerMole / constants::avogadro / constants::elementaryCharge;
}

/// The property that best tells materials of a category apart.
std::string headline(const Material& m) {
    for (const char* name :
         {"ionic-conductivity", "practical-capacity", "electronic-conductivity", "density"}) {
        if (!m.has(name)) continue;
        const Property& p = m.property(name);
        if (const auto* law = std::get_if<ArrheniusLaw>(&p.value))
            return fmt::format("{} {:.3g}{}", name, shown(p, law->at(298.15)), unitSuffix(p));
        return fmt::format("{} {}", name, formatPropertyValue(p));
    }
    return "";
}

}  // namespace

std::string formatPropertyValue(const Property& p) {
    const std::string unit = unitSuffix(p);
    if (const auto* v = std::get_if<double>(&p.value))
        return fmt::format("{:.6g}{}", shown(p, *v), unit);
    if (const auto* r = std::get_if<Range>(&p.value))
        return fmt::format("[{:.4g}, {:.4g}]{}", shown(p, (*r)[0]), shown(p, (*r)[1]), unit);
    if (const auto* law = std::get_if<ArrheniusLaw>(&p.value)) {
        std::string text = fmt::format("{:.4g}{} at {:.4g} degC", shown(p, law->referenceValue),
                                       unit, law->referenceTemperature - constants::zeroCelsius);
        if (law->activationEnergy != 0)
            text += fmt::format(", Ea = {:.3g} eV ({:.3g} kJ/mol)",
                                electronVolts(law->activationEnergy), law->activationEnergy / 1e3);
        return text;
    }
    if (const auto* t = std::get_if<LinearTable>(&p.value)) {
        const auto [lo, hi] = std::minmax_element(t->y().begin(), t->y().end());
        return fmt::format("table of {} points, x in [{:.4g}, {:.4g}], values {:.4g} to {:.4g}{}",
                           t->x().size(), t->xMin(), t->xMax(), shown(p, *lo), shown(p, *hi), unit);
    }
    if (const auto* c = std::get_if<PowerLawCreep>(&p.value))
        return fmt::format("A = {:.4g} 1/s, sigma_ref = {:.4g} MPa, n = {:.4g}, Q = {:.4g} kJ/mol",
                           c->prefactor, c->referenceStress / 1e6, c->stressExponent,
                           c->activationEnergy / 1e3);
    return "";
}

std::string formatMaterialList(const std::vector<const Material*>& materials) {
    std::string out =
        fmt::format("{:<20}{:<22}{:<30}{}\n", "Name", "Category", "Formula", "Headline property");
    for (const Material* m : materials) {
        std::string aliases =
            m->aliases.empty() ? "" : fmt::format("  (also: {})", fmt::join(m->aliases, ", "));
        fmt::format_to(std::back_inserter(out), "{:<20}{:<22}{:<30}{}{}\n", m->name,
                       toString(m->category), m->formula, headline(*m), aliases);
    }
    fmt::format_to(std::back_inserter(out), "{} materials\n", materials.size());
    return out;
}

std::string formatMaterial(const Material& m, bool withTables) {
    std::string out = fmt::format("{}  ({})\n", m.name, toString(m.category));
    auto line = [&out](std::string_view key, std::string_view value) {
        if (!value.empty()) fmt::format_to(std::back_inserter(out), "  {:<14}{}\n", key, value);
    };
    line("formula", m.formula);
    line("description", m.description);
    line("aliases", fmt::format("{}", fmt::join(m.aliases, ", ")));
    if (m.transport != Transport::None)
        line("transport",
             m.transport == Transport::SingleIon ? "single-ion (t+ = 1)" : "binary-salt");
    line("file", m.file);
    out += "\n";
    for (const Property& p : m.properties) {
        fmt::format_to(std::back_inserter(out), "  {:<34}{}\n", p.name, formatPropertyValue(p));
        if (!p.xMeaning.empty())
            fmt::format_to(std::back_inserter(out), "  {:<34}x: {}\n", "", p.xMeaning);
        fmt::format_to(std::back_inserter(out), "  {:<34}source: {}\n", "", p.source);
        if (!p.note.empty())
            fmt::format_to(std::back_inserter(out), "  {:<34}note: {}\n", "", p.note);
        if (const auto* t = std::get_if<LinearTable>(&p.value); t && withTables)
            for (size_t i = 0; i < t->x().size(); ++i)
                fmt::format_to(std::back_inserter(out), "  {:<34}  {:>8.4f}  {:>10.5g}\n", "",
                               t->x()[i], shown(p, t->y()[i]));
    }
    return out;
}

}  // namespace ssbsim::materials
