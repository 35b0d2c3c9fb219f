#pragma once

#include "qmol/ansatz/ansatz_options.h"
#include "qmol/ansatz/fermionic_ansatz.h"
#include "qmol/hamiltonian/molecular_hamiltonian.h"

namespace qmol {

// Reorders the factors of a UCCSD-type product (uccsd, singlet-uccsd: singles and doubles) as
// `ordering` says; parameters and their labels keep their indices. A Trotterized product depends
// on its order, so this changes the state the parameters describe, not the parameter count.
// mp2_amplitude needs `hamiltonian` (mp2_parameters); a stable sort keeps index order on ties.
void order_terms(FermionicAnsatz& ansatz, TermOrdering ordering,
                 const MolecularHamiltonian& hamiltonian);

}  // namespace qmol
