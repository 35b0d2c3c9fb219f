#pragma once

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// The qubit Hamiltonian of a molecular Hamiltonian (n = 2 * n_orbitals qubits, interleaved spin
// orbitals), assembled directly from the integrals without building a FermionOperator: each
// one-body pair a†_p a_q and each two-body product a†_i a†_j a_k a_l (i > j, k > l, unique up to
// Hermitian conjugation) is multiplied out from precomputed Majorana images of the modes and
// accumulated in a hash map keyed by the Pauli masks.
//
// Assumes real integrals with the usual symmetries (h_pq = h_qp, (pq|rs) 8-fold symmetric), so
// the operator is Hermitian; only the real parts of the Pauli coefficients are kept (the
// imaginary parts of a term and its conjugate cancel exactly). Terms with |c| < kMappingThreshold
// (1e-12 Hartree) are dropped. The result is simplified: combined, sorted, real.
//
// two_qubit_reduction (parity only) returns n-2 qubits in the (n_alpha, n_beta) sector of h, laid
// out as described in two_qubit_reduction.h; otherwise InputError
// (hamiltonian.two_qubit_reduction).
QubitOperator qubit_hamiltonian(const MolecularHamiltonian& h, Mapping mapping,
                                bool two_qubit_reduction = false);

}  // namespace qmol
