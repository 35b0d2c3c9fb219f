#pragma once

#include "qmol/ansatz/circuit.h"
#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/mapping.h"

namespace qmol {

// G - G^dagger of an excitation, G = a+_{to[0]} a+_{to[1]} ... a_{from[1]} a_{from[0]}.
FermionOperator excitation_generator(const Excitation& excitation);

// The product ansatz as a gate circuit under a fermion-to-qubit mapping. Each term
// exp(c theta (G - G^dagger)) maps to i sum_j c_j P_j with real c_j and mutually commuting P_j
// (the images of commuting Majorana monomials), so it is exactly
//   prod_j exp(i c theta c_j P_j) = prod_j PauliRotation(P_j, angle = -2 c c_j theta),
// one rotation per Pauli string, all driven by the term's parameter. Terms keep their order
// (terms[0] first); within a term the rotations follow the mapped operator's sorted term order.
// The initial state is hartree_fock_state(mapping, ..., reference).
//
// two_qubit_reduction (parity only, InputError otherwise) gives a circuit on n-2 qubits, laid out
// as in two_qubit_reduction.h, in the sector of the reference's alpha and beta electron counts.
// Throws NumericalError if a mapped generator is not anti-Hermitian or its strings do not commute
// (which would mean a broken mapping).
Circuit lower_to_circuit(const FermionicAnsatz& ansatz, Mapping mapping,
                         bool two_qubit_reduction = false);

}  // namespace qmol
