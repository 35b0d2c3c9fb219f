#pragma once

#include "qmol/ansatz/fermionic_ansatz.h"

namespace qmol {

// k-UpCCGSD (Lee, Huggins, Head-Gordon, Whaley, JCTC 15, 311 (2019)): k layers, each of
// generalized singles and generalized paired doubles over all spatial orbital pairs p < q,
// every layer with its own parameters. Reference determinant as for uccsd().
//
// Layout of one layer (layers follow each other, layer 0 applied first):
//   singles: for each p < q (lexicographic), one parameter, the two terms
//            {2p}->{2q} and {2p+1}->{2q+1} (coefficient 1: spin-adapted, alpha and beta share);
//   paired doubles: for each p < q (lexicographic), one parameter, {2p, 2p+1} -> {2q, 2q+1}.
// So layer l holds parameters [l*2P, l*2P + P) for singles and [l*2P + P, (l+1)*2P) for doubles,
// P = n(n-1)/2. Labels "L{l} S p->q" and "L{l} D p->q" in spatial orbitals. kind = "kupccgsd".
// At zero parameters many gradients vanish: start from random_parameters().
FermionicAnsatz kupccgsd(int n_orbitals, int n_alpha, int n_beta, int k);

}  // namespace qmol
