#pragma once

#include <vector>

#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/qubit_operator.h"

namespace qmol {

// Terms whose |coefficient| falls below this are dropped when fermion operators are mapped
// to qubits (and by the direct Hamiltonian assembly): far below chemical accuracy, and it
// removes the round-off left where exact cancellations occur.
inline constexpr double kMappingThreshold = 1e-12;

// The images of one fermionic mode's Majorana operators under a fermion-to-qubit mapping:
//   a_j = (c + i d) / 2,   a†_j = (c - i d) / 2,
// where c and d are anticommuting Hermitian Pauli strings with coefficient +1.
struct MajoranaPair {
  PauliString c;
  PauliString d;
};

// Maps a fermion operator (modes 0..n_qubits-1) by multiplying out the ladder images;
// images[j] is mode j's pair. Result simplified with kMappingThreshold.
QubitOperator map_with_majoranas(const FermionOperator& op, const std::vector<MajoranaPair>& images,
                                 int n_qubits);

// Mappings that store mode occupations as b = A n (mod 2) with A lower triangular and unit
// diagonal (Jordan-Wigner, parity, Bravyi-Kitaev) all have images
//   c_j = X_{U(j)} X_j Z_{P(j)},   d_j = X_{U(j)} Y_j Z_{R(j)},
// where U(j) are the other qubits that change when mode j flips (update set), P(j) the qubits
// whose sum is the parity of modes 0..j-1 (parity set), and R(j) = P(j) minus F(j), F(j) being
// the qubits whose sum with qubit j gives n_j (flip set). Sets hold qubit indices.
MajoranaPair majorana_pair_from_sets(int mode, const std::vector<int>& update,
                                     const std::vector<int>& parity,
                                     const std::vector<int>& remainder);

}  // namespace qmol
