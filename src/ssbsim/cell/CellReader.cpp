#include "ssbsim/cell/CellReader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "ssbsim/materials/MaterialReader.h"

namespace ssbsim::cell {

namespace {

using io::Bounds;
using io::ConfigNode;
using materials::Category;
using materials::MaterialLibrary;

/// Fractions must sum to 1 within this (docs/input-format.md#composition).
constexpr double fractionSumTolerance = 1e-6;

std::string categoryList(const std::vector<Category>& categories) {
    std::vector<std::string_view> names;
    for (Category c : categories) names.push_back(materials::toString(c));
    return fmt::format("{}", fmt::join(names, ", "));
}

/// A material named by `nameNode` whose category must be one of `allowed`.
const Material& requireMaterial(const ConfigNode& nameNode, const MaterialLibrary& library,
                                const std::vector<Category>& allowed, std::string_view role) {
    const Material& m = library.require(nameNode);
    if (std::find(allowed.begin(), allowed.end(), m.category) == allowed.end())
        nameNode.fail(fmt::format("'{}' is a {} material; {} takes {} materials", m.name,
                                  materials::toString(m.category), role, categoryList(allowed)));
    return m;
}

/// Converts the given kind of fraction into the other: v_i ∝ w_i/ρ_i, w_i ∝ v_i ρ_i.
void completeFractions(std::vector<Constituent>& solids, bool givenByVolume) {
    double sum = 0.0;
    for (auto& c : solids) {
        const double rho = c.material->scalar("density");
        sum += givenByVolume ? c.volumeFraction * rho : c.massFraction / rho;
    }
    for (auto& c : solids) {
        const double rho = c.material->scalar("density");
        if (givenByVolume)
            c.massFraction = c.volumeFraction * rho / sum;
        else
            c.volumeFraction = c.massFraction / rho / sum;
    }
}

/// Solids of a layer: `material: NAME`, or `materials: {NAME: fraction, ...}` with
/// `fractions: mass|volume` (default mass).
std::vector<Constituent> readSolids(const ConfigNode& layer, const MaterialLibrary& library,
                                    const std::vector<Category>& allowed, std::string_view role) {
    if (layer.has("material") && layer.has("materials"))
        layer["materials"].fail("give either 'material' or 'materials', not both");
    if (auto single = layer.find("material")) {
        if (layer.has("fractions")) layer["fractions"].fail("'fractions' goes with 'materials'");
        return {{&requireMaterial(*single, library, allowed, role), 1.0, 1.0}};
    }
    if (!layer.has("material") && !layer.has("materials")) layer["materials"];  // missing key
    const ConfigNode list = layer["materials"];
    bool byVolume = false;
    if (auto basis = layer.find("fractions")) {
        const std::string text = basis->asString();
        if (text != "mass" && text != "volume") basis->fail("expected 'mass' or 'volume'");
        byVolume = text == "volume";
    }
    std::vector<Constituent> solids;
    double sum = 0.0;
    for (const auto& [name, fractionNode] : list.entries()) {
        const Material& m = requireMaterial(list.keyNode(name), library, allowed, role);
        for (const auto& c : solids)
            if (c.material == &m)
                list.keyNode(name).fail(fmt::format("'{}' is listed twice", m.name));
        const double f = fractionNode.asQuantity("1", Bounds{0.0, 1.0, false, true});
        sum += f;
        solids.push_back({&m, byVolume ? 0.0 : f, byVolume ? f : 0.0});
    }
    if (solids.empty()) list.fail("expected at least one material");
    if (std::abs(sum - 1.0) > fractionSumTolerance)
        list.fail(fmt::format("{} fractions sum to {:.9g}; expected 1 within {:g}",
                              byVolume ? "volume" : "mass", sum, fractionSumTolerance));
    completeFractions(solids, byVolume);
    return solids;
}

/// Solids, porosity and optional pore liquid of a porous layer (thickness left to the caller).
CompositeLayer readLayer(const ConfigNode& node, const MaterialLibrary& library,
                         const std::vector<Category>& allowed, std::string_view role) {
    CompositeLayer layer;
    layer.solids = readSolids(node, library, allowed, role);
    layer.porosity = node["porosity"].asQuantity("1", Bounds::porosity());
    if (auto liquid = node.find("pore-electrolyte"))
        layer.poreElectrolyte =
            &requireMaterial(*liquid, library, {Category::LiquidElectrolyte}, "pore-electrolyte");
    return layer;
}

/// Adds the coating shell on the active particles as its own constituent. The user's fractions
/// are those of the uncoated solids; the shell volume per particle volume is
/// ((R+δ)^3 − R^3)/R^3 (docs/physics/cell-design.md#coating).
void addCoating(CompositeElectrode& e, const ConfigNode& node, const MaterialLibrary& library) {
    const ConfigNode c = node["coating"];
    c.expectKeys({"material", "thickness"});
    Coating coating{&requireMaterial(c["material"], library, {Category::Coating}, "coating"),
                    c["thickness"].asQuantity("m", Bounds::positive())};
    if (e.particleRadius <= 0) node["particle-radius"];  // a coating needs the particle size
    const double R = e.particleRadius;
    const double shellPerCore =
        (std::pow(R + coating.thickness, 3) - std::pow(R, 3)) / std::pow(R, 3);
    auto& solids = e.layer.solids;
    solids.push_back({coating.material, 0.0, solids[e.activeIndex].volumeFraction * shellPerCore});
    double sum = 0.0;
    for (const auto& s : solids) sum += s.volumeFraction;
    for (auto& s : solids) s.volumeFraction /= sum;
    completeFractions(solids, true);
    e.coating = coating;
}

/// Exactly one of `thickness`, `loading`, `areal-capacity` (and, for anodes, `n-p-ratio`)
/// fixes the amount of electrode; the thickness follows from it.
void readAmount(CompositeElectrode& e, const ConfigNode& node, double cathodeCapacity) {
    std::vector<std::string_view> given;
    for (std::string_view key : {"thickness", "loading", "areal-capacity", "n-p-ratio"})
        if (node.has(key)) given.push_back(key);
    const bool anode = cathodeCapacity > 0;
    if (given.size() != 1)
        node.fail(
            fmt::format("give exactly one of thickness, loading, areal-capacity{} (found: {})",
                        anode ? ", n-p-ratio" : "",
                        given.empty() ? "none" : fmt::format("{}", fmt::join(given, ", "))));
    const std::string_view key = given.front();
    const Material& active = e.active();
    double loading = 0.0;
    if (key == "thickness") {
        e.layer.thickness = node["thickness"].asQuantity("m", Bounds::positive());
        return;
    } else if (key == "loading") {
        loading = node["loading"].asQuantity("kg/m^2", Bounds::positive());
    } else if (key == "areal-capacity") {
        loading = node["areal-capacity"].asQuantity("C/m^2", Bounds::positive()) /
                  active.scalar("practical-capacity");
    } else {
        if (!anode) node["n-p-ratio"].fail("n-p-ratio applies to anodes only");
        loading = node["n-p-ratio"].asQuantity("1", Bounds::positive()) * cathodeCapacity /
                  active.scalar("practical-capacity");
    }
    const CompositeLayer& l = e.layer;
    e.layer.thickness =
        loading / (l.solids[e.activeIndex].massFraction * (1 - l.porosity) * l.solidDensity());
}

/// `kinetics: {exchange-current-density, transfer-coefficient, <resistanceKey>,
/// double-layer-capacitance}`.
Kinetics readKinetics(const ConfigNode& parent, std::string_view resistanceKey) {
    Kinetics k;
    k.where = parent.location();
    const auto node = parent.find("kinetics");
    if (!node) return k;
    node->expectKeys({"exchange-current-density", "transfer-coefficient", resistanceKey,
                      "double-layer-capacitance", "activation-energy"});
    if (auto i0 = node->find("exchange-current-density"))
        k.exchangeCurrentDensity = i0->asQuantity("A/m^2", Bounds::positive());
    if (auto a = node->find("transfer-coefficient"))
        k.transferCoefficient = a->asQuantity("1", Bounds{0, 1, false, false});
    if (auto r = node->find(resistanceKey))
        k.resistance = r->asQuantity("ohm*m^2", Bounds::nonNegative());
    if (auto c = node->find("double-layer-capacitance"))
        k.doubleLayerCapacitance = c->asQuantity("F/m^2", Bounds::positive());
    if (auto e = node->find("activation-energy")) {
        k.activationEnergy = materials::readActivationEnergy(*e);
        if (k.activationEnergy < 0) e->fail("expected an activation energy >= 0");
    }
    return k;
}

CompositeElectrode readElectrode(const ConfigNode& node, const MaterialLibrary& library,
                                 Category activeCategory, double cathodeCapacity) {
    const bool anode = activeCategory == Category::Anode;
    std::vector<std::string_view> keys = {"materials",
                                          "material",
                                          "fractions",
                                          "porosity",
                                          "thickness",
                                          "loading",
                                          "areal-capacity",
                                          "particle-radius",
                                          "coating",
                                          "pore-electrolyte",
                                          "kinetics",
                                          "contact-fraction",
                                          "accessible-fraction",
                                          "effective-ionic-conductivity",
                                          "effective-electronic-conductivity",
                                          "active-area"};
    if (anode) keys.insert(keys.begin(), {"type", "n-p-ratio"});
    node.expectKeys(keys);
    const std::string role = anode ? "the composite anode" : "the cathode";
    CompositeElectrode e;
    e.layer = readLayer(node, library,
                        {activeCategory, Category::SolidElectrolyte, Category::ConductiveAdditive,
                         Category::Binder},
                        role);
    std::vector<size_t> actives;
    for (size_t i = 0; i < e.layer.solids.size(); ++i)
        if (e.layer.solids[i].material->category == activeCategory) actives.push_back(i);
    if (actives.size() != 1)
        node[node.has("materials") ? "materials" : "material"].fail(
            fmt::format("{} needs exactly one {} (active) material, found {}{}", role,
                        materials::toString(activeCategory), actives.size(),
                        actives.size() > 1 ? " (blends are not supported yet)" : ""));
    e.activeIndex = actives.front();
    if (auto r = node.find("particle-radius"))
        e.particleRadius = r->asQuantity("m", Bounds::positive());
    if (node.has("coating")) addCoating(e, node, library);
    readAmount(e, node, anode ? cathodeCapacity : 0.0);
    e.kinetics = readKinetics(node, "film-resistance");
    const Bounds share{0.0, 1.0, false, true};
    if (auto f = node.find("contact-fraction")) e.contactFraction = f->asQuantity("1", share);
    if (auto f = node.find("accessible-fraction")) e.accessibleFraction = f->asQuantity("1", share);
    if (auto s = node.find("effective-ionic-conductivity"))
        e.effectiveIonicConductivity = s->asQuantity("S/m", Bounds::positive());
    if (auto s = node.find("effective-electronic-conductivity"))
        e.effectiveElectronicConductivity = s->asQuantity("S/m", Bounds::positive());
    if (auto a = node.find("active-area")) e.activeArea = a->asQuantity("1/m", Bounds::positive());
    return e;
}

DenseLayer readDense(const ConfigNode& node, const MaterialLibrary& library,
                     const std::vector<Category>& allowed, std::string_view role) {
    node.expectKeys({"material", "thickness"});
    return {&requireMaterial(node["material"], library, allowed, role),
            node["thickness"].asQuantity("m", Bounds::positive())};
}

/// Li or alloy foil: `thickness`, or `n-p-ratio` with the thickness that gives it.
DenseLayer readFoil(const ConfigNode& node, const Material& material, double cathodeCapacity) {
    if (node.has("thickness") == node.has("n-p-ratio"))
        node.fail("give exactly one of thickness, n-p-ratio");
    if (auto t = node.find("thickness")) return {&material, t->asQuantity("m", Bounds::positive())};
    const double capacity = node["n-p-ratio"].asQuantity("1", Bounds::positive()) * cathodeCapacity;
    return {&material,
            capacity / (material.scalar("practical-capacity") * material.scalar("density"))};
}

Anode readAnode(const ConfigNode& node, const MaterialLibrary& library, double cathodeCapacity) {
    Anode anode;
    const ConfigNode typeNode = node["type"];
    const std::string type = typeNode.asString();
    if (type == "li-metal") {
        anode.kind = AnodeKind::LiMetal;
        node.expectKeys({"type", "material", "thickness", "n-p-ratio", "kinetics"});
        const Material* li = node.has("material") ? &requireMaterial(node["material"], library,
                                                                     {Category::Anode}, "li-metal")
                                                  : library.find("Li");
        if (!li)
            node.fail(
                "the materials library has no 'Li'; name the lithium material with 'material'");
        anode.foil = readFoil(node, *li, cathodeCapacity);
        anode.platedMetal = li;
    } else if (type == "alloy-foil") {
        anode.kind = AnodeKind::AlloyFoil;
        node.expectKeys({"type", "material", "thickness", "n-p-ratio", "kinetics"});
        anode.foil = readFoil(
            node, requireMaterial(node["material"], library, {Category::Anode}, "alloy-foil"),
            cathodeCapacity);
    } else if (type == "anode-free") {
        anode.kind = AnodeKind::AnodeFree;
        node.expectKeys({"type", "interlayer", "kinetics"});
        anode.platedMetal = library.find("Li");
        if (!anode.platedMetal) node.fail("the materials library has no 'Li' to plate");
        if (auto inter = node.find("interlayer")) {
            inter->expectKeys({"materials", "material", "fractions", "porosity", "thickness"});
            CompositeLayer layer = readLayer(*inter, library,
                                             {Category::Anode, Category::ConductiveAdditive,
                                              Category::Binder, Category::SolidElectrolyte},
                                             "the interlayer");
            layer.thickness = (*inter)["thickness"].asQuantity("m", Bounds::positive());
            anode.interlayer = layer;
        }
    } else if (type == "composite") {
        anode.kind = AnodeKind::Composite;
        anode.composite = readElectrode(node, library, Category::Anode, cathodeCapacity);
    } else {
        typeNode.fail(
            fmt::format("unknown anode type '{}'; expected li-metal, alloy-foil, "
                        "anode-free or composite",
                        type));
    }
    if (anode.kind != AnodeKind::Composite)
        anode.kinetics = readKinetics(node, "interface-resistance");
    return anode;
}

StackFormat readFormat(const ConfigNode& node) {
    const std::string text = node.asString();
    if (text == "pellet") return StackFormat::Pellet;
    if (text == "sheet") return StackFormat::Sheet;
    if (text == "bipolar") return StackFormat::Bipolar;
    node.fail(fmt::format("unknown format '{}'; expected pellet, sheet or bipolar", text));
}

double readArea(const ConfigNode& cell) {
    if (cell.has("area") == cell.has("diameter")) cell.fail("give exactly one of area, diameter");
    if (auto a = cell.find("area")) return a->asQuantity("m^2", Bounds::positive());
    const double d = cell["diameter"].asQuantity("m", Bounds::positive());
    return std::numbers::pi * d * d / 4.0;
}

void readCollectors(CellSpec& spec, const ConfigNode& cell, const MaterialLibrary& library) {
    if (auto cc = cell.find("current-collectors")) {
        cc->expectKeys({"positive", "negative", "bipolar"});
        const std::vector<Category> metal = {Category::CurrentCollector};
        if (auto p = cc->find("positive"))
            spec.positiveCollector = readDense(*p, library, metal, "a current collector");
        if (auto n = cc->find("negative"))
            spec.negativeCollector = readDense(*n, library, metal, "a current collector");
        if (auto b = cc->find("bipolar")) {
            if (spec.format != StackFormat::Bipolar)
                b->fail("a bipolar collector needs format: bipolar");
            spec.bipolarCollector = readDense(*b, library, metal, "a current collector");
        }
    }
    if (spec.format == StackFormat::Bipolar && spec.cells > 1 && !spec.bipolarCollector) {
        if (!cell.has("current-collectors")) cell["current-collectors"];
        cell["current-collectors"]["bipolar"];  // throws: missing required key
    }
}

/// `thermal: {model: lumped, heat-transfer-coefficient: ..., specific-heat-capacity: ...}`
/// (docs/input-format.md#thermal). Needs the cell's temperature and area read before it.
ThermalSpec readThermal(const ConfigNode& node, const CellSpec& spec) {
    node.expectKeys({"model", "ambient-temperature", "heat-transfer-coefficient", "cooled-area",
                     "specific-heat-capacity"});
    ThermalSpec t;
    const std::string model = node["model"].asString();
    if (model != "lumped" && model != "isothermal")
        node["model"].fail(fmt::format("expected 'lumped' or 'isothermal', got '{}'", model));
    t.lumped = model == "lumped";
    t.ambientTemperature = spec.temperature;
    if (auto a = node.find("ambient-temperature"))
        t.ambientTemperature = a->asQuantity("K", Bounds::between(150, 700));
    if (!t.lumped) return t;
    t.heatTransferCoefficient =
        node["heat-transfer-coefficient"].asQuantity("W/(m^2*K)", Bounds::nonNegative());
    t.specificHeatCapacity =
        node["specific-heat-capacity"].asQuantity("J/(kg*K)", Bounds::positive());
    t.cooledArea = 2.0 * spec.area;  // both faces of the stack; edges neglected
    if (auto a = node.find("cooled-area")) t.cooledArea = a->asQuantity("m^2", Bounds::positive());
    return t;
}

}  // namespace

CellSpec readCell(const ConfigNode& root, const MaterialLibrary& library) {
    root.expectKeys({"cell", "experiment", "simulation"});
    const ConfigNode cell = root["cell"];
    cell.expectKeys({"name", "format", "cells", "area", "diameter", "temperature", "stack-pressure",
                     "thermal", "cathode", "separator", "anode", "current-collectors",
                     "packaging"});
    CellSpec spec;
    spec.file = root.file();
    spec.name = cell.has("name") ? cell["name"].asString() : std::string();
    spec.format = readFormat(cell["format"]);
    if (auto n = cell.find("cells")) {
        const double cells = n->asQuantity("1", Bounds::between(1, 10000));
        if (cells != std::floor(cells)) n->fail("expected a whole number of cells");
        spec.cells = static_cast<int>(cells);
        if (spec.format == StackFormat::Pellet && spec.cells != 1)
            n->fail("a pellet cell holds one cell; use format: sheet or bipolar for stacks");
    }
    spec.area = readArea(cell);
    if (auto t = cell.find("temperature"))
        spec.temperature = t->asQuantity("K", Bounds::between(150, 700));
    if (auto p = cell.find("stack-pressure"))
        spec.stackPressure = p->asQuantity("Pa", Bounds::between(0, 1e9));
    if (auto t = cell.find("thermal")) spec.thermal = readThermal(*t, spec);

    spec.cathode = readElectrode(cell["cathode"], library, Category::Cathode, 0.0);

    const ConfigNode sep = cell["separator"];
    sep.expectKeys(
        {"materials", "material", "fractions", "porosity", "thickness", "pore-electrolyte"});
    spec.separator = readLayer(
        sep, library, {Category::SolidElectrolyte, Category::Binder, Category::SeparatorMembrane},
        "the separator");
    spec.separator.thickness = sep["thickness"].asQuantity("m", Bounds::positive());
    const bool ionConductor = std::any_of(
        spec.separator.solids.begin(), spec.separator.solids.end(),
        [](const Constituent& c) { return c.material->category == Category::SolidElectrolyte; });
    if (!ionConductor && !spec.separator.poreElectrolyte)
        sep.fail(
            "the separator conducts no ions: it needs a solid-electrolyte material or a "
            "pore-electrolyte");

    spec.anode = readAnode(cell["anode"], library, spec.cathode.practicalCapacity());
    readCollectors(spec, cell, library);
    if (auto pack = cell.find("packaging")) {
        pack->expectKeys({"areal-mass", "thickness"});
        if (auto m = pack->find("areal-mass"))
            spec.packagingArealMass = m->asQuantity("kg/m^2", Bounds::nonNegative());
        if (auto t = pack->find("thickness"))
            spec.packagingThickness = t->asQuantity("m", Bounds::nonNegative());
    }
    return spec;
}

CellSpec readCellFile(const std::string& file, const MaterialLibrary& library) {
    return readCell(ConfigNode::loadFile(file), library);
}

}  // namespace ssbsim::cell
