#pragma once

#include <vector>

#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// Two-qubit reduction of the parity mapping for interleaved spin orbitals.
//
// The textbook reduction assumes block order (all alpha modes, then all beta): then the parity
// qubit n/2-1 holds N_alpha mod 2 and qubit n-1 holds N mod 2, and both are acted on only by I or
// Z in any operator that conserves N_alpha and N_beta. Our spin orbitals are interleaved (2p alpha,
// 2p+1 beta), where no prefix is the alpha parity, so the mapping is applied to the block-reordered
// modes: spin orbital 2p -> position p, 2p+1 -> position n/2 + p (n = number of spin orbitals),
// and qubit k holds the parity of block positions 0..k.
//
// Layout of the n-2 qubits that remain after the reduction (m = n/2 spatial orbitals):
//   qubit k,       0 <= k < m-1 : parity of alpha spin orbitals of spatial orbitals 0..k
//   qubit m-1+k,   0 <= k < m-1 : parity of all alpha spin orbitals and the beta spin orbitals of
//                                 spatial orbitals 0..k
// The removed qubits m-1 (alpha parity) and n-1 (total parity) are replaced by their eigenvalues
// (-1)^n_alpha and (-1)^(n_alpha+n_beta). Because the block order is a different order of the
// modes, amplitudes of mapped states may differ in sign from the interleaved mappings; spectra,
// energies and expectation values are the same.

// Block position of interleaved spin orbital `mode` among n_modes (even).
int block_position(int mode, int n_modes);

// Parity-mapping images of the interleaved modes 0..n_qubits-1 in block order (n_qubits even).
std::vector<MajoranaPair> block_ordered_parity_majoranas(int n_qubits);
QubitOperator parity_block_ordered(const FermionOperator& op, int n_qubits);

// The two qubits removed by the reduction, ascending: {n/2 - 1, n - 1}.
std::vector<int> two_qubit_reduction_removed_qubits(int n_qubits);

// Reduces an operator from parity_block_ordered (or qubit_hamiltonian(..., parity, true) before
// reduction) to n-2 qubits in the sector with n_alpha, n_beta electrons. Throws NumericalError if a
// term acts with X or Y on a removed qubit (the operator does not conserve N_alpha and N_beta).
QubitOperator parity_two_qubit_reduction(const QubitOperator& block_ordered_parity_op, int n_alpha,
                                         int n_beta);

// Removes the given qubits (ascending) from a Pauli string, shifting higher qubits down.
PauliString remove_qubits(const PauliString& p, const std::vector<int>& qubits);

}  // namespace qmol
