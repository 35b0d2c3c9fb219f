#pragma once

#include <vector>

#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// Z2 symmetry tapering (Bravyi, Gambetta, Mezzacapo, Temme, arXiv:1701.08213), restricted to
// Z-type symmetries: products of Z that commute with every term. These are the ones a basis-state
// reference (Hartree-Fock) fixes; they include the spin-parity symmetries and, for orbitals
// adapted to an Abelian point group, its symmetries, in all three mappings.
//
// Each generator tau_i (GF(2) kernel of the terms' X masks, in reduced row-echelon form) has a
// pivot qubit q_i that no other generator touches. U_i = (X_{q_i} + tau_i)/sqrt(2) maps tau_i to
// X_{q_i}, so U H U acts on q_i only with I or X; X_{q_i} is replaced by the eigenvalue of tau_i on
// the reference state and qubit q_i is removed. Remaining qubits keep their order.
struct TaperedOperator {
  QubitOperator op;                     // on n_qubits - symmetries.size() qubits
  int n_qubits = 0;                     // of the operator before tapering
  std::vector<PauliString> symmetries;  // tau_i on the original qubits
  std::vector<int> removed_qubits;      // q_i, same order as symmetries
  std::vector<int> eigenvalues;         // +1 or -1: the reference state's sector
  std::vector<bool> reference;          // the reference state on the remaining qubits
};

// Generators of the Z-type symmetries of op (reduced row-echelon form over GF(2)).
std::vector<PauliString> z2_symmetries(const QubitOperator& op);

// reference: a basis state of op's qubits (e.g. hartree_fock_state); its sector is kept.
TaperedOperator taper(const QubitOperator& op, const std::vector<bool>& reference);

// Whether the string commutes with every symmetry of the tapering, i.e. stays in its sectors.
bool keeps_sector(const TaperedOperator& tapering, const PauliString& p);

// The same rotation and removal applied to another operator on the original qubits that commutes
// with the symmetries (e.g. S^2, or an ansatz's Pauli rotation generators); NumericalError if it
// does not.
QubitOperator apply_tapering(const TaperedOperator& tapering, const QubitOperator& op);

}  // namespace qmol
