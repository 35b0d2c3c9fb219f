#pragma once

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/hamiltonian/spin_operators.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// The image of N, Sz or S^2 (hamiltonian/spin_operators.h) on 2 * n_orbitals qubits, in the
// same qubit layout as qubit_hamiltonian(h, mapping): Hermitian, real, simplified.
QubitOperator qubit_spin_observable(SpinObservable observable, int n_orbitals, Mapping mapping);

// The parity image with the two-qubit reduction in the sector (n_alpha, n_beta): n-2 qubits laid
// out as qubit_hamiltonian(h, parity, true) (two_qubit_reduction.h).
QubitOperator qubit_spin_observable_reduced(SpinObservable observable, int n_orbitals, int n_alpha,
                                            int n_beta);

// The image matching qubit_hamiltonian(h, mapping, two_qubit_reduction): same qubits, layout and
// sector (h's n_alpha, n_beta), so <psi|O|psi> of a VQE state is expectation_value(O, psi).
// InputError (hamiltonian.two_qubit_reduction) for a reduction without the parity mapping.
QubitOperator qubit_spin_observable(SpinObservable observable, const MolecularHamiltonian& h,
                                    Mapping mapping, bool two_qubit_reduction = false);

}  // namespace qmol
