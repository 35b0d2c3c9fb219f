#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "qmol/core/errors.h"

namespace toml {
inline namespace v3 {
class table;
class node;
}  // namespace v3
}  // namespace toml

namespace qmol {

// Typed, located access to one [section] of a job file. Every key read is remembered, so that
// finish() can reject the keys nobody asked for, naming the key and its line.
class JobSection {
 public:
  JobSection(const toml::table* table, std::string name, std::string file);

  bool present() const { return table_ != nullptr; }
  bool has(const std::string& key) const;
  const std::string& name() const { return name_; }

  std::optional<std::string> string(const std::string& key);
  std::optional<double> number(const std::string& key);  // finite; integers accepted
  std::optional<long long> integer(const std::string& key);
  std::optional<bool> boolean(const std::string& key);
  std::optional<std::vector<long long>> integer_list(const std::string& key);
  std::optional<std::vector<std::string>> string_list(const std::string& key);
  // The raw node, for keys that accept several types (the caller reports type errors).
  const toml::node* node(const std::string& key);
  // A nested table (e.g. convergence = {energy = 1e-8}).
  JobSection subsection(const std::string& key);

  // Where a key is: file, line, "section.key".
  Location where(const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  // Throws InputError for the first key that was never read.
  void finish() const;

 private:
  const toml::table* table_;
  std::string name_;
  std::string file_;
  std::set<std::string> read_;
};

}  // namespace qmol
