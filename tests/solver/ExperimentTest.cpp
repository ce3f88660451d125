// Experiment (cycling protocol) parsing: every accepted form of docs/experiments.md, cycles,
// the YAML form and the error messages. Expected SI values are written as arithmetic from the
// text (0.5 mA/cm2 = 0.5e-3 A / 1e-4 m^2) so that each one can be checked by eye.
#include <gtest/gtest.h>

#include "support/ErrorOf.h"

#include <string>
#include <vector>

#include "ssbsim/io/ConfigNode.h"
#include "ssbsim/solver/Experiment.h"

using ssbsim::InputError;
using ssbsim::io::ConfigNode;
using namespace ssbsim::solver;

namespace {

constexpr double hour = 3600.0;
constexpr double cm2 = 1e-4;  // m^2

using ssbsim::testing::errorOf;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

void expectVoltageLimit(const Step& s, double volts) {
    ASSERT_EQ(s.until.size(), 1u) << s.text;
    EXPECT_EQ(s.until[0].kind, Limit::Kind::Voltage) << s.text;
    EXPECT_DOUBLE_EQ(s.until[0].value, volts) << s.text;
}

}  // namespace

// ----- current steps -------------------------------------------------------------------------

TEST(ExperimentStep, DischargeAtCRateUntilVoltage) {
    const Step s = parseStep("Discharge at 1C until 2.5 V");
    EXPECT_EQ(s.text, "Discharge at 1C until 2.5 V");
    EXPECT_EQ(s.control, Control::Current);
    EXPECT_EQ(s.amount, Amount::CRate);
    EXPECT_DOUBLE_EQ(s.value, 1.0);
    EXPECT_FALSE(s.duration);
    EXPECT_FALSE(s.period);
    expectVoltageLimit(s, 2.5);
}

TEST(ExperimentStep, CRateAsFractionForDuration) {
    const Step s = parseStep("Discharge at C/2 for 1 hour");
    EXPECT_EQ(s.amount, Amount::CRate);
    EXPECT_DOUBLE_EQ(s.value, 1.0 / 2.0);
    ASSERT_TRUE(s.duration);
    EXPECT_DOUBLE_EQ(*s.duration, 1 * hour);
    EXPECT_TRUE(s.until.empty());
}

TEST(ExperimentStep, DurationOrLimit) {
    const Step s = parseStep("Discharge at 0.5C for 30 minutes or until 3 V");
    EXPECT_DOUBLE_EQ(s.value, 0.5);
    ASSERT_TRUE(s.duration);
    EXPECT_DOUBLE_EQ(*s.duration, 30 * 60.0);
    expectVoltageLimit(s, 3.0);
    // The other order reads the same.
    const Step t = parseStep("Discharge at 0.5C until 3 V or for 30 minutes");
    EXPECT_DOUBLE_EQ(*t.duration, 30 * 60.0);
    expectVoltageLimit(t, 3.0);
}

TEST(ExperimentStep, ChargeCurrentsAreNegative) {
    const Step density = parseStep("Charge at 0.5 mA/cm2 until 4.3 V");
    EXPECT_EQ(density.control, Control::Current);
    EXPECT_EQ(density.amount, Amount::CurrentDensity);
    EXPECT_DOUBLE_EQ(density.value, -0.5e-3 / cm2);  // -5 A/m^2
    expectVoltageLimit(density, 4.3);

    const Step amps = parseStep("Charge at 1 A until 4.2 V");
    EXPECT_EQ(amps.amount, Amount::Current);
    EXPECT_DOUBLE_EQ(amps.value, -1.0);

    const Step milliamps = parseStep("Charge at 2 mA until 4.2 V");
    EXPECT_EQ(milliamps.amount, Amount::Current);
    EXPECT_DOUBLE_EQ(milliamps.value, -2e-3);

    const Step rate = parseStep("Charge at 1C until 4.2 V");
    EXPECT_EQ(rate.amount, Amount::CRate);
    EXPECT_DOUBLE_EQ(rate.value, -1.0);  // the C-rate number carries the sign too
}

TEST(ExperimentStep, CRateSpellings) {
    EXPECT_DOUBLE_EQ(parseStep("Discharge at 1C until 3 V").value, 1.0);
    EXPECT_DOUBLE_EQ(parseStep("Discharge at C/2 until 3 V").value, 0.5);
    EXPECT_DOUBLE_EQ(parseStep("Discharge at 0.5C until 3 V").value, 0.5);
    EXPECT_DOUBLE_EQ(parseStep("Discharge at 2 C until 3 V").value, 2.0);
    EXPECT_DOUBLE_EQ(parseStep("Discharge at .5C until 3 V").value, 0.5);
    EXPECT_DOUBLE_EQ(parseStep("Discharge at 1e-1C until 3 V").value, 0.1);
    EXPECT_DOUBLE_EQ(parseStep("Discharge at C / 10 until 3 V").value, 1.0 / 10.0);
}

TEST(ExperimentStep, UnitsWithOrWithoutSpaces) {
    for (const char* text :
         {"Charge at 0.5 mA/cm2 until 4.3 V", "Charge at 0.5mA/cm2 until 4.3V",
          "Charge at 0.5 mA/cm^2 until 4.3 V", "Charge at 0.5 mA cm^-2 until 4.3 V",
          "Charge at 5e-4 A/cm2 until 4.3 V", "Charge at 5 A/m^2 until 4300 mV"}) {
        const Step s = parseStep(text);
        EXPECT_EQ(s.amount, Amount::CurrentDensity) << text;
        EXPECT_DOUBLE_EQ(s.value, -0.5e-3 / cm2) << text;
        expectVoltageLimit(s, 4.3);
    }
    EXPECT_DOUBLE_EQ(parseStep("Discharge at 1e-3 A until 3 V").value, 1e-3);
    EXPECT_DOUBLE_EQ(parseStep("Discharge at 1e-3A until 3V").value, 1e-3);
}

TEST(ExperimentStep, VerbsAndKeywordsIgnoreCase) {
    const Step s = parseStep("  discharge AT 1C Until 3 V  ");
    EXPECT_EQ(s.text, "discharge AT 1C Until 3 V");
    EXPECT_DOUBLE_EQ(s.value, 1.0);
    expectVoltageLimit(s, 3.0);
}

// ----- voltage steps -------------------------------------------------------------------------

TEST(ExperimentStep, HoldUntilCurrentLimits) {
    const Step rate = parseStep("Hold at 4.3 V until C/50");
    EXPECT_EQ(rate.control, Control::Voltage);
    EXPECT_EQ(rate.amount, Amount::Voltage);
    EXPECT_DOUBLE_EQ(rate.value, 4.3);
    ASSERT_EQ(rate.until.size(), 1u);
    EXPECT_EQ(rate.until[0].kind, Limit::Kind::CRate);
    EXPECT_DOUBLE_EQ(rate.until[0].value, 1.0 / 50.0);

    const Step current = parseStep("Hold at 4.2 V until 50 mA");
    EXPECT_DOUBLE_EQ(current.value, 4.2);
    ASSERT_EQ(current.until.size(), 1u);
    EXPECT_EQ(current.until[0].kind, Limit::Kind::Current);
    EXPECT_DOUBLE_EQ(current.until[0].value, 50e-3);

    const Step density = parseStep("Hold at 4.2 V until 0.05 mA/cm2");
    ASSERT_EQ(density.until.size(), 1u);
    EXPECT_EQ(density.until[0].kind, Limit::Kind::CurrentDensity);
    EXPECT_DOUBLE_EQ(density.until[0].value, 0.05e-3 / cm2);  // 0.5 A/m^2
}

TEST(ExperimentStep, HoldForDuration) {
    const Step s = parseStep("Hold at 4.2 V for 1 hour");
    EXPECT_EQ(s.control, Control::Voltage);
    EXPECT_DOUBLE_EQ(s.value, 4.2);
    ASSERT_TRUE(s.duration);
    EXPECT_DOUBLE_EQ(*s.duration, 1 * hour);
    EXPECT_TRUE(s.until.empty());
}

TEST(ExperimentStep, ChargeAtAVoltageIsAVoltageStep) {
    // PyBaMM reads "Charge at 4.2 V" as a voltage step; the held voltage has no sign.
    const Step s = parseStep("Charge at 4.2 V until C/20");
    EXPECT_EQ(s.control, Control::Voltage);
    EXPECT_DOUBLE_EQ(s.value, 4.2);
}

// ----- rests ---------------------------------------------------------------------------------

TEST(ExperimentStep, RestDurations) {
    const std::pair<const char*, double> cases[] = {{"Rest for 2 hours", 2 * hour},
                                                    {"Rest for 10 minutes", 10 * 60.0},
                                                    {"Rest for 30 seconds", 30.0},
                                                    {"Rest for 1 day", 24 * hour},
                                                    {"Rest for 1 minute", 60.0},
                                                    {"Rest for 1 second", 1.0},
                                                    {"Rest for 2 days", 2 * 24 * hour},
                                                    {"Rest for 1.5 h", 1.5 * hour},
                                                    {"Rest for 90 s", 90.0},
                                                    {"Rest for 5 min", 5 * 60.0},
                                                    {"Rest for 500 ms", 0.5}};
    for (const auto& [text, seconds] : cases) {
        const Step s = parseStep(text);
        EXPECT_EQ(s.control, Control::Rest) << text;
        EXPECT_EQ(s.amount, Amount::None) << text;
        EXPECT_EQ(s.value, 0.0) << text;
        ASSERT_TRUE(s.duration) << text;
        EXPECT_DOUBLE_EQ(*s.duration, seconds) << text;
    }
}

TEST(ExperimentStep, RestUntilVoltage) {
    const Step s = parseStep("Rest for 1 hour or until 3.5 V");
    EXPECT_DOUBLE_EQ(*s.duration, 1 * hour);
    expectVoltageLimit(s, 3.5);
}

// ----- power steps, output period, several limits ---------------------------------------------

TEST(ExperimentStep, PowerSteps) {
    const Step watts = parseStep("Discharge at 10 W until 3 V");
    EXPECT_EQ(watts.control, Control::Power);
    EXPECT_EQ(watts.amount, Amount::Power);
    EXPECT_DOUBLE_EQ(watts.value, 10.0);
    expectVoltageLimit(watts, 3.0);

    const Step density = parseStep("Discharge at 5 mW/cm2 until 3 V");
    EXPECT_EQ(density.control, Control::Power);
    EXPECT_EQ(density.amount, Amount::PowerDensity);
    EXPECT_DOUBLE_EQ(density.value, 5e-3 / cm2);  // 50 W/m^2

    EXPECT_DOUBLE_EQ(parseStep("Charge at 10 W until 4.2 V").value, -10.0);
}

TEST(ExperimentStep, ResistanceSteps) {
    // PyBaMM's "Discharge at 4 Ohm": V = R I; a charge takes the resistance negative.
    const Step ohms = parseStep("Discharge at 4 Ohm for 10 minutes");
    EXPECT_EQ(ohms.control, Control::Resistance);
    EXPECT_EQ(ohms.amount, Amount::Resistance);
    EXPECT_DOUBLE_EQ(ohms.value, 4.0);
    EXPECT_DOUBLE_EQ(*ohms.duration, 600.0);
    EXPECT_DOUBLE_EQ(parseStep("Charge at 500 mOhm until 4.2 V").value, -0.5);

    const Step specific = parseStep("Discharge at 10 ohm cm2 until 3 V or until 1 mA");
    EXPECT_EQ(specific.control, Control::Resistance);
    EXPECT_EQ(specific.amount, Amount::AreaResistance);
    EXPECT_DOUBLE_EQ(specific.value, 10.0 * cm2);  // 1e-3 Ohm m^2
    ASSERT_EQ(specific.until.size(), 2u);
    EXPECT_EQ(specific.until[1].kind, Limit::Kind::Current);
}

TEST(ExperimentStep, PowerStepMayEndOnVoltageOrCurrent) {
    const Step s = parseStep("Discharge at 10 W until 3 V or until 50 mA or for 2 hours");
    ASSERT_EQ(s.until.size(), 2u);
    EXPECT_EQ(s.until[0].kind, Limit::Kind::Voltage);
    EXPECT_EQ(s.until[1].kind, Limit::Kind::Current);
    EXPECT_DOUBLE_EQ(s.until[1].value, 50e-3);
    EXPECT_DOUBLE_EQ(*s.duration, 2 * hour);
}

TEST(ExperimentStep, OutputPeriod) {
    const Step s = parseStep("Charge at 1C until 4.2 V (1 minute period)");
    EXPECT_EQ(s.text, "Charge at 1C until 4.2 V (1 minute period)");
    EXPECT_DOUBLE_EQ(s.value, -1.0);
    expectVoltageLimit(s, 4.2);
    ASSERT_TRUE(s.period);
    EXPECT_DOUBLE_EQ(*s.period, 60.0);
    EXPECT_DOUBLE_EQ(*parseStep("Rest for 1 hour (10 seconds period)").period, 10.0);
}

// ----- cycles --------------------------------------------------------------------------------

TEST(ExperimentCycles, RepeatedCycleIsOneCyclePerRepetition) {
    const Experiment e = parseExperiment(
        {"[Discharge at 1C until 3 V, Rest for 1 hour, Charge at 1C until 4.2 V] * 100"});
    ASSERT_EQ(e.steps.size(), 3u * 100u);
    ASSERT_EQ(e.cycleStart.size(), 100u);
    for (size_t k = 0; k < 100; ++k) EXPECT_EQ(e.cycleStart[k], 3 * k);
    EXPECT_EQ(e.steps[0].text, "Discharge at 1C until 3 V");
    EXPECT_EQ(e.steps[1].text, "Rest for 1 hour");
    EXPECT_EQ(e.steps[299].text, "Charge at 1C until 4.2 V");
    EXPECT_DOUBLE_EQ(e.steps[299].value, -1.0);
}

TEST(ExperimentCycles, BareStepsAreOneStepCycles) {
    const Experiment e =
        parseExperiment({"Rest for 1 hour", "(Discharge at 1C until 3 V, Rest for 1 hour) * 3",
                         "Charge at 1C until 4.2 V"});
    ASSERT_EQ(e.steps.size(), 1u + 2u * 3u + 1u);
    EXPECT_EQ(e.cycleStart, (std::vector<size_t>{0, 1, 3, 5, 7}));
    EXPECT_EQ(e.steps[7].text, "Charge at 1C until 4.2 V");
}

TEST(ExperimentCycles, PythonTupleWithQuotesAndTrailingComma) {
    const Experiment e = parseExperiment({R"(("Discharge at 1C until 3 V", 'Rest for 1 hour') * 2)",
                                          R"(("Rest for 10 minutes",) * 2)"});
    ASSERT_EQ(e.steps.size(), 4u + 2u);
    EXPECT_EQ(e.cycleStart, (std::vector<size_t>{0, 2, 4, 5}));
    EXPECT_EQ(e.steps[0].text, "Discharge at 1C until 3 V");
    EXPECT_EQ(e.steps[1].text, "Rest for 1 hour");
}

TEST(ExperimentCycles, PeriodsInsideACycleAndNoRepeat) {
    const Experiment e = parseExperiment(
        {"(Charge at 1C until 4.2 V (1 minute period), Hold at 4.2 V until C/50) * 2",
         "[Discharge at 1C until 3 V, Rest for 1 hour]"});
    ASSERT_EQ(e.steps.size(), 4u + 2u);
    EXPECT_EQ(e.cycleStart, (std::vector<size_t>{0, 2, 4}));
    EXPECT_DOUBLE_EQ(*e.steps[2].period, 60.0);
    EXPECT_EQ(e.steps[3].control, Control::Voltage);
}

TEST(ExperimentCycles, YamlListOfStepsAndCycles) {
    const auto root = ConfigNode::loadString(
        "experiment:\n"                                                 // 1
        "  - Rest for 1 hour\n"                                         // 2
        "  - cycle:\n"                                                  // 3
        "      - Discharge at 1C until 3 V\n"                           // 4
        "      - Charge at 0.5 mA/cm2 until 4.3 V (1 minute period)\n"  // 5
        "    repeat: 2\n"                                               // 6
        "  - cycle: [Hold at 4.2 V until C/50]\n"                       // 7
        "  - \"[Discharge at 1C for 1 minute, Rest for 1 minute] * 3\"\n",
        "protocol.yaml");
    const Experiment e = readExperiment(root["experiment"]);
    ASSERT_EQ(e.steps.size(), 1u + 2u * 2u + 1u + 2u * 3u);
    EXPECT_EQ(e.cycleStart, (std::vector<size_t>{0, 1, 3, 5, 6, 8, 10}));
    EXPECT_DOUBLE_EQ(e.steps[2].value, -0.5e-3 / cm2);
    EXPECT_DOUBLE_EQ(*e.steps[2].period, 60.0);
    EXPECT_EQ(e.steps[5].control, Control::Voltage);
    EXPECT_DOUBLE_EQ(*e.steps[10].duration, 60.0);
}

TEST(ExperimentCycles, YamlErrorsAreLocated) {
    const auto root = ConfigNode::loadString(
        "experiment:\n"                       // 1
        "  - Rest for 1 hour\n"               // 2
        "  - cycle:\n"                        // 3
        "      - Dischage at 1C until 3 V\n"  // 4
        "    repeat: 2\n"                     // 5
        "bad-repeat:\n"                       // 6
        "  - cycle: [Rest for 1 hour]\n"      // 7
        "    repeat: 0\n"                     // 8
        "bad-key:\n"                          // 9
        "  - cycle: [Rest for 1 hour]\n"      // 10
        "    repet: 2\n"                      // 11
        "not-a-list: Rest for 1 hour\n"       // 12
        "bad-cycle:\n"                        // 13
        "  - \"[Rest for 1 hour] * 0\"\n",    // 14
        "protocol.yaml");
    const auto step = errorOf([&] { readExperiment(root["experiment"]); });
    EXPECT_EQ(step.where().file, "protocol.yaml");
    EXPECT_EQ(step.where().line, 4);
    EXPECT_EQ(step.where().keyPath, "experiment[1].cycle[0]");
    EXPECT_TRUE(
        contains(step.problem(), "expected Discharge, Charge, Hold, Rest or Run at column 1"))
        << step.problem();

    const auto repeat = errorOf([&] { readExperiment(root["bad-repeat"]); });
    EXPECT_EQ(repeat.where().line, 8);
    EXPECT_TRUE(
        contains(repeat.problem(), "expected a whole number of repetitions from 1 to 100000"))
        << repeat.problem();

    const auto key = errorOf([&] { readExperiment(root["bad-key"]); });
    EXPECT_EQ(key.where().line, 11);
    EXPECT_TRUE(contains(key.problem(), "did you mean 'repeat'")) << key.problem();

    const auto list = errorOf([&] { readExperiment(root["not-a-list"]); });
    EXPECT_EQ(list.where().line, 12);
    EXPECT_TRUE(contains(list.problem(), "expected a list of steps")) << list.problem();

    const auto cycle = errorOf([&] { readExperiment(root["bad-cycle"]); });
    EXPECT_EQ(cycle.where().line, 14);
    EXPECT_TRUE(contains(cycle.problem(), "cannot read cycle")) << cycle.problem();
}

// ----- GITT ----------------------------------------------------------------------------------

TEST(ExperimentGitt, ProtocolIsARepeatedPulseAndRest) {
    const auto items = gittProtocol(0.1, 600, 3600, 20);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0], "[Discharge at 0.1C for 600 seconds, Rest for 3600 seconds] * 20");
    const Experiment e = parseExperiment(items);
    ASSERT_EQ(e.steps.size(), 2u * 20u);
    ASSERT_EQ(e.cycleStart.size(), 20u);
    EXPECT_EQ(e.cycleStart[19], 38u);
    EXPECT_DOUBLE_EQ(e.steps[0].value, 0.1);
    EXPECT_DOUBLE_EQ(*e.steps[0].duration, 600.0);
    EXPECT_DOUBLE_EQ(*e.steps[1].duration, 3600.0);

    const Experiment charge = parseExperiment(gittProtocol(-0.05, 1.5, 1e-3, 2));
    EXPECT_DOUBLE_EQ(charge.steps[0].value, -0.05);
    EXPECT_DOUBLE_EQ(*charge.steps[0].duration, 1.5);
    EXPECT_DOUBLE_EQ(*charge.steps[1].duration, 1e-3);
}

TEST(ExperimentGitt, RejectsImpossibleArguments) {
    EXPECT_TRUE(contains(errorOf([] { gittProtocol(0.0, 600, 3600, 20); }).problem(),
                         "expected a non-zero C-rate"));
    EXPECT_TRUE(contains(errorOf([] { gittProtocol(0.1, -1, 3600, 20); }).problem(),
                         "expected a pulse duration > 0 s"));
    EXPECT_TRUE(contains(errorOf([] { gittProtocol(0.1, 600, 0, 20); }).problem(),
                         "expected a rest duration > 0 s"));
    EXPECT_TRUE(contains(errorOf([] { gittProtocol(0.1, 600, 3600, 0); }).problem(),
                         "expected 1 to 100000 pulses"));
}

// ----- errors --------------------------------------------------------------------------------

namespace {

/// A text that must be rejected, the column the message must point at and a fragment saying
/// what was expected there.
struct BadInput {
    const char* name;
    std::vector<std::string> items;
    std::string column;  ///< "at column N"
    std::string fragment;
};

void PrintTo(const BadInput& b, std::ostream* os) {
    *os << b.name;
}

class ExperimentErrors : public testing::TestWithParam<BadInput> {};

}  // namespace

TEST_P(ExperimentErrors, MessageSaysWhereAndWhatWasExpected) {
    const BadInput& bad = GetParam();
    const auto e = errorOf([&] { parseExperiment(bad.items); });
    EXPECT_FALSE(e.where().known());  // no file: the caller locates it (readExperiment, the CLI)
    EXPECT_TRUE(contains(e.problem(), bad.column)) << e.problem();
    EXPECT_TRUE(contains(e.problem(), bad.fragment)) << e.problem();
}

INSTANTIATE_TEST_SUITE_P(
    Experiment, ExperimentErrors,
    testing::Values(
        BadInput{"VerbTypo",
                 {"Dischage at 1C until 2.5 V"},
                 "at column 1",
                 "cannot read step \"Dischage at 1C until 2.5 V\": expected Discharge, Charge, "
                 "Hold, Rest or Run at column 1, found \"Dischage\" (did you mean "
                 "\"Discharge\"?)"},
        BadInput{"EmptyStep", {"  "}, "at column 1", "found the end of the step"},
        BadInput{"NoEnding",
                 {"Discharge at 1C"},
                 "at column 16",
                 "never ends on its own: expected \"for <duration>\" or \"until <voltage>\""},
        BadInput{"RestWithoutDuration", {"Rest"}, "at column 5", "a Rest step must end"},
        BadInput{"ResistanceWithoutEnding",
                 {"Discharge at 4 Ohm"},
                 "at column 19",
                 "a resistance step never ends on its own"},
        BadInput{"NegativeResistance",
                 {"Discharge at -4 Ohm for 1 hour"},
                 "at column 14",
                 "expected a rate > 0"},
        BadInput{"MissingRate",
                 {"Discharge until 3 V"},
                 "at column 11",
                 "expected \"at\" and a rate after Discharge"},
        BadInput{"UnknownUnit",
                 {"Charge at 1 Amp until 4.2 V"},
                 "at column 11",
                 "expected a C-rate, current, current density, voltage, power or resistance "
                 "after \"at\""},
        BadInput{"UnknownUnitReason",
                 {"Charge at 1 Amp until 4.2 V"},
                 "at column 11",
                 "found \"1 Amp\" (cannot read unit 'Amp': unknown unit 'Amp')"},
        BadInput{"LimitOfWrongDimension",
                 {"Discharge at 1C until 3 kg"},
                 "at column 23",
                 "expected a limit after \"until\": a voltage, C-rate, current or current density"},
        BadInput{"NumberWithoutUnit",
                 {"Discharge at 1 until 3 V"},
                 "at column 14",
                 "found \"1\" (a number needs a unit)"},
        BadInput{"RestWithRate",
                 {"Rest at 1C for 1 hour"},
                 "at column 6",
                 "a Rest step takes no rate: expected \"for\" or \"until\""},
        BadInput{"NegativeCRate",
                 {"Discharge at -1C until 3 V"},
                 "at column 14",
                 "expected a rate > 0 (the direction comes from the verb"},
        BadInput{"ZeroCRate", {"Charge at C/0 until 4.2 V"}, "at column 11", "expected a rate > 0"},
        BadInput{"NegativeCurrent",
                 {"Charge at -2 mA until 4.2 V"},
                 "at column 11",
                 "expected a rate > 0"},
        BadInput{"HoldAtCurrent",
                 {"Hold at 1C until C/50"},
                 "at column 9",
                 "a Hold step holds a voltage: expected a voltage"},
        BadInput{"HoldUntilVoltage",
                 {"Hold at 4.2 V until 4.1 V"},
                 "at column 21",
                 "a voltage step cannot end on a voltage"},
        BadInput{"ConstantCurrentUntilCurrent",
                 {"Discharge at 1C until C/50"},
                 "at column 23",
                 "a constant-current step cannot end on a current"},
        BadInput{"RestUntilCurrent",
                 {"Rest until 50 mA"},
                 "at column 12",
                 "a Rest step cannot end on a current"},
        BadInput{"NegativeCurrentLimit",
                 {"Hold at 4.2 V until -50 mA"},
                 "at column 21",
                 "expected a current limit > 0"},
        BadInput{"TwoDurations",
                 {"Rest for 1 hour or for 2 hours"},
                 "at column 20",
                 "a step has one duration"},
        BadInput{"DurationNotATime",
                 {"Rest for 5 m"},
                 "at column 10",
                 "expected a duration (e.g. \"30 minutes\", \"1 hour\", \"90 s\") at column 10, "
                 "found \"5 m\" (a length)"},
        BadInput{"DurationZero", {"Rest for 0 seconds"}, "at column 10", "expected a duration > 0"},
        BadInput{"DurationWithoutUnit", {"Rest for 30"}, "at column 10", "a number needs a unit"},
        BadInput{"OrWithoutKeyword",
                 {"Discharge at 1C until 3 V or 2.5 V"},
                 "at column 30",
                 "expected \"for\" or \"until\" after \"or\""},
        BadInput{"OrBeforeAnyEnding",
                 {"Discharge at 1C or until 3 V"},
                 "at column 17",
                 "expected \"for\", \"until\", \"(<duration> period)\" or the end of the step"},
        BadInput{"PeriodWithoutWordPeriod",
                 {"Charge at 1C until 4.2 V (1 minute)"},
                 "at column 26",
                 "expected an output period \"(<duration> period)\""},
        BadInput{"PeriodNotClosed",
                 {"Charge at 1C until 4.2 V (1 minute period"},
                 "at column 42",
                 "expected an output period"},
        BadInput{"PeriodTwice",
                 {"Rest for 1 hour (1 minute period) (2 minute period)"},
                 "at column 35",
                 "expected the end of the step (the output period comes last)"},
        BadInput{"PeriodWithoutDuration",
                 {"Rest for 1 hour (period)"},
                 "at column 17",
                 "found \"(period)\""},
        BadInput{"TemperatureIsNotAStepSetting",
                 {"Discharge at 1C at 25 degC until 3 V"},
                 "at column 17",
                 "found \"at\""},
        BadInput{
            "RepeatZero",
            {"[Rest for 1 hour] * 0"},
            "at column 21",
            "expected a whole number of repetitions from 1 to 100000 at column 21, found \"0\""},
        BadInput{"RepeatFraction",
                 {"[Rest for 1 hour] * 2.5"},
                 "at column 21",
                 "expected a whole number of repetitions"},
        BadInput{
            "RepeatTooLarge", {"[Rest for 1 hour] * 100001"}, "at column 21", "from 1 to 100000"},
        BadInput{"RepeatMissing",
                 {"[Rest for 1 hour] *"},
                 "at column 20",
                 "expected a whole number of repetitions"},
        BadInput{"RepeatWithoutStar",
                 {"[Rest for 1 hour] 3"},
                 "at column 19",
                 "expected \"* N\" (N repetitions) or the end of the cycle"},
        BadInput{"UnclosedBracket",
                 {"[Discharge at 1C until 3 V, Rest for 1 hour * 3"},
                 "at column 48",
                 "expected ']' to close the '[' of column 1"},
        BadInput{"MismatchedBracket",
                 {"[Rest for 1 hour) * 3"},
                 "at column 17",
                 "expected ']' to close the '[' of column 1 at column 17, found ')'"},
        BadInput{"NestedCycle",
                 {"[[Rest for 1 hour] * 2, Rest for 1 hour] * 2"},
                 "at column 2",
                 "expected a step (cycles cannot be nested)"},
        BadInput{"EmptyCycle", {"[] * 2"}, "at column 2", "expected a step"},
        BadInput{"StepsWithoutBrackets",
                 {"Discharge at 1C until 3 V, Rest for 1 hour"},
                 "at column 26",
                 "write several as a cycle \"[step, step, ...] * N\""},
        BadInput{"ErrorInsideACycleNamesTheStep",
                 {"[Rest for 1 hour, Charge at 1C] * 2"},
                 "at column 13",
                 "cannot read step \"Charge at 1C\""},
        BadInput{"NoSteps", {}, "no steps", "expected at least one"}),
    [](const testing::TestParamInfo<BadInput>& p) { return std::string(p.param.name); });
