#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "qmol/core/errors.h"

namespace qmol {

struct Atom {
  int atomic_number = 0;
  Eigen::Vector3d position = Eigen::Vector3d::Zero();  // Bohr
};

// A molecule as the rest of the pipeline sees it: nuclei in Bohr, total charge, spin multiplicity.
struct Molecule {
  std::string name;  // from the input file name (without extension), for reports
  std::vector<Atom> atoms;
  int charge = 0;
  int multiplicity = 1;
  std::string smiles;  // canonical SMILES when read from a chemical structure (else "")

  int n_electrons() const;             // sum of Z minus charge
  int n_alpha() const;                 // (n_electrons + multiplicity - 1) / 2
  int n_beta() const;                  // n_electrons - n_alpha
  double nuclear_repulsion() const;    // Hartree
  std::string formula() const;         // Hill order: C, H, then alphabetical ("C8H10N4O2")
  int chemical_core_orbitals() const;  // doubly occupied core orbitals (He: 0, Li-Ne: 1, ...)

  // Throws InputError (with `where`) for an empty molecule, two atoms closer than 1e-3 Bohr,
  // non-finite coordinates, or a charge/multiplicity impossible for the electron count.
  void validate(const std::string& where = "") const;
  void validate(const Location& where) const;
  // The two halves of validate(): the atoms, and the charge and multiplicity (placed at the line
  // that set them).
  void validate_geometry(const Location& where) const;
  void validate_spin(const Location& where) const;
};

// The multiplicity of a molecule whose inputs give none: 1 (singlet) for an even electron count,
// 2 (doublet) for an odd one.
int default_multiplicity(int n_electrons);

}  // namespace qmol
