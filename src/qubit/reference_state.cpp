#include "qmol/qubit/reference_state.h"

#include <fmt/format.h>

#include <algorithm>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"
#include "qmol/qubit/two_qubit_reduction.h"

namespace qmol {

std::vector<int> hartree_fock_occupied(int n_alpha, int n_beta) {
  std::vector<int> occupied;
  for (int p = 0; p < std::max(n_alpha, n_beta); ++p) {
    if (p < n_alpha) occupied.push_back(2 * p);
    if (p < n_beta) occupied.push_back(2 * p + 1);
  }
  return occupied;
}

std::vector<bool> hartree_fock_state(Mapping mapping, int n_qubits,
                                     const std::vector<int>& occupied_spin_orbitals,
                                     bool two_qubit_reduction) {
  if (two_qubit_reduction && mapping != Mapping::parity)
    throw InputError(
        fmt::format("the two-qubit reduction needs the parity mapping, not {}", to_string(mapping)),
        Location{"", 0, "hamiltonian.two_qubit_reduction"});
  const std::vector<MajoranaPair> images = two_qubit_reduction
                                               ? block_ordered_parity_majoranas(n_qubits)
                                               : majorana_images(mapping, n_qubits);
  // Creating mode j flips exactly the qubits in the X part of its image (column j of A).
  PauliString flips;
  for (int mode : occupied_spin_orbitals) {
    if (mode < 0 || mode >= n_qubits)
      throw InputError(
          fmt::format("occupied spin orbital {} is outside 0..{}", mode, n_qubits - 1));
    for (int w = 0; w < kMaxQubits / 64; ++w) flips.x[w] ^= images[mode].c.x[w];
  }
  if (two_qubit_reduction)
    flips = remove_qubits(flips, two_qubit_reduction_removed_qubits(n_qubits));
  const int n_out = two_qubit_reduction ? n_qubits - 2 : n_qubits;
  std::vector<bool> state(n_out);
  for (int q = 0; q < n_out; ++q) state[q] = flips.at(q) == 'X';
  return state;
}

std::uint64_t basis_index(const std::vector<bool>& state) {
  if (state.size() > 64)
    throw InputError(fmt::format("a basis index needs at most 64 qubits, got {}", state.size()));
  std::uint64_t index = 0;
  for (std::size_t k = 0; k < state.size(); ++k)
    if (state[k]) index |= bit(k);
  return index;
}

}  // namespace qmol
