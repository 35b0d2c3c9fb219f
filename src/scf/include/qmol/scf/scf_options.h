#pragma once

#include <optional>
#include <string>

#include "qmol/chem/molecule.h"
#include "qmol/scf/scf_guess.h"
#include "qmol/scf/scf_result.h"
#include "qmol/scf/stability.h"

namespace qmol {

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
  ScfGuess guess = ScfGuess::sad;
  // guess = read: the earlier result file whose orbitals start this run. The caller loads them
  // and passes them to run_scf; this name is for messages (and must be set with read only).
  std::string guess_file;
  // UHF only: rotate the guess's alpha HOMO and LUMO by +45 degrees and the beta ones by -45
  // degrees (as Psi4's guess_mix), so that a singlet can break spin symmetry. Applied to sad
  // and core guesses, not to read or warm-start orbitals.
  bool guess_mix = false;
  // After convergence: lowest eigenvalues of the orbital Hessian (check), and rotating away from
  // a saddle point until the solution is a minimum (follow). See stability.h.
  Stability stability = Stability::check;
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
