#pragma once

#include <string>
#include <vector>

#include "qmol/ansatz/ansatz_options.h"
#include "qmol/ansatz/circuit.h"
#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/pauli_string.h"

namespace qmol {

// One operator of a fermionic ADAPT pool: exp(theta sum_t c_t (G_t - G_t^dagger)), its terms
// applied one after the other (parameter fields are 0; ADAPT assigns its own).
struct FermionicPoolOperator {
  std::string label;  // "1,3->5,7" or "1,3->5,7 + 0,2->4,6" for a spin-complemented pair
  std::vector<AnsatzTerm> terms;
};

// Spin-complemented pools (Grimsley et al. 2019): each spin-orbital excitation is paired with its
// image under alpha <-> beta, both driven by one parameter. An excitation that is its own image
// stands alone.
// fermionic_sd: singles and doubles from the reference's occupied to its empty spin orbitals;
// for a closed shell the singlet generators of singlet_uccsd() instead (spin-complemented too,
// and spin-adapted: a spin-complemented pair alone mixes in triplet components, <S^2> ~ 2e-3 for
// the H6 chain at 1.5 Angstrom, against 3e-4 with these).
std::vector<FermionicPoolOperator> fermionic_sd_pool(int n_orbitals, int n_alpha, int n_beta);
// generalized_sd: singles p -> q and doubles {r,s} -> {p,q} between any spin orbitals (disjoint
// sets, Sz conserved), one per pair of opposite excitations.
std::vector<FermionicPoolOperator> generalized_sd_pool(int n_orbitals);

// The qubit-ADAPT pool (Tang et al., PRX Quantum 2, 020310 (2021)): the distinct Pauli strings of
// the fermionic_sd operators under the mapping, with their Z factors removed; each is used as
// exp(-i theta P / 2). two_qubit_reduction as in lower_to_circuit().
std::vector<PauliString> qubit_pool(int n_orbitals, int n_alpha, int n_beta, Mapping mapping,
                                    bool two_qubit_reduction);

}  // namespace qmol
