#include "qmol/workflow/embed_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "qmol/core/errors.h"
#include "qmol/io/atomic_file.h"
#include "qmol/io/output_path.h"

namespace qmol {
namespace fs = std::filesystem;

int run_embed(const std::vector<std::string>& inputs, const std::string& output,
              const StructureOptions& options, bool overwrite) {
  if (structure_format_of(output) != StructureFormat::sdf)
    throw InputError("the output must be an SD file (.sdf)", {output, 0, ""});
  check_output_file(output, overwrite);
  if (inputs.empty()) throw InputError("no inputs to embed", {"INPUTS", 0, ""});
  std::string sdf;
  int written = 0;
  for (const std::string& input : inputs) {
    if (!structure_format_of(input))
      throw InputError(fmt::format("not a structure file (expected {})", kStructureExtensions),
                       {input, 0, ""});
    const std::vector<StructureRecord> records = read_structure_records(input);
    for (std::size_t r = 0; r < records.size(); ++r) {
      const StructureRecord& record = records[r];
      const ChemicalStructure s = interpret_structure(record, options);
      const std::string name = !record.title.empty() ? record.title
                               : records.size() == 1
                                   ? fs::path(input).stem().string()
                                   : fmt::format("{}-{}", fs::path(input).stem().string(), r + 1);
      // RDKit's mol block starts with the molecule's (empty) name line: the record's name instead.
      sdf += name + s.mol_block.substr(s.mol_block.find('\n'));
      std::map<std::string, std::string> fields = record.fields;
      fields.emplace("ID", name);
      for (const auto& [key, value] : fields) sdf += fmt::format(">  <{}>\n{}\n\n", key, value);
      sdf += "$$$$\n";
      ++written;
    }
  }
  write_file_atomically(output, sdf);
  return written;
}

}  // namespace qmol
