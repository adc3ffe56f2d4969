// Files in tests: a fixture that owns a fresh temporary directory (`dir_`
// is created before each test, named after the fixture's tag and the
// process so that parallel test processes do not meet, and removed after
// it; Write() puts a file in it), and ReadBytes() for fixtures.
#ifndef VNPLAN_TESTS_TESTING_TEMP_DIR_H_
#define VNPLAN_TESTS_TESTING_TEMP_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace vnplan::testing {

// The bytes of the file at `path` ("" if it cannot be read).
inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class TempDirTest : public ::testing::Test {
 protected:
  // `tag` names the directory: <tmp>/vnplan_<tag>_<pid>.
  explicit TempDirTest(std::string tag) : tag_(std::move(tag)) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vnplan_" + tag_ + "_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `bytes` to dir_/name; returns the path.
  std::filesystem::path Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return dir_ / name;
  }

  std::filesystem::path dir_;

 private:
  std::string tag_;
};

}  // namespace vnplan::testing

#endif  // VNPLAN_TESTS_TESTING_TEMP_DIR_H_
