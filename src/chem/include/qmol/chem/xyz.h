#pragma once

#include <string>
#include <vector>

#include "qmol/chem/molecule.h"

namespace qmol {

// Reads an XYZ file (Angstrom). Errors name the file and line: missing file, bad atom count,
// unknown element, non-numeric or non-finite coordinate. Charge 0, multiplicity 1; name = stem.
Molecule read_xyz(const std::string& path);
// All frames of a multi-frame XYZ file (for scans).
std::vector<Molecule> read_xyz_frames(const std::string& path);
// Parses XYZ-style atom lines "El x y z" (one per line) in the given unit scale (to Bohr);
// `file` and `first_line` are used in error messages.
std::vector<Atom> parse_atom_lines(const std::string& text, double to_bohr, const std::string& file,
                                   int first_line);

}  // namespace qmol
