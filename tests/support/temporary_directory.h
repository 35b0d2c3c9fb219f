#pragma once
// A fresh directory under the system's temporary directory, removed with everything in it when
// the object goes out of scope.

#include <filesystem>
#include <string>

namespace qmol::testing {

class TemporaryDirectory {
 public:
  // mkdtemp: a unique name even for tests running at the same time (ctest -j, several clones).
  explicit TemporaryDirectory(const std::string& prefix = "qmol-test");
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace qmol::testing
