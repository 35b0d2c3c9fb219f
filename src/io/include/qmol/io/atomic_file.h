#pragma once

#include <string>

namespace qmol {

// A result file appears under its final name complete or not at all: it is written under a
// temporary name next to it (same directory, so the rename is atomic) and renamed when done.
// A crash or kill -9 leaves at most a "<path>.tmp-<pid>" file, never a half-written result.
class PendingFile {
 public:
  // Refuses an existing `path` unless `overwrite` (InputError that says "use --force"). Creates
  // the parent directory if needed.
  PendingFile(std::string path, bool overwrite);
  ~PendingFile();  // removes the temporary file unless commit() succeeded
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temporary() const { return temporary_; }  // write here
  // Flushes the temporary file to disk and renames it to path(); IoError on failure.
  void commit();

 private:
  std::string path_;
  std::string temporary_;
  bool committed_ = false;
};

// "<path>.tmp-<pid>": unique per process, so parallel writers never share a temporary file.
std::string temporary_name(const std::string& path);

// Writes `content` to `path` atomically, replacing any existing file (records, CSV tables).
void write_file_atomically(const std::string& path, const std::string& content);

// The whole file as a string; IoError naming the file when it cannot be read.
std::string read_file_text(const std::string& path);

}  // namespace qmol
