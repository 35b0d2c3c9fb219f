#pragma once

#include "qmol/ansatz/fermionic_ansatz.h"

namespace qmol {

// Unitary coupled cluster with singles and doubles on the reference determinant with alpha
// electrons in spatial orbitals 0..n_alpha-1 and beta electrons in 0..n_beta-1 (RHF, or ROHF for
// open shells: n_alpha >= n_beta). Spin orbitals are interleaved (2p alpha, 2p+1 beta).
//
// Layout (part of the results: parameter k of a saved run means the k-th excitation below):
//   singles: for each occupied spin orbital i (ascending), each virtual spin orbital a of the
//            same spin (ascending): from {i}, to {a};
//   doubles: for each occupied pair i < j (lexicographic), each virtual pair a < b
//            (lexicographic) with the same total spin: from {i, j}, to {a, b}.
// One parameter per excitation, coefficient 1, parameters numbered in that order; labels
// "i->a" and "i,j->a,b" in spin orbitals. kind = "uccsd".
FermionicAnsatz uccsd(int n_orbitals, int n_alpha, int n_beta);

// Spin-adapted (singlet) UCCSD for closed shells (n_alpha == n_beta), the singlet subset of the
// UCCSD manifold with shared parameters. With E_ai = a+_{a alpha} a_{i alpha} + a+_{a beta} a_{i
// beta} (i occupied, a virtual spatial orbitals) and the occupied-virtual pairs (i, a) listed with
// i ascending, then a ascending:
//   singles: one parameter per pair (i, a), generator E_ai (two terms, coefficient 1 each);
//   doubles: one parameter per unordered pair of pairs {(i, a), (j, b)}, x <= y in the list above
//            (lexicographic), generator the spin-orbital part of E_ai E_bj: the terms
//            a+_{a s} a_{i s} a+_{b t} a_{j t} for spins (s, t) in order (aa, ab, ba, bb), each
//            written as an Excitation with from and to sorted ascending (the sign goes into the
//            coefficient); equal excitations are merged (coefficient 2 for (i, a) == (j, b)).
// Singles first, then doubles. Labels "S i->a" and "D i->a,j->b" in spatial orbitals.
// kind = "singlet-uccsd". Throws InputError for open shells.
FermionicAnsatz singlet_uccsd(int n_orbitals, int n_alpha, int n_beta);

}  // namespace qmol
