#pragma once

#include <vector>

#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/majorana.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// Jordan-Wigner: qubit j holds the occupation of mode j.
//   a_j = (X_j + i Y_j)/2 Z_0 ... Z_{j-1},   a†_j = (X_j - i Y_j)/2 Z_0 ... Z_{j-1}
// (OpenFermion's convention; |1> is occupied).
std::vector<MajoranaPair> jordan_wigner_majoranas(int n_qubits);
QubitOperator jordan_wigner(const FermionOperator& op, int n_qubits);

}  // namespace qmol
