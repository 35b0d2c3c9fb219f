#include "qmol/workflow/job_section.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>

namespace qmol {
namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

// A node keeps the file it was parsed from (also when moved into another table, as screening
// merges a settings file into a molecule's job), so an error names the file the key came from.
Location located(const toml::source_region& source, const std::string& file,
                 const std::string& field) {
  return {source.path ? *source.path : file, static_cast<int>(source.begin.line), field};
}

}  // namespace

JobSection::JobSection(const toml::table* table, std::string name, std::string file,
                       std::map<std::string, Location>* keys)
    : table_(table), name_(std::move(name)), file_(std::move(file)), keys_(keys) {}

bool JobSection::has(const std::string& key) const {
  return table_ && table_->contains(key);
}

const toml::node* JobSection::node(const std::string& key) {
  read_.insert(key);
  const toml::node* n = table_ ? table_->get(key) : nullptr;
  if (n && keys_) (*keys_)[name_.empty() ? key : name_ + "." + key] = where(key);
  return n;
}

Location JobSection::where(const std::string& key) const {
  const std::string field = name_.empty() ? key : name_ + "." + key;
  if (!table_) return {file_, 0, field};
  const toml::node* n = table_->get(key);
  return located(n ? n->source() : table_->source(), file_, field);
}

void JobSection::fail(const std::string& key, const std::string& message) const {
  throw InputError(message, where(key));
}

std::optional<std::string> JobSection::string(const std::string& key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
  fail(key, fmt::format("{}.{} must be a string, got {}", name_, key, type_name(*n)));
}

std::optional<double> JobSection::number(const std::string& key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_number())
    fail(key, fmt::format("{}.{} must be a number, got {}", name_, key, type_name(*n)));
  const double v = *n->value<double>();
  if (!std::isfinite(v)) fail(key, fmt::format("{}.{} must be finite, got {}", name_, key, v));
  return v;
}

std::optional<long long> JobSection::integer(const std::string& key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_integer())
    fail(key, fmt::format("{}.{} must be an integer, got {}", name_, key, type_name(*n)));
  return *n->value<long long>();
}

std::optional<bool> JobSection::boolean(const std::string& key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_boolean())
    fail(key, fmt::format("{}.{} must be true or false, got {}", name_, key, type_name(*n)));
  return *n->value<bool>();
}

std::optional<std::vector<long long>> JobSection::integer_list(const std::string& key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  const toml::array* a = n->as_array();
  if (!a)
    fail(key, fmt::format("{}.{} must be a list of integers, got {}", name_, key, type_name(*n)));
  std::vector<long long> out;
  for (const toml::node& e : *a) {
    if (!e.is_integer())
      fail(key,
           fmt::format("{}.{} must be a list of integers, found {}", name_, key, type_name(e)));
    out.push_back(*e.value<long long>());
  }
  return out;
}

std::optional<std::vector<std::string>> JobSection::string_list(const std::string& key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (n->is_string()) return std::vector<std::string>{*n->value<std::string>()};
  const toml::array* a = n->as_array();
  if (!a)
    fail(key, fmt::format("{}.{} must be a list of strings, got {}", name_, key, type_name(*n)));
  std::vector<std::string> out;
  for (const toml::node& e : *a) {
    if (!e.is_string())
      fail(key, fmt::format("{}.{} must be a list of strings, found {}", name_, key, type_name(e)));
    out.push_back(*e.value<std::string>());
  }
  return out;
}

JobSection JobSection::subsection(const std::string& key) {
  const toml::node* n = node(key);
  if (n && !n->is_table())
    fail(key, fmt::format("{}.{} must be a table, got {}", name_, key, type_name(*n)));
  return JobSection(n ? n->as_table() : nullptr, name_ + "." + key, file_, keys_);
}

void JobSection::finish() const {
  if (!table_) return;
  for (auto&& [key, value] : *table_) {
    const std::string k(key.str());
    if (read_.count(k)) continue;
    std::string known;
    for (const std::string& r : read_) known += (known.empty() ? "" : ", ") + r;
    throw InputError(fmt::format("unknown key '{}' in [{}] (known keys: {})", k, name_, known),
                     located(key.source(), file_, name_ + "." + k));
  }
}

}  // namespace qmol
