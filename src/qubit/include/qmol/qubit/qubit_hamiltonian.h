#pragma once

#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// The qubit Hamiltonian of a molecular Hamiltonian (n = 2 * n_orbitals qubits, interleaved spin
// orbitals), assembled directly from the integrals without building a FermionOperator.
// Jordan-Wigner writes each string in closed form (jordan_wigner_hamiltonian.h); the other
// mappings take the generic path below.
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

// The generic path, for any mapping given by the Majorana images of the 2 * n_orbitals modes:
// each one-body pair a†_p a_q and each two-body product a†_i a†_j a_k a_l (i > j, k > l, unique
// up to Hermitian conjugation) is multiplied out from the images and accumulated in a hash map
// keyed by the Pauli masks. Same contract as above (no reduction).
QubitOperator qubit_hamiltonian(const MolecularHamiltonian& h,
                                const std::vector<MajoranaPair>& images);

}  // namespace qmol
