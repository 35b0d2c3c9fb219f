#include "qmol/qubit/jordan_wigner.h"

namespace qmol {

std::vector<MajoranaPair> jordan_wigner_majoranas(int n_qubits) {
  std::vector<MajoranaPair> images;
  std::vector<int> below;  // modes 0..j-1 carry the sign string
  for (int j = 0; j < n_qubits; ++j) {
    images.push_back(majorana_pair_from_sets(j, {}, below, below));
    below.push_back(j);
  }
  return images;
}

QubitOperator jordan_wigner(const FermionOperator& op, int n_qubits) {
  return map_with_majoranas(op, jordan_wigner_majoranas(n_qubits), n_qubits);
}

}  // namespace qmol
