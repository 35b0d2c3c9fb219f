#pragma once
// References computed the slow, obvious way: Pauli strings applied to basis states, sector
// matrices, and a brute-force FCI that works on determinants directly (independent of
// FermionOperator, the mappings and the determinant-space code).

#include <Eigen/Dense>
#include <complex>
#include <cstdint>
#include <vector>

#include "qmol/hamiltonian/molecular_hamiltonian.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol::testing {

// P |b> = i^(|x&z|) (-1)^(|z&b|) |b ^ x> for a Pauli string on at most 64 qubits.
std::complex<double> apply_pauli(const PauliString& p, std::uint64_t b, std::uint64_t& out);

// Matrix of op restricted to the given basis states, which must span an invariant subspace:
// single Pauli strings may leave it, but their amplitudes outside must cancel.
Eigen::MatrixXcd sector_matrix(const QubitOperator& op, const std::vector<std::uint64_t>& states);

Eigen::MatrixXcd dense_matrix(const QubitOperator& op, int n_qubits);

double lowest_eigenvalue(const Eigen::MatrixXcd& m);

// Determinants (bit m = interleaved spin orbital m occupied) with n_alpha and n_beta electrons.
std::vector<std::uint64_t> determinants(int n_orbitals, int n_alpha, int n_beta);

std::vector<int> occupied_modes(std::uint64_t det);

// Applies a_mode (creation=false) or a†_mode to a determinant; returns the sign, 0 if it vanishes.
int apply_ladder(int mode, bool creation, std::uint64_t& det);

// Lowest eigenvalue of the FCI matrix, built by applying the second-quantized Hamiltonian
// straight to determinants.
double brute_force_fci(const MolecularHamiltonian& h);

}  // namespace qmol::testing
