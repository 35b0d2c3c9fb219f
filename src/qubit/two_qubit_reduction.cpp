#include "qmol/qubit/two_qubit_reduction.h"

#include <fmt/format.h>

#include "qmol/core/errors.h"
#include "qmol/qubit/parity.h"

namespace qmol {

namespace {

void check_even(int n_qubits) {
  if (n_qubits < 2 || n_qubits % 2 != 0)
    throw InputError(fmt::format(
        "the two-qubit reduction needs an even number of spin orbitals (at least 2), got {}",
        n_qubits));
}

}  // namespace

int block_position(int mode, int n_modes) {
  return mode / 2 + (mode % 2) * (n_modes / 2);
}

std::vector<MajoranaPair> block_ordered_parity_majoranas(int n_qubits) {
  check_even(n_qubits);
  const std::vector<MajoranaPair> block = parity_majoranas(n_qubits);
  std::vector<MajoranaPair> images(n_qubits);
  for (int mode = 0; mode < n_qubits; ++mode) images[mode] = block[block_position(mode, n_qubits)];
  return images;
}

QubitOperator parity_block_ordered(const FermionOperator& op, int n_qubits) {
  return map_with_majoranas(op, block_ordered_parity_majoranas(n_qubits), n_qubits);
}

std::vector<int> two_qubit_reduction_removed_qubits(int n_qubits) {
  check_even(n_qubits);
  return {n_qubits / 2 - 1, n_qubits - 1};
}

PauliString remove_qubits(const PauliString& p, const std::vector<int>& qubits) {
  PauliString out;
  const int n = p.span();
  int removed = 0;
  for (int q = 0; q < n; ++q) {
    if (removed < static_cast<int>(qubits.size()) && qubits[removed] == q) {
      ++removed;
      continue;
    }
    const char c = p.at(q);
    if (c != 'I') out.set(q - removed, c);
  }
  return out;
}

QubitOperator parity_two_qubit_reduction(const QubitOperator& block_ordered_parity_op, int n_alpha,
                                         int n_beta) {
  const int n = block_ordered_parity_op.n_qubits();
  const std::vector<int> removed = two_qubit_reduction_removed_qubits(n);
  // Eigenvalues of Z on the alpha-parity and total-parity qubits.
  const double eigenvalue[2] = {n_alpha % 2 ? -1.0 : 1.0, (n_alpha + n_beta) % 2 ? -1.0 : 1.0};
  QubitOperator reduced(n - 2);
  for (const auto& [p, c] : block_ordered_parity_op.terms()) {
    std::complex<double> coefficient = c;
    for (int k = 0; k < 2; ++k) {
      const char pauli = p.at(removed[k]);
      if (pauli == 'X' || pauli == 'Y')
        throw NumericalError(fmt::format(
            "two-qubit reduction: term [{}] acts with {} on parity qubit {}; the operator must "
            "conserve N_alpha and N_beta and come from the block-ordered parity mapping",
            p.str(), pauli, removed[k]));
      if (pauli == 'Z') coefficient *= eigenvalue[k];
    }
    reduced.add(remove_qubits(p, removed), coefficient);
  }
  reduced.simplify(kMappingThreshold);
  reduced.set_n_qubits(n - 2);
  return reduced;
}

}  // namespace qmol
