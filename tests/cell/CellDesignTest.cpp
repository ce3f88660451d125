// Cell designer against cases computed by hand. The synthetic materials in
// tests/data/materials have round numbers; each expected value below is written as the
// arithmetic that gives it (docs/physics/cell-design.md has the formulas).
#include <gtest/gtest.h>

#include <cmath>

#include "ssbsim/cell/CellDesign.h"
#include "ssbsim/cell/CellReader.h"
#include "ssbsim/core/Constants.h"

using namespace ssbsim;
using namespace ssbsim::cell;

namespace {

const materials::MaterialLibrary& library() {
    static const auto lib =
        materials::MaterialLibrary::load({SSBSIM_MATERIALS_DIR, SSBSIM_TEST_DATA "/materials"});
    return lib;
}

CellDesign design(const std::string& file) {
    return designCell(readCellFile(SSBSIM_TEST_DATA "/cells/" + file, library()));
}

// Display-unit helpers: the hand computations are in mAh/cm^2, mg/cm^2, um, Wh/kg, Wh/L.
constexpr double mAhPerCm2 = 36000.0;  // C/m^2
constexpr double mgPerCm2 = 1e-2;      // kg/m^2
constexpr double um = 1e-6;            // m
constexpr double WhPerKg = 3600.0;     // J/kg
constexpr double WhPerL = 3.6e6;       // J/m^3
constexpr double rel = 1e-9;           // the design is closed-form: only rounding differs

#define EXPECT_REL(actual, expected) \
    EXPECT_NEAR(actual, expected, std::abs(expected) * rel + 1e-300)

// Cathode of every case: 80 wt % TestCAM (5 g/cm^3, 200 of 250 mAh/g) + 20 wt % TestSE (2 g/cm^3),
// porosity 0.2, 20 mg/cm^2 CAM -> solids 25 mg/cm^2; CAM 20/5 = 4e-3 cm, SE 5/2 = 2.5e-3 cm,
// thickness (40 + 25) um / 0.8 = 81.25 um; capacity 20 mg * 0.2 mAh/mg = 4 mAh/cm^2 (5
// theoretical). OCV 4.2 -> 3.6 V linear in x; window [1 - 4/5, 1] = [0.2, 1]; mean (U(0.2) +
// U(1))/2 = (4.08 + 3.6)/2.
constexpr double cathodeMean = (4.08 + 3.6) / 2;  // 3.84 V

}  // namespace

TEST(CellDesign, HandComputedPellet) {
    const CellDesign d = design("hand-pellet.yaml");
    EXPECT_REL(d.cathodePracticalCapacity, 4.0 * mAhPerCm2);
    EXPECT_REL(d.cathodeTheoreticalCapacity, 5.0 * mAhPerCm2);
    EXPECT_REL(d.layers[0].thickness, 81.25 * um);
    EXPECT_REL(d.layers[0].arealMass, 25.0 * mgPerCm2);
    EXPECT_REL(d.seMassFractionCathode, 0.2);
    EXPECT_REL(d.seVolumeFractionCathode, 0.8 * 2.5 / 6.5);  // (1 - porosity) * V_SE / V_solids
    EXPECT_REL(d.cathodeWindow[0], 0.2);
    EXPECT_REL(d.averageVoltage, cathodeMean);
    // Li foil 20 um of 0.5 g/cm^3 = 1 mg/cm^2 at F/M = 3828.783 mAh/g -> 3.828783 mAh/cm^2.
    const double liCapacity = 1.0 * 3828.7830206e-3;
    EXPECT_REL(d.anodePracticalCapacity, liCapacity * mAhPerCm2);
    EXPECT_REL(d.npRatio, liCapacity / 4.0);
    // Plated Li at full charge: 4 mAh/cm^2 = 14.4 C/cm^2 -> 14.4/F mol * 7 g/mol / 0.5 g/cm^3.
    const double plated = 14.4 / constants::faraday * 7.0 / 0.5 * 1e4;  // um
    EXPECT_REL(d.layers[2].chargedThickness, (20.0 + plated) * um);
    // Energy 4 * 3.84 = 15.36 mWh/cm^2 over 25 + 10 (separator 50 um * 2 g/cm^3) + 1 mg/cm^2.
    const double energy = 4.0 * cathodeMean;  // mWh/cm^2
    EXPECT_REL(d.stack.gravimetric, energy / 36.0 * 1e3 * WhPerKg);
    EXPECT_REL(d.stack.volumetric, energy / (81.25 + 50 + 20 + plated) * 1e4 * WhPerL);
    // + two 10 um collectors of 3 g/cm^3 (3 mg/cm^2 each).
    EXPECT_REL(d.withCollectors.gravimetric, energy / 42.0 * 1e3 * WhPerKg);
    EXPECT_REL(d.withCollectors.volumetric, energy / (171.25 + plated) * 1e4 * WhPerL);
    // + packaging 4 mg/cm^2, 20 um.
    EXPECT_REL(d.withPackaging.gravimetric, energy / 46.0 * 1e3 * WhPerKg);
    EXPECT_REL(d.withPackaging.volumetric, energy / (191.25 + plated) * 1e4 * WhPerL);
}

TEST(CellDesign, HandComputedSheet) {
    const CellDesign d = design("hand-sheet.yaml");
    // Anode: N/P 1.1 -> 4.4 mAh/cm^2 / 330 mAh/g = 13.333 mg/cm^2 of TestAnode (2 g/cm^3, porosity
    // 0.25) -> 13.333e-3 / (2 * 0.75) cm = 88.889 um; theoretical 13.333 * 0.35 = 4.6667 mAh/cm^2.
    const double anodeMass = 4.4 / 330.0 * 1e3;                           // mg/cm^2
    const double anodeThickness = anodeMass * 1e-3 / (2.0 * 0.75) * 1e4;  // um
    EXPECT_REL(d.npRatio, 1.1);
    EXPECT_REL(d.anodeTheoreticalCapacity, anodeMass * 0.35 * mAhPerCm2);
    EXPECT_REL(d.layers[2].thickness, anodeThickness * um);
    // Anode window [0, 4/4.6667]; OCV 0.5 -> 0.1 V linear: mean 0.5 - 0.4 * x_end / 2.
    const double xEnd = 4.0 / (anodeMass * 0.35);
    EXPECT_REL(d.anodeWindow[1], xEnd);
    const double voltage = cathodeMean - (0.5 - 0.4 * xEnd / 2);
    EXPECT_REL(d.averageVoltage, voltage);
    // 4 cells in parallel on double-coated collectors: (4+1)/2 = 2 positive, 4/2+1 = 3 negative.
    EXPECT_EQ(d.layers[3].count, 2.0);
    EXPECT_EQ(d.layers[4].count, 3.0);
    const double energy = 4 * 4.0 * voltage;                 // mWh/cm^2
    const double stackMass = 4 * (25.0 + 10.0 + anodeMass);  // mg/cm^2
    EXPECT_REL(d.stack.gravimetric, energy / stackMass * 1e3 * WhPerKg);
    EXPECT_REL(d.stack.volumetric, energy / (4 * (81.25 + 50 + anodeThickness)) * 1e4 * WhPerL);
    EXPECT_REL(d.withCollectors.gravimetric,
               energy / (stackMass + 2 * 3.0 + 3 * 1.5) * 1e3 * WhPerKg);
    EXPECT_REL(d.charge(), 4 * 10 * 4.0 * 3.6);  // 160 mAh in C
    EXPECT_REL(d.voltage(), voltage);
}

TEST(CellDesign, HandComputedBipolarAnodeFree) {
    const CellDesign d = design("hand-bipolar.yaml");
    // Cathode given by thickness 81.25 um -> the same 20 mg/cm^2 and 4 mAh/cm^2; no Li excess.
    EXPECT_REL(d.cathodeLoading, 20.0 * mgPerCm2);
    EXPECT_EQ(d.npRatio, 0.0);
    EXPECT_REL(d.averageVoltage, cathodeMean);
    EXPECT_REL(d.voltage(), 3 * cathodeMean);
    const materials::Material& li = *library().find("Li");
    const double plated = 14.4 / constants::faraday * li.scalar("molar-mass") * 1e3 /
                          (li.scalar("density") * 1e-3) * 1e4;  // um
    const double energy = 3 * 4.0 * cathodeMean;                // mWh/cm^2
    EXPECT_REL(d.stack.gravimetric, energy / (3 * 35.0) * 1e3 * WhPerKg);
    EXPECT_REL(d.stack.volumetric, energy / (3 * (131.25 + plated)) * 1e4 * WhPerL);
    // Two end collectors (3 mg/cm^2 each) and 3-1 = 2 bipolar plates of 20 um (6 mg/cm^2 each).
    EXPECT_REL(d.withCollectors.gravimetric, energy / (105.0 + 6.0 + 12.0) * 1e3 * WhPerKg);
}

TEST(CellDesign, VolumeFractionsAreEquivalentToMassFractions) {
    // 80/20 by mass with densities 5 and 2 is 4 : 2.5 by volume = 0.6153846 : 0.3846154.
    const std::string base =
        "cell:\n  format: pellet\n  area: 1 cm^2\n"
        "  separator: {material: TestSE, thickness: 50 um, porosity: 0}\n"
        "  anode: {type: li-metal, material: TestLi, thickness: 20 um}\n";
    const auto byVolume = io::ConfigNode::loadString(
        base + "  cathode: {materials: {TestCAM: " + std::to_string(4.0 / 6.5) +
            ", TestSE: " + std::to_string(2.5 / 6.5) +
            "}, fractions: volume, porosity: 0.2, loading: 20 mg/cm^2}\n",
        "volume.yaml");
    // std::to_string keeps 6 decimals: the fractions sum to 1 within 1e-6 and match to ~1e-6.
    const CellDesign d = designCell(readCell(byVolume, library()));
    EXPECT_NEAR(d.seMassFractionCathode, 0.2, 2e-6);
    EXPECT_NEAR(d.layers[0].thickness, 81.25 * um, 81.25 * um * 2e-6);
}

TEST(CellDesign, CoatingShellAddsItsMass) {
    // 10 nm of TestCoat (4 g/cm^3) on R = 1 um particles: shell/core volume (1.01^3 - 1) =
    // 0.030301, so 4e-3 cm of CAM carries 1.21204e-4 cm of coating = 0.484816 mg/cm^2.
    const auto root = io::ConfigNode::loadString(
        "cell:\n  format: pellet\n  area: 1 cm^2\n"
        "  cathode: {materials: {TestCAM: 0.8, TestSE: 0.2}, porosity: 0.2, loading: 20 mg/cm^2,\n"
        "            particle-radius: 1 um, coating: {material: TestCoat, thickness: 10 nm}}\n"
        "  separator: {material: TestSE, thickness: 50 um, porosity: 0}\n"
        "  anode: {type: li-metal, material: TestLi, thickness: 20 um}\n",
        "coating.yaml");
    const CellSpec spec = readCell(root, library());
    const double coatingMass = 4e-3 * (std::pow(1.01, 3) - 1) * 4.0 * 1e3;  // mg/cm^2
    EXPECT_REL(spec.cathode.layer.arealMass(), (25.0 + coatingMass) * mgPerCm2);
    EXPECT_REL(spec.cathode.activeLoading(), 20.0 * mgPerCm2);
}
