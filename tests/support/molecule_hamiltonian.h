#pragma once

#include <string>

#include "qmol/qubit/qubit_operator.h"

namespace qmol::testing {

// The full-space STO-3G Jordan-Wigner qubit Hamiltonian of molecules/<name>.xyz (RHF orbitals),
// built once per name.
const QubitOperator& sto3g_jordan_wigner_hamiltonian(const std::string& name);

}  // namespace qmol::testing
