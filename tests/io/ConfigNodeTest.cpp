// Located YAML reading: every error names file, line, column and key path.
#include <gtest/gtest.h>

#include "support/ErrorOf.h"

#include "ssbsim/io/ConfigNode.h"

using ssbsim::InputError;
using ssbsim::io::Bounds;
using ssbsim::io::ConfigNode;

namespace {

const char* text =
    "cell:\n"                 // line 1
    "  separator:\n"          // line 2
    "    thickness: 30 um\n"  // line 3
    "    porosity: 1.5\n"     // line 4
    "    thicknes: 2\n";      // line 5

using ssbsim::testing::errorOf;

}  // namespace

TEST(ConfigNode, ReadsQuantitiesInSI) {
    const auto root = ConfigNode::loadString(text, "cell.yaml");
    EXPECT_NEAR(root["cell"]["separator"]["thickness"].asQuantity("m"), 30e-6, 1e-18);
    EXPECT_EQ(root["cell"]["separator"]["thickness"].keyPath(), "cell.separator.thickness");
}

TEST(ConfigNode, OutOfRangeValueIsLocated) {
    const auto root = ConfigNode::loadString(text, "cell.yaml");
    const auto e =
        errorOf([&] { root["cell"]["separator"]["porosity"].asQuantity("1", Bounds::porosity()); });
    EXPECT_EQ(e.where().file, "cell.yaml");
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().column, 15);
    EXPECT_EQ(e.where().keyPath, "cell.separator.porosity");
    EXPECT_NE(e.problem().find("expected in [0, 1)"), std::string::npos) << e.problem();
}

TEST(ConfigNode, UnknownKeySuggestsTheClosestOne) {
    const auto root = ConfigNode::loadString(text, "cell.yaml");
    const auto e = errorOf([&] {
        root["cell"]["separator"].expectKeys({"thickness", "porosity"});
    });
    EXPECT_EQ(e.where().line, 5);
    EXPECT_EQ(e.where().keyPath, "cell.separator.thicknes");
    EXPECT_NE(e.problem().find("did you mean 'thickness'"), std::string::npos) << e.problem();
}

TEST(ConfigNode, MissingKeyNamesItsParent) {
    const auto root = ConfigNode::loadString(text, "cell.yaml");
    const auto e = errorOf([&] { root["cell"]["anode"]; });
    EXPECT_EQ(e.where().keyPath, "cell.anode");
    EXPECT_EQ(e.where().line, 2);  // the map that lacks it starts here
    EXPECT_NE(e.problem().find("missing required key 'anode' in 'cell'"), std::string::npos);
}

TEST(ConfigNode, WrongUnitIsLocated) {
    const auto root = ConfigNode::loadString("a:\n  t: 3 V\n", "x.yaml");
    const auto e = errorOf([&] { root["a"]["t"].asQuantity("m"); });
    EXPECT_EQ(e.where().line, 2);
    EXPECT_NE(e.problem().find("expected a length"), std::string::npos);
}

TEST(ConfigNode, SyntaxErrorAndDuplicateKey) {
    const auto e = errorOf([] { ConfigNode::loadString("a: [1, 2\nb: 3\n", "bad.yaml"); });
    EXPECT_NE(e.problem().find("invalid YAML"), std::string::npos);
    EXPECT_GT(e.where().line, 0);
    const auto root = ConfigNode::loadString("a: 1\nb: 2\na: 3\n", "dup.yaml");
    const auto d = errorOf([&] { root.entries(); });
    EXPECT_EQ(d.where().line, 3);
    EXPECT_NE(d.problem().find("twice"), std::string::npos);
}

TEST(ConfigNode, MessageShowsTheLineAndACaret) {
    const std::string message = ssbsim::formatInputError("bad", {"/nonexistent.yaml", 2, 5, "a.b"});
    EXPECT_EQ(message.rfind("/nonexistent.yaml:2:5: error: 'a.b': bad", 0), 0u);
}

TEST(ConfigNode, MissingFile) {
    const auto e = errorOf([] { ConfigNode::loadFile("/nonexistent/cell.yaml"); });
    EXPECT_NE(e.problem().find("no such file"), std::string::npos);
}
