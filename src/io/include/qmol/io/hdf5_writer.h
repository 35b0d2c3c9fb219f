#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "qmol/io/run_result.h"

namespace qmol {

// One column of a summary table: numbers (NaN where a stage was not run), integers or text.
struct TableColumn {
  std::string name;
  std::string units;  // "hartree", "1", "seconds", ...
  std::variant<std::vector<double>, std::vector<long long>, std::vector<std::string>> values;
};

// An HDF5 results file being written (schema: docs/hdf5-schema.md). The file is built under a
// temporary name and appears under its final name only at commit(); destroying an uncommitted
// writer removes the temporary file. The HDF5 API stays behind this class (pimpl).
class Hdf5Writer {
 public:
  // Refuses an existing `path` unless `force` (InputError: "use --force").
  Hdf5Writer(const std::string& path, bool force);
  ~Hdf5Writer();
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;

  // Everything of one run under `group` ("/" for a single-run file, "points/003" for a scan).
  void write_run(const std::string& group, const RunResult& result);
  // A table as a group with one dataset per column; attribute `columns` lists them in order.
  void write_table(const std::string& group, const std::vector<TableColumn>& columns);
  // A text attribute on a group (created if needed), e.g. a scan's coordinate kind.
  void write_attribute(const std::string& group, const std::string& name, const std::string& value);
  // Writes the file-level metadata (qmol version, git commit, UTC date), closes and renames.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The single-run file of `qmol run --hdf5 FILE`.
void write_hdf5(const std::string& path, const RunResult& result, bool force);

}  // namespace qmol
