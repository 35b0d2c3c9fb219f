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
  // The same, with `in`'s phases changed in place for the kernels and back (sign flips: `in` is
  // restored bit for bit) instead of in a scratch copy: one vector of the space less, for the
  // largest spaces. Not while another thread reads `in`.
  void apply_in_place(double* in, double* out) const;
  // <D|H|D> for every determinant (Davidson preconditioner, Hartree-Fock energy).
  const std::vector<double>& diagonal() const;

  // The diagonal averaged over each configuration (the determinants that share their doubly and
  // singly occupied orbitals and differ only in the spins of the singly occupied ones). S^2 maps
  // a determinant into its configuration, so this diagonal commutes with S^2 and a Davidson
  // correction (theta - D)^-1 r of a pure-spin residual stays in that spin. A new vector.
  std::vector<double> spin_averaged_diagonal() const;

  // Bytes this object holds for the space (string tables, the converted input apply() keeps
  // unless only apply_in_place is used, the per-thread tiles, the integrals; the diagonal once
  // asked for), without building it.
  static double memory_estimate(int n_orbitals, int n_alpha, int n_beta,
                                bool in_place_only = false);

 private:
  const MolecularHamiltonian& hamiltonian_;
  const DeterminantSpace& space_;
  struct Tables;
  struct Scratch;
  std::unique_ptr<Tables> tables_;
  // Multiplies `v` by the sign that takes interleaved phases to alpha-then-beta ones (its own
  // inverse) into `out` (may be `v`).
  void convert_phases(const double* v, double* out, int n_threads) const;
  // out = H in for `converted` already in the alpha-then-beta phases.
  void apply_converted(const double* converted, double* out, int n_threads, Scratch& scratch) const;
};

}  // namespace qmol
