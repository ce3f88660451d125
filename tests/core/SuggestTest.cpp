#include <gtest/gtest.h>

#include "ssbsim/core/Suggest.h"

TEST(Suggest, FindsCloseNamesFirst) {
    const std::vector<std::string> names = {"thickness", "porosity", "loading", "materials"};
    const auto close = ssbsim::closeMatches("thicknes", names);
    ASSERT_FALSE(close.empty());
    EXPECT_EQ(close.front(), "thickness");
    EXPECT_TRUE(ssbsim::closeMatches("zzzzzzzz", names).empty());
    EXPECT_EQ(ssbsim::closeMatches("nmc811", {"NMC811", "NMC622"}).front(), "NMC811");
}
