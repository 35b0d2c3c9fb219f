#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "qmol/core/enum_names.h"
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
  // `keys`, when given, receives the location of every key that is read ("section.key"), for the
  // rules that involve several keys and run after parsing.
  JobSection(const toml::table* table, std::string name, std::string file,
             std::map<std::string, Location>* keys = nullptr);

  bool present() const { return table_ != nullptr; }
  bool has(const std::string& key) const;
  const std::string& name() const { return name_; }

  std::optional<std::string> string(const std::string& key);
  std::optional<double> number(const std::string& key);  // finite; integers accepted
  std::optional<long long> integer(const std::string& key);
  std::optional<bool> boolean(const std::string& key);
  std::optional<std::vector<long long>> integer_list(const std::string& key);
  std::optional<std::vector<std::string>> string_list(const std::string& key);
  // A named enum (core/enum_names.h) spelled as a string.
  template <NamedEnum E>
  std::optional<E> enumeration(const std::string& key) {
    const auto text = string(key);
    if (!text) return std::nullopt;
    try {
      return from_string<E>(*text);
    } catch (const InputError& e) {
      fail(key, name_ + "." + key + ": " + e.what());
    }
  }
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
  std::map<std::string, Location>* keys_;
  std::set<std::string> read_;
};

}  // namespace qmol
