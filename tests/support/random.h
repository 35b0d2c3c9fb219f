#pragma once
// Random test inputs, reproducible from their generator or seed: states, vectors, Pauli strings
// and qubit operators.

#include <cstddef>
#include <random>
#include <vector>

#include "qmol/qubit/qubit_operator.h"
#include "qmol/sim/statevector.h"

namespace qmol::testing {

// A normalised state with independent standard-normal real and imaginary parts.
Statevector random_state(int n_qubits, std::mt19937& rng);
// n standard-normal entries (not normalised).
std::vector<double> random_vector(std::size_t n, unsigned seed);
// Each of the n_qubits lowest qubits I, X, Y or Z with equal probability.
PauliString random_pauli(int n_qubits, std::mt19937& rng);
// A Hermitian operator: n_terms random strings with standard-normal real coefficients.
QubitOperator random_qubit_operator(int n_qubits, int n_terms, std::mt19937& rng);

}  // namespace qmol::testing
