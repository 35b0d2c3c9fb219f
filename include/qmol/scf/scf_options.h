#pragma once

#include <optional>
#include <string>

#include "qmol/chem/molecule.h"
#include "qmol/scf/scf_result.h"

namespace qmol {

// "rhf", "uhf", "rohf" (case-insensitive) to a Reference; InputError (field "scf.reference")
// for anything else.
Reference parse_reference(const std::string& name);

// Settings of one SCF run: the [scf] section of a job file.
struct ScfOptions {
  // Unset: rhf for a singlet, rohf otherwise.
  std::optional<Reference> reference;
  // Converged when the energy changes by less than energy_tolerance between iterations and the
  // largest element of the orbital gradient (FDS - SDF in the orthogonal basis, which bounds the
  // next density change) is below density_tolerance.
  double energy_tolerance = 1e-10;
  double density_tolerance = 1e-8;
  int max_iterations = 100;
  std::string guess = "sad";  // "sad" (superposition of atomic densities) or "core"
  int threads = 2;
  // Hartree added to virtual orbital energies (half of it to singly occupied ROHF orbitals)
  // while the gradient is large. 0: off, switched on automatically (0.5) when DIIS stalls.
  double level_shift = 0.0;
  int diis_size = 8;  // Fock matrices kept for the DIIS extrapolation

  // Throws InputError naming the bad field ("scf.max_iterations") and the accepted values.
  void check() const;
  // The reference this run will use for `molecule` (the default when `reference` is unset).
  Reference reference_for(const Molecule& molecule) const;
};

}  // namespace qmol
