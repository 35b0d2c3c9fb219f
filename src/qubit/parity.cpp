#include "qmol/qubit/parity.h"

namespace qmol {

std::vector<MajoranaPair> parity_majoranas(int n_qubits) {
  std::vector<MajoranaPair> images;
  for (int j = 0; j < n_qubits; ++j) {
    std::vector<int> update;  // every later prefix parity changes when mode j flips
    for (int k = j + 1; k < n_qubits; ++k) update.push_back(k);
    std::vector<int> parity_set;  // qubit j-1 already is the parity of modes 0..j-1
    if (j > 0) parity_set.push_back(j - 1);
    // n_j = b_j + b_{j-1}: the flip set {j-1} equals the parity set, so the remainder is empty.
    images.push_back(majorana_pair_from_sets(j, update, parity_set, {}));
  }
  return images;
}

QubitOperator parity(const FermionOperator& op, int n_qubits) {
  return map_with_majoranas(op, parity_majoranas(n_qubits), n_qubits);
}

}  // namespace qmol
