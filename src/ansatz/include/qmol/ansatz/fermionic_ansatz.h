#pragma once

#include <string>
#include <vector>

namespace qmol {

// A fermionic excitation on spin orbitals (interleaved: 2p alpha, 2p+1 beta).
// Generator G = a^dagger_{to[0]} a^dagger_{to[1]} ... a_{from[1]} a_{from[0]} (to and from of equal
// length, 1 for singles, 2 for doubles); the unitary is exp(theta (G - G^dagger)).
struct Excitation {
  std::vector<int> from;
  std::vector<int> to;
};

// One factor of the product ansatz: exp(coefficient * parameters[parameter] * (G - G^dagger)).
struct AnsatzTerm {
  Excitation excitation;
  int parameter = 0;
  double coefficient = 1.0;
};

// A product of excitation unitaries on a reference determinant:
//   |psi(theta)> = U_{K-1} ... U_1 U_0 |reference>, terms[0] applied first.
// Spin-adapted ansätze share one parameter between several terms (with coefficients).
struct FermionicAnsatz {
  std::string kind;  // "uccsd", "singlet-uccsd", "kupccgsd"
  int n_spin_orbitals = 0;
  std::vector<int> reference;  // occupied spin orbitals of the reference determinant
  std::vector<AnsatzTerm> terms;
  int n_parameters = 0;
  std::vector<std::string> parameter_labels;  // one per parameter, e.g. "2,3->8,9"
};

}  // namespace qmol
