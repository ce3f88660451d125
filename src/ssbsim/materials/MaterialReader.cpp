#include "ssbsim/materials/MaterialReader.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "ssbsim/core/Constants.h"
#include "ssbsim/core/Quantity.h"
#include "ssbsim/core/Suggest.h"

namespace ssbsim::materials {

namespace {

using io::Bounds;
using io::ConfigNode;

/// `value` of a scalar or range record, converted from the record's `unit`.
double convertValue(const ConfigNode& valueNode, const ConfigNode& record,
                    const PropertySpec& spec) {
    const double number = valueNode.asNumber();
    const std::string unit = record.has("unit") ? record["unit"].asString() : std::string("1");
    if (!record.has("unit") && !parseUnit(spec.unit).dimension.dimensionless())
        record["unit"];  // throws: missing required key 'unit'
    try {
        return convertToSI(number, unit, spec.unit);
    } catch (const InputError& e) {
        throw e.at(record["unit"].location());
    }
}

ArrheniusLaw readArrhenius(const ConfigNode& record, const PropertySpec& spec) {
    ArrheniusLaw law;
    law.referenceValue = convertValue(record["value"], record, spec);
    if (auto t = record.find("reference-temperature"))
        law.referenceTemperature = t->asQuantity("K", Bounds::positive());
    if (auto e = record.find("activation-energy")) law.activationEnergy = readActivationEnergy(*e);
    if (law.referenceValue < 0) record["value"].fail("expected a value >= 0");
    return law;
}

LinearTable readTable(const ConfigNode& record, const PropertySpec& spec) {
    const std::string unit = record["unit"].asString();
    std::vector<double> x, y;
    for (const ConfigNode& point : record["table"].items()) {
        const auto pair = point.items();
        if (pair.size() != 2) point.fail("expected a pair [x, y]");
        x.push_back(pair[0].asNumber());
        try {
            y.push_back(convertToSI(pair[1].asNumber(), unit, spec.unit));
        } catch (const InputError& e) {
            throw e.at(record["unit"].location());
        }
    }
    try {
        return LinearTable(std::move(x), std::move(y));
    } catch (const std::invalid_argument& e) {
        record["table"].fail(e.what());
    }
}

PowerLawCreep readCreep(const ConfigNode& record) {
    PowerLawCreep creep;
    creep.prefactor = record["prefactor"].asQuantity("1/s", Bounds::nonNegative());
    creep.referenceStress = record["reference-stress"].asQuantity("Pa", Bounds::positive());
    creep.stressExponent = record["stress-exponent"].asNumber();
    creep.activationEnergy = readActivationEnergy(record["activation-energy"]);
    return creep;
}

Property readProperty(const std::string& name, const ConfigNode& record) {
    const PropertySpec* spec = findPropertySpec(name);
    if (!spec) {
        std::vector<std::string> names;
        for (const auto& s : propertySpecs()) names.emplace_back(s.name);
        const auto close = closeMatches(name, names, 1);
        record.fail(
            fmt::format("unknown property '{}'{}; docs/materials-format.md lists the names", name,
                        close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close[0])));
    }
    Property p;
    p.name = name;
    p.where = record.location();
    p.unit = std::string(spec->unit);
    switch (spec->shape) {
        case PropertyShape::Scalar:
            record.expectKeys({"value", "unit", "source", "note"});
            p.value = convertValue(record["value"], record, *spec);
            break;
        case PropertyShape::Range: {
            record.expectKeys({"value", "unit", "source", "note"});
            const auto bounds = record["value"].items();
            if (bounds.size() != 2) record["value"].fail("expected [lower, upper]");
            const Range r{convertValue(bounds[0], record, *spec),
                          convertValue(bounds[1], record, *spec)};
            if (r[0] > r[1]) record["value"].fail("expected lower <= upper");
            p.value = r;
            break;
        }
        case PropertyShape::Arrhenius:
            record.expectKeys(
                {"value", "unit", "reference-temperature", "activation-energy", "source", "note"});
            p.value = readArrhenius(record, *spec);
            break;
        case PropertyShape::Table:
            record.expectKeys({"x", "unit", "table", "source", "note"});
            p.value = readTable(record, *spec);
            p.xMeaning = record["x"].asString();
            break;
        case PropertyShape::PowerLawCreep:
            record.expectKeys({"prefactor", "reference-stress", "stress-exponent",
                               "activation-energy", "source", "note"});
            p.value = readCreep(record);
            break;
    }
    if (record.has("unit")) p.unit = record["unit"].asString();
    p.source = record["source"].asString();
    if (p.source.empty()) record["source"].fail("expected a source (DOI or reference)");
    if (auto note = record.find("note")) p.note = note->asString();
    return p;
}

Category readCategory(const ConfigNode& node) {
    const std::string text = node.asString();
    std::vector<std::string_view> names;
    for (const auto& [category, name] : categoryNames()) {
        if (name == text) return category;
        names.push_back(name);
    }
    node.fail(
        fmt::format("unknown category '{}'; expected one of: {}", text, fmt::join(names, ", ")));
}

Transport readTransport(const ConfigNode& node) {
    const std::string text = node.asString();
    if (text == "single-ion") return Transport::SingleIon;
    if (text == "binary-salt") return Transport::BinarySalt;
    node.fail(fmt::format("unknown transport '{}'; expected single-ion or binary-salt", text));
}

/// Physical consistency that single properties cannot show (docs/materials-format.md).
void checkConsistency(const Material& m, const ConfigNode& properties) {
    for (const char* positive : {"density", "molar-mass", "theoretical-capacity"})
        if (m.has(positive) && !(m.scalar(positive) > 0))
            properties[positive]["value"].fail("expected a value > 0");
    if (!m.isActive()) return;
    const double theoretical = m.scalar("theoretical-capacity");
    const double practical = m.scalar("practical-capacity");
    if (!(practical > 0) || practical > theoretical * (1 + 1e-9))
        properties["practical-capacity"]["value"].fail(
            "expected 0 < practical-capacity <= theoretical-capacity");
    const double xd = m.scalar("discharged-stoichiometry");
    if (xd < 0 || xd > 1)
        properties["discharged-stoichiometry"]["value"].fail("expected x in [0, 1]");
    // The designer integrates the OCV over the practical window (docs/physics/cell-design.md).
    const double width = practical / theoretical;
    const double lo = m.category == Category::Cathode ? xd - width : xd;
    const double hi = m.category == Category::Cathode ? xd : xd + width;
    const LinearTable& ocv = m.table("open-circuit-potential");
    if (!ocv.contains(lo) || !ocv.contains(hi))
        properties["discharged-stoichiometry"].fail(fmt::format(
            "the practical window x in [{:.4g}, {:.4g}] (discharged-stoichiometry and "
            "practical/theoretical capacity) must lie inside the open-circuit-potential table "
            "[{:.4g}, {:.4g}]",
            lo, hi, ocv.xMin(), ocv.xMax()));
}

/// Name and aliases as they appear in a (header of a) material file.
void readIdentity(const ConfigNode& root, std::string& name, std::vector<std::string>& aliases) {
    name = root["name"].asString();
    if (name.empty()) root["name"].fail("expected a non-empty name");
    if (auto list = root.find("aliases"))
        for (const auto& a : list->items()) aliases.push_back(a.asString());
}

}  // namespace

/// Activation energies come per particle (eV) or per mole (kJ/mol); stored per mole.
double readActivationEnergy(const ConfigNode& node) {
    const std::string text = node.asString();
    try {
        return parseQuantity(text, "J/mol");
    } catch (const InputError&) {
    }
    try {
        return parseQuantity(text, "J") * constants::avogadro;
    } catch (const InputError&) {
    }
    node.fail(fmt::format(
        "expected an activation energy such as \"0.3 eV\" or \"29 kJ/mol\", got \"{}\"", text));
}

MaterialHeader readMaterialHeader(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError("cannot open material file", SourceLocation{file, 0, 0, {}});
    std::ostringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    const size_t properties = content.find("\nproperties:");
    if (properties != std::string::npos) content.resize(properties + 1);
    MaterialHeader header;
    header.file = file;
    const ConfigNode root = ConfigNode::loadString(content, file);
    if (!root.isMap())
        root.fail("expected a material file (a map with name, category, properties)");
    readIdentity(root, header.name, header.aliases);
    return header;
}

Material readMaterial(const ConfigNode& root) {
    root.expectKeys(
        {"name", "aliases", "category", "formula", "description", "transport", "properties"});
    Material m;
    m.file = root.file();
    readIdentity(root, m.name, m.aliases);
    m.category = readCategory(root["category"]);
    if (auto f = root.find("formula")) m.formula = f->asString();
    if (auto d = root.find("description")) m.description = d->asString();
    const bool electrolyte =
        m.category == Category::SolidElectrolyte || m.category == Category::LiquidElectrolyte;
    if (electrolyte)
        m.transport = readTransport(root["transport"]);
    else if (root.has("transport"))
        root["transport"].fail("only electrolytes have a transport kind");

    const ConfigNode properties = root["properties"];
    for (const auto& [name, record] : properties.entries())
        m.properties.push_back(readProperty(name, record));
    for (std::string_view required :
         requiredProperties(m.category, m.transport == Transport::BinarySalt))
        if (!m.has(required))
            properties.fail(fmt::format("material '{}' of category {} needs property '{}'", m.name,
                                        toString(m.category), required));
    checkConsistency(m, properties);
    return m;
}

}  // namespace ssbsim::materials
