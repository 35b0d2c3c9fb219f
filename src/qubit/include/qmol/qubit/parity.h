#pragma once

#include <vector>

#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// Parity mapping: qubit k holds the parity of modes 0..k (in the operator's own mode order).
//   c_j = Z_{j-1} X_j X_{j+1} ... X_{n-1},   d_j = Y_j X_{j+1} ... X_{n-1}
// With interleaved spin orbitals qubit n-1 holds the total parity, but no qubit holds the alpha
// parity; see two_qubit_reduction.h for the block-ordered variant that has both.
std::vector<MajoranaPair> parity_majoranas(int n_qubits);
QubitOperator parity(const FermionOperator& op, int n_qubits);

}  // namespace qmol
