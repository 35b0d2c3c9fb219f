#include "qmol/io/output_path.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "qmol/core/errors.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(output_path)

namespace fs = std::filesystem;
using namespace qmol;

namespace {

using TempDir = qmol::testing::TemporaryDirectory;

// The message of the InputError `f` throws ("" when it throws nothing).
template <typename F>
std::string refusal(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(files_are_refused_before_any_work_and_nothing_is_created) {
  TempDir dir;
  std::ofstream(dir.file("existing.json")) << "{}\n";
  std::ofstream(dir.file("plain-file")) << "x\n";
  BOOST_CHECK(
      contains(refusal([&] { check_output_file(dir.file("existing.json"), false); }), "--force"));
  BOOST_CHECK_EQUAL(refusal([&] { check_output_file(dir.file("existing.json"), true); }), "");
  BOOST_CHECK(
      contains(refusal([&] { check_output_file(dir.path().string(), true); }), "is a directory"));
  BOOST_CHECK(contains(refusal([&] { check_output_file(dir.file("plain-file/sub/x.h5"), true); }),
                       "not a directory"));
  BOOST_CHECK(contains(refusal([&] { check_output_file("/proc/qmol-test.h5", true); }),
                       "cannot create files in /proc"));
  BOOST_CHECK(contains(refusal([&] { check_output_file("/dev/null", true); }), "not a regular"));
  // A new file in directories yet to be made is fine, and the check makes none of them.
  BOOST_CHECK_EQUAL(refusal([&] { check_output_file(dir.file("new/deeper/x.h5"), false); }), "");
  BOOST_CHECK(!fs::exists(dir.path() / "new"));
  BOOST_CHECK(contains(refusal([&] {
                         check_output_files({dir.file("a.h5"), "", dir.file("./a.h5")}, false);
                       }),
                       "same file"));
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  BOOST_CHECK_EQUAL(entries, 2);  // existing.json and plain-file: no probe left behind
}

BOOST_AUTO_TEST_CASE(directories) {
  TempDir dir;
  std::ofstream(dir.file("plain-file")) << "x\n";
  BOOST_CHECK_EQUAL(refusal([&] { check_output_directory(dir.file("out")); }), "");
  BOOST_CHECK_EQUAL(refusal([&] { check_output_directory(dir.path().string()); }), "");
  BOOST_CHECK(!fs::exists(dir.path() / "out"));
  BOOST_CHECK(contains(refusal([&] { check_output_directory(dir.file("plain-file")); }),
                       "not a directory"));
  BOOST_CHECK(contains(refusal([&] { check_output_directory("/proc/qmol-scan"); }), "/proc"));
}

BOOST_AUTO_TEST_SUITE_END()
