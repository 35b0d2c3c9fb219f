#pragma once

#include <optional>
#include <string>
#include <vector>

#include "qmol/chem/molecule.h"

namespace qmol {

// One molecule of an XYZ file, with what its comment line says. The comment line may carry
// `charge=N` and `multiplicity=M` (words without spaces, anywhere in the line, any case).
struct XyzFrame {
  Molecule molecule;          // name = the file's stem; charge and multiplicity as resolved below
  std::optional<int> charge;  // from the comment line
  std::optional<int> multiplicity;  // from the comment line
  int count_line = 0;               // 1-based line of the atom count
  int comment_line = 0;             // 1-based line of the comment
};

// Reads an XYZ file (Angstrom) that holds exactly one molecule. Errors name the file and line:
// missing file, bad atom count, unknown element, non-numeric or non-finite coordinate, a bad
// charge= or multiplicity= value, lines beyond the declared atom count (blank lines are fine) and
// a second frame (a multi-frame file is for `qmol scan`). A UTF-8 byte order mark is skipped.
// The molecule's charge is the comment's or 0, its multiplicity the comment's or
// default_multiplicity(); the caller decides what wins over the comment.
XyzFrame read_xyz_frame(const std::string& path);
// read_xyz_frame(path).molecule.
Molecule read_xyz(const std::string& path);
// Every frame of a multi-frame XYZ file (for scans), each resolved as read_xyz_frame's molecule.
std::vector<Molecule> read_xyz_frames(const std::string& path);
// The molecule as an XYZ file (Angstrom, 10 decimals, far below what moves an energy by 1e-10
// Eh), its comment line "NAME charge=Q multiplicity=M" so that read_xyz_frame gives it back.
std::string xyz_text(const Molecule& molecule);
// Parses XYZ-style atom lines "El x y z" (one per line) in the given unit scale (to Bohr);
// `file` and `first_line` are used in error messages.
std::vector<Atom> parse_atom_lines(const std::string& text, double to_bohr, const std::string& file,
                                   int first_line);

}  // namespace qmol
