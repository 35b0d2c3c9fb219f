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
  std::string str() const { return path_.string(); }
  // The path of `name` inside the directory (nothing is created).
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `text` to `name` inside the directory, creating its parent directories; its path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace qmol::testing
