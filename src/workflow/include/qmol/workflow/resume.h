#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qmol {

// A stable fingerprint of texts (FNV-1a, 16 hex digits): the key that says whether a record was
// made from the same inputs.
std::string fingerprint(std::initializer_list<std::string_view> parts);

// The output directory of a resumable command (`qmol scan`, `qmol screen`). Each finished item
// (a scan point, a screened molecule) writes its result file, then DIR/records/<name>.json, both
// atomically; summaries are rebuilt from the records. DIR/qmol.json names the command and the key
// of its job, so the same call again resumes: items whose record carries their key are skipped.
class ResumableDirectory {
 public:
  // Checks DIR before any work and prepares it (InputError, exit 2, on refusal):
  //  - DIR must be a directory that can be written, or creatable (check_output_directory);
  //  - a previous run of the same `command` and `key` resumes;
  //  - a run of another command or key (`what_key` names it in the message: "job", "settings"),
  //    or `outputs` (DIR-relative summary files) without DIR/qmol.json, are refused unless
  //    `force`, which deletes that run's records, their result files and `outputs` first.
  // Then creates DIR/records, removes the temporaries of killed processes and writes qmol.json.
  static ResumableDirectory open(const std::string& dir, const std::string& command,
                                 const std::string& key, const std::string& what_key,
                                 const std::vector<std::string>& outputs, bool force);

  // A directory another process of the same run has opened (the coordinator of an MPI
  // screening, for its worker ranks): nothing is checked or changed.
  static ResumableDirectory attach(const std::string& dir) { return ResumableDirectory(dir); }

  const std::string& dir() const { return dir_; }
  std::string path(const std::string& relative) const;  // DIR/relative

  // The record of item `name`, or nullopt when there is none or it cannot be parsed.
  std::optional<nlohmann::json> record(const std::string& name) const;
  // Writes it atomically; `record["result"]`, if set, is the item's result file relative to DIR.
  void write_record(const std::string& name, const nlohmann::json& record) const;
  // Whether an item with this record and `key` is done: it failed (for good: no "retry"), or it
  // succeeded and its result file is present.
  bool finished(const std::optional<nlohmann::json>& record, const std::string& key) const;

 private:
  explicit ResumableDirectory(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace qmol
