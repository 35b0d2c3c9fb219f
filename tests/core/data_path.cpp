#include "qmol/core/data_path.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "../support/test_paths.h"

BOOST_AUTO_TEST_SUITE(data_path)

namespace fs = std::filesystem;
using qmol::DataKind;

namespace {

// Sets (or unsets) an environment variable for one scope, then puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      setenv(name, value->c_str(), 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A fresh directory under the system's temporary directory, removed at the end of the scope.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag)
      : path(fs::temp_directory_path() /
             ("qmol-data-path-" + tag + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const {
    std::ofstream(path / name) << "x\n";
    return (path / name).string();
  }
};

// The repository root, from the tests' own record of it (tests/support), not from build_info.
fs::path source_root() {
  return fs::path(qmol::testing::molecules_dir()).parent_path();
}

}  // namespace

BOOST_AUTO_TEST_CASE(names_of_each_kind) {
  BOOST_TEST(std::string(qmol::data_folder(DataKind::basis)) == "basis");
  BOOST_TEST(std::string(qmol::data_folder(DataKind::ansatz)) == "ansatz");
  BOOST_TEST(std::string(qmol::data_path_variable(DataKind::basis)) == "QMOL_BASIS_PATH");
  BOOST_TEST(std::string(qmol::data_path_variable(DataKind::ansatz)) == "QMOL_ANSATZ_PATH");
}

BOOST_AUTO_TEST_CASE(search_order) {
  const ScopedEnv env("QMOL_BASIS_PATH", "/first::/second:");
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe").parent_path();
  const std::vector<std::string> dirs = qmol::data_search_path(DataKind::basis);
  BOOST_REQUIRE_EQUAL(dirs.size(), 6u);
  BOOST_TEST(dirs[0] == "/first");  // empty entries of the list are skipped
  BOOST_TEST(dirs[1] == "/second");
  BOOST_TEST(dirs[2] == (exe_dir / "basis").string());
  BOOST_TEST(fs::path(dirs[3]).lexically_normal() ==
             (exe_dir.parent_path() / "share" / "qmol" / "basis").lexically_normal());
  BOOST_TEST(fs::equivalent(dirs[4], source_root() / "basis"));
  BOOST_TEST(fs::path(dirs[5]).is_absolute());
  BOOST_TEST(dirs[5].ends_with("/share/qmol/basis"));
}

BOOST_AUTO_TEST_CASE(no_variable_no_entries) {
  const ScopedEnv env("QMOL_ANSATZ_PATH", std::nullopt);
  const std::vector<std::string> dirs = qmol::data_search_path(DataKind::ansatz);
  BOOST_REQUIRE_EQUAL(dirs.size(), 4u);
  BOOST_TEST(fs::path(dirs[0]).filename() == "ansatz");
  BOOST_TEST(fs::equivalent(dirs[2], source_root() / "ansatz"));
}

BOOST_AUTO_TEST_CASE(the_first_directory_that_has_the_file_wins) {
  const TempDir a("a"), b("b");
  const std::string in_a = a.file("shared.g94");
  b.file("shared.g94");
  const std::string only_b = b.file("only-b.g94");
  fs::create_directory(a.path / "a-directory.g94");  // not a file: passed over
  const std::string dir_in_b = b.file("a-directory.g94");
  const ScopedEnv env("QMOL_BASIS_PATH", a.path.string() + ":" + b.path.string());
  BOOST_TEST(qmol::find_data_file(DataKind::basis, "shared.g94") == in_a);
  BOOST_TEST(qmol::find_data_file(DataKind::basis, "only-b.g94") == only_b);
  BOOST_TEST(qmol::find_data_file(DataKind::basis, "a-directory.g94") == dir_in_b);
  BOOST_TEST(qmol::find_data_file(DataKind::basis, "qmol-no-such-basis.g94").empty());
  // Each kind has its own variable.
  BOOST_TEST(qmol::find_data_file(DataKind::ansatz, "shared.g94").empty());
}

BOOST_AUTO_TEST_CASE(the_source_tree_when_nothing_else_has_it) {
  // The test executable has no basis/ or ../share/qmol next to it: the source tree's files.
  const ScopedEnv basis_env("QMOL_BASIS_PATH", std::nullopt);
  const ScopedEnv ansatz_env("QMOL_ANSATZ_PATH", std::nullopt);
  BOOST_TEST(fs::equivalent(qmol::find_data_file(DataKind::basis, "sto-3g.g94"),
                            source_root() / "basis" / "sto-3g.g94"));
  BOOST_TEST(fs::equivalent(qmol::find_data_file(DataKind::ansatz, "uccsd.toml"),
                            source_root() / "ansatz" / "uccsd.toml"));
}

BOOST_AUTO_TEST_SUITE_END()
