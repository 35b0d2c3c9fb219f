#pragma once

#include <string>

#include "qmol/hamiltonian/fermion_operator.h"

namespace qmol {

// The particle-number and spin observables of n_orbitals spatial orbitals, interleaved spin
// orbitals (2p alpha, 2p+1 beta):
//   number:       N = sum_k a+_k a_k
//   spin_z:       Sz = 1/2 sum_p (a+_{2p} a_{2p} - a+_{2p+1} a_{2p+1})
//   spin_squared: S^2 = S_- S_+ + Sz^2 + Sz
enum class SpinObservable { number, spin_z, spin_squared };

std::string to_string(SpinObservable observable);  // "N", "Sz", "S^2"

// S_+ = sum_p a+_{2p} a_{2p+1} (beta -> alpha) and S_- = S_+^dagger.
FermionOperator spin_raising_operator(int n_orbitals);
FermionOperator spin_lowering_operator(int n_orbitals);

// The observable as a normal-ordered, simplified FermionOperator.
FermionOperator spin_observable(SpinObservable observable, int n_orbitals);

}  // namespace qmol
