#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ssbsim/io/AtomicFile.h"

TEST(AtomicFile, WritesWholeFileAndCreatesFolders) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "ssbsim-atomic-test" / "nested";
    fs::remove_all(dir.parent_path());
    const std::string path = (dir / "summary.json").string();
    ssbsim::io::writeFileAtomically(path, "{\"a\": 1}\n");
    std::ifstream in(path);
    std::stringstream content;
    content << in.rdbuf();
    EXPECT_EQ(content.str(), "{\"a\": 1}\n");
    size_t files = 0;
    for ([[maybe_unused]] const auto& f : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1u);  // no temporary left behind
    fs::remove_all(dir.parent_path());
}
