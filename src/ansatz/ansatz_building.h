#pragma once
// Helpers shared by the ansatz generators (internal to src/ansatz).

#include <string>
#include <utility>
#include <vector>

#include "qmol/ansatz/fermionic_ansatz.h"

namespace qmol::ansatz_detail {

// Checks orbital and electron counts; throws InputError naming what is wrong.
void check_counts(int n_orbitals, int n_alpha, int n_beta);

// Occupied spin orbitals of the reference: alpha 2p (p < n_alpha), beta 2p+1 (p < n_beta), sorted.
std::vector<int> reference_spin_orbitals(int n_alpha, int n_beta);

// Sorts from and to ascending; returns the sign this reordering gives G (one swap = -1).
double canonicalize(Excitation& excitation);

// "i,j->a,b"
std::string spin_orbital_label(const Excitation& excitation);

// Adds a term to `terms`, merging with an equal excitation of the same parameter already there.
void add_term(std::vector<AnsatzTerm>& terms, Excitation excitation, int parameter,
              double coefficient);

}  // namespace qmol::ansatz_detail
