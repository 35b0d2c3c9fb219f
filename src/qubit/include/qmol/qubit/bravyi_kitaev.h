#pragma once

#include <vector>

#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// Bravyi-Kitaev in the Fenwick-tree form (Seeley, Richard, Love, J. Chem. Phys. 137, 224109
// (2012); Havlicek et al., Phys. Rev. A 95, 032332 (2017)): with 1-based node i = j + 1, qubit j
// holds the parity of modes i - lowbit(i) .. i - 1. Defined for every n, not only powers of two,
// the construction of OpenFermion's bravyi_kitaev(op, n_qubits).
//
// The sets of mode j (qubit indices, ascending):
std::vector<int> bk_update_set(int mode, int n_qubits);  // qubits above j that also store n_j
std::vector<int> bk_parity_set(int mode);                // their sum = parity of modes 0..j-1
std::vector<int> bk_flip_set(int mode);       // their sum plus qubit j = n_j (children of j)
std::vector<int> bk_remainder_set(int mode);  // parity set minus flip set

std::vector<MajoranaPair> bravyi_kitaev_majoranas(int n_qubits);
QubitOperator bravyi_kitaev(const FermionOperator& op, int n_qubits);

}  // namespace qmol
