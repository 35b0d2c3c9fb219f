#pragma once
// Dense matrices and vectors for checking the sparse and bitwise kernels against linear algebra
// written out plainly (qubit k = bit k of an index, as everywhere in qmol).

#include <Eigen/Dense>
#include <vector>

#include "qmol/qubit/pauli_string.h"
#include "qmol/sim/statevector.h"

namespace qmol::testing {

Eigen::VectorXcd to_eigen(const Statevector& s);
// The 2^n x 2^n matrix of a k-qubit matrix g acting on `qubits` (qubits[j] = bit j of g's
// row and column indices), identity on the other qubits.
Eigen::MatrixXcd embed(int n_qubits, const Eigen::MatrixXcd& g, const std::vector<int>& qubits);
// The matrix of a Pauli string on n qubits from its letters' 2x2 matrices.
Eigen::MatrixXcd pauli_matrix(int n_qubits, const PauliString& p);

}  // namespace qmol::testing
