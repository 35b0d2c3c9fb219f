#pragma once
// Random real Hamiltonians with the 8-fold permutational symmetry of real orbitals, reproducible
// from their seed: the one fixture every test of Hamiltonian-consuming code shares.

#include <functional>
#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol::testing {

// The n^4 tensor (pq|rs) with the 8-fold symmetry of real orbitals: `value` is called once per
// unique quartet (p >= q, r >= s, pq >= rs), in a fixed order, so a seeded generator inside it
// gives the same tensor every time.
std::vector<double> symmetric_eris(int n, const std::function<double(int, int, int, int)>& value);

// Uniform one- and two-electron integrals in [-1, 1] and [-0.5, 0.5]: nothing special about the
// spectrum, so sign and index errors show.
MolecularHamiltonian random_hamiltonian(int n, int n_alpha, int n_beta, unsigned seed);

// A random Hamiltonian that looks molecular: a dominant increasing diagonal (orbital energies)
// and weaker couplings. Iterative eigensolvers converge on it as quickly as on a real molecule.
MolecularHamiltonian molecular_like_hamiltonian(int n, int n_alpha, int n_beta, unsigned seed);

}  // namespace qmol::testing
