#pragma once
// The integrals of a MolecularHamiltonian over its interleaved spin orbitals (mode = 2 * spatial
// + spin), in the form both qubit-Hamiltonian builders expand:
//   H = core + sum_ij h_ij a†_i a_j + sum_{i>j, k>l} W(i, j, k, l) a†_i a†_j a_k a_l.

#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

class SpinOrbitalIntegrals {
 public:
  explicit SpinOrbitalIntegrals(const MolecularHamiltonian& h) : h_(h) {}

  static int spatial(int mode) { return mode / 2; }
  static bool same_spin(int i, int j) { return ((i ^ j) & 1) == 0; }

  double one_body(int i, int j) const {
    return same_spin(i, j) ? h_.one_body(spatial(i), spatial(j)) : 0.0;
  }
  // From 1/2 sum (pq|rs) a†_p a†_r a_s a_q over spins; antisymmetric in i <-> j and in k <-> l:
  //   W = (il|jk) [s_i = s_l, s_j = s_k] - (ik|jl) [s_i = s_k, s_j = s_l].
  double w(int i, int j, int k, int l) const {
    double value = 0.0;
    if (same_spin(i, l) && same_spin(j, k))
      value += h_.two_body(spatial(i), spatial(l), spatial(j), spatial(k));
    if (same_spin(i, k) && same_spin(j, l))
      value -= h_.two_body(spatial(i), spatial(k), spatial(j), spatial(l));
    return value;
  }

 private:
  const MolecularHamiltonian& h_;
};

}  // namespace qmol
