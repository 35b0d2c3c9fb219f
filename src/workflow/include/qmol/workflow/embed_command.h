#pragma once

#include <string>
#include <vector>

#include "qmol/chem/chemical_structure.h"

namespace qmol {

// `qmol embed INPUTS... --output FILE.sdf`: every record of the structure files as the pipeline
// would use it (hydrogens added, embedded from options.seed when it has no 3D coordinates) in one
// SD file, each record titled by its name and carrying its SD data fields plus ID (its name, when
// it has no ID field). Every record is read before anything is written: InputError (naming the
// file and line, and RDKit's reason) for the first bad one, and no output. Returns the number of
// records written.
int run_embed(const std::vector<std::string>& inputs, const std::string& output,
              const StructureOptions& options, bool overwrite);

}  // namespace qmol
