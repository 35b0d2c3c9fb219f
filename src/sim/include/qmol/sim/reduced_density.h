#pragma once

#include <Eigen/Core>
#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/sim/determinant_space.h"

namespace qmol {

// Spin-summed reduced density matrices of a real state in a determinant space (active MO basis):
//   one(p, q)          = sum_s <a+_ps a_qs>                         = <E_pq>
//   two[((p n + q) n + r) n + s] = sum_st <a+_ps a+_rt a_st a_qs>   = <E_pq E_rs> - delta_qr <E_ps>
// (chemists' order, as MolecularHamiltonian::two_body), so that
//   E = core + sum_pq h_pq one_pq + 1/2 sum_pqrs (pq|rs) two_pqrs.
struct ReducedDensities {
  Eigen::MatrixXd one;
  std::vector<double> two;
  int n_orbitals() const { return static_cast<int>(one.rows()); }
  double trace() const { return one.trace(); }  // <N>
  // The energy these densities give with h.
  double energy(const MolecularHamiltonian& h) const;
  // Eigenvalues of `one`, largest first: the natural-orbital occupations (0 to 2).
  std::vector<double> natural_occupations() const;
};

// The densities of the state `c` (space.size() amplitudes, DeterminantSpace phases, normalized).
// Forms E_pq c for every pair (n^2 vectors), then <E_qp c|E_rs c> as one matrix product.
ReducedDensities reduced_densities(const DeterminantSpace& space, const double* c);

// Bytes reduced_densities() holds: the n^2 vectors E_pq c and the densities.
double reduced_densities_memory_bytes(int n_orbitals, int n_alpha, int n_beta);

}  // namespace qmol
