#pragma once

#include <cstdint>
#include <vector>

#include "qmol/qubit/mapping.h"

namespace qmol {

// Spin orbitals of the Hartree-Fock determinant, ascending: 2p for p < n_alpha (alpha) and
// 2p+1 for p < n_beta (beta).
std::vector<int> hartree_fock_occupied(int n_alpha, int n_beta);

// The qubit basis state (element k = qubit k) that a mapping assigns to the determinant with the
// given occupied spin orbitals: b = A n mod 2 for the mapping's matrix A (Jordan-Wigner: b = n;
// parity: prefix parities; Bravyi-Kitaev: Fenwick-tree partial parities). With
// two_qubit_reduction (parity only) the state is on the n_qubits-2 qubits described in
// two_qubit_reduction.h.
std::vector<bool> hartree_fock_state(Mapping mapping, int n_qubits,
                                     const std::vector<int>& occupied_spin_orbitals,
                                     bool two_qubit_reduction = false);

// The basis-state index sum_k b_k 2^k (for at most 64 qubits).
std::uint64_t basis_index(const std::vector<bool>& state);

}  // namespace qmol
