#pragma once

#include <memory>

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/sim/determinant_space.h"

namespace qmol {

// H applied in a determinant space by a direct-CI sigma build from the integrals (never a
// stored matrix). Amplitudes follow DeterminantSpace's phase convention; real, because the
// molecular Hamiltonian is real. OpenMP-parallel.
class DeterminantHamiltonian {
 public:
  DeterminantHamiltonian(const MolecularHamiltonian& hamiltonian, const DeterminantSpace& space);
  ~DeterminantHamiltonian();

  const DeterminantSpace& space() const { return space_; }
  // out = H in (including the core energy). in and out have space().size() entries.
  void apply(const double* in, double* out) const;
  // <D|H|D> for every determinant (Davidson preconditioner, Hartree-Fock energy).
  const std::vector<double>& diagonal() const;

 private:
  const MolecularHamiltonian& hamiltonian_;
  const DeterminantSpace& space_;
  struct Tables;
  std::unique_ptr<Tables> tables_;
};

}  // namespace qmol
