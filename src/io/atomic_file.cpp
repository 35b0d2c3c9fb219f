#include "qmol/io/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "qmol/core/errors.h"
#include "qmol/io/output_path.h"

namespace qmol {
namespace fs = std::filesystem;

namespace {

// fsync by name: the data must be on disk before the rename makes it visible, or a power loss
// could leave an empty file under the final name.
void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void make_parent_directory(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw IoError(fmt::format("cannot create directory {}: {}", parent.string(), ec.message()),
                  {path, 0, ""});
}

}  // namespace

std::string temporary_name(const std::string& path) {
  return fmt::format("{}.tmp-{}", path, static_cast<long>(::getpid()));
}

PendingFile::PendingFile(std::string path, bool overwrite)
    : path_(std::move(path)), temporary_(temporary_name(path_)) {
  check_overwrite(path_, overwrite);
  make_parent_directory(path_);
  std::error_code ec;
  fs::remove(temporary_, ec);  // a leftover of a killed process with a recycled pid
}

PendingFile::~PendingFile() {
  if (committed_) return;
  std::error_code ec;
  fs::remove(temporary_, ec);
}

void PendingFile::commit() {
  sync_file(temporary_);
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw IoError(
        fmt::format("cannot rename {} to its final name: {}", temporary_, std::strerror(errno)),
        {path_, 0, ""});
  committed_ = true;
  // Make the rename itself durable.
  const std::string dir = fs::path(path_).parent_path().string();
  sync_file(dir.empty() ? "." : dir);
}

void write_file_atomically(const std::string& path, const std::string& content) {
  PendingFile file(path, true);
  {
    std::ofstream out(file.temporary(), std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw IoError("cannot write the file", {file.temporary(), 0, ""});
  }
  file.commit();
}

std::string read_file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(fs::exists(path) ? "cannot read the file" : "no such file", {path, 0, ""});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace qmol
