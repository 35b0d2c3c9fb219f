#include "qmol/workflow/job_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string_view>

#include "job_table.h"
#include "qmol/chem/chemical_structure.h"
#include "qmol/core/errors.h"

namespace qmol {
namespace fs = std::filesystem;
namespace {

// Moves into `own` every key of `defaults` that `own` lacks; a table in both is filled the same
// way. Moving (not copying) keeps each node's source, so errors still name its file and line.
void fill_unset(toml::table& own, toml::table& defaults) {
  for (auto&& [key, value] : defaults) {
    toml::node* mine = own.get(key.str());
    if (!mine)
      own.insert(key, std::move(value));
    else if (mine->is_table() && value.is_table())
      fill_unset(*mine->as_table(), *value.as_table());
  }
}

toml::table input_table(const std::string& path, InputKind kind, std::string& text) {
  if (kind == InputKind::job) {
    text = read_job_text(path);
    return parse_toml(text, path);
  }
  // A plain geometry or a structure file: the job [molecule] geometry = "FILE" (relative to
  // itself).
  toml::table molecule;
  molecule.insert("geometry", fs::path(path).filename().string());
  return toml::table{{"molecule", std::move(molecule)}};
}

void apply(toml::table& root, const MoleculeOverrides& o) {
  if (o.empty()) return;
  if (!root.contains("molecule")) root.insert("molecule", toml::table{});
  toml::table* molecule = root["molecule"].as_table();
  if (!molecule) return;  // "'molecule' must be a [section]" comes from the parser
  if (o.charge) molecule->insert_or_assign("charge", *o.charge);
  if (o.multiplicity) molecule->insert_or_assign("multiplicity", *o.multiplicity);
  if (o.basis) molecule->insert_or_assign("basis", *o.basis);
  if (o.record) molecule->insert_or_assign("record", *o.record);
}

}  // namespace

std::string input_extension(const std::string& path) {
  std::string e = fs::path(path).extension().string();
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

std::string input_extensions() {
  return ".toml, .xyz, " + std::string(kStructureExtensions);
}

std::optional<InputKind> input_kind_of(const std::string& path) {
  const std::string e = input_extension(path);
  if (e == ".toml") return InputKind::job;
  if (e == ".xyz") return InputKind::xyz;
  if (structure_format_of(path)) return InputKind::structure;
  return std::nullopt;
}

InputKind input_kind(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw InputError("no such file", {path, 0, ""});
  if (fs::is_directory(status))
    throw InputError(fmt::format("is a directory; give an input file ({})", input_extensions()),
                     {path, 0, ""});
  if (auto kind = input_kind_of(path)) return *kind;
  const std::string e = fs::path(path).extension().string();
  throw InputError(fmt::format("unknown input type '{}' (expected {})", e.empty() ? path : e,
                               input_extensions()),
                   {path, 0, ""});
}

JobInput load_job_input(const std::string& path, const MoleculeOverrides& overrides,
                        const SettingsFile* settings) {
  const InputKind kind = input_kind(path);
  std::string text;
  toml::table root = input_table(path, kind, text);
  apply(root, overrides);
  if (settings) {
    toml::table defaults = parse_toml(settings->text, settings->path);
    fill_unset(root, defaults);
    std::ostringstream merged;
    merged << root << "\n";
    text = merged.str();
  }
  JobInput input;
  input.job = parse_job_table(root, text, path, true, &input.notes);
  return input;
}

}  // namespace qmol
