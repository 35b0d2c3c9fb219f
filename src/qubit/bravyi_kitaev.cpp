#include "qmol/qubit/bravyi_kitaev.h"

#include <algorithm>

namespace qmol {

namespace {

int lowbit(int i) {
  return i & -i;
}

}  // namespace

std::vector<int> bk_update_set(int mode, int n_qubits) {
  // Fenwick update walk: the ancestors of node mode+1.
  std::vector<int> set;
  for (int i = mode + 1 + lowbit(mode + 1); i <= n_qubits; i += lowbit(i)) set.push_back(i - 1);
  return set;
}

std::vector<int> bk_parity_set(int mode) {
  // Fenwick prefix query over nodes 1..mode, i.e. modes 0..mode-1.
  std::vector<int> set;
  for (int i = mode; i > 0; i -= lowbit(i)) set.push_back(i - 1);
  std::reverse(set.begin(), set.end());
  return set;
}

std::vector<int> bk_flip_set(int mode) {
  // Children of node mode+1: the prefix walk from node `mode` down to the start of its range.
  std::vector<int> set;
  const int start = mode + 1 - lowbit(mode + 1);
  for (int i = mode; i > start; i -= lowbit(i)) set.push_back(i - 1);
  std::reverse(set.begin(), set.end());
  return set;
}

std::vector<int> bk_remainder_set(int mode) {
  const std::vector<int> parity = bk_parity_set(mode);
  const std::vector<int> flip = bk_flip_set(mode);
  std::vector<int> set;
  std::set_difference(parity.begin(), parity.end(), flip.begin(), flip.end(),
                      std::back_inserter(set));
  return set;
}

std::vector<MajoranaPair> bravyi_kitaev_majoranas(int n_qubits) {
  std::vector<MajoranaPair> images;
  for (int j = 0; j < n_qubits; ++j)
    images.push_back(majorana_pair_from_sets(j, bk_update_set(j, n_qubits), bk_parity_set(j),
                                             bk_remainder_set(j)));
  return images;
}

QubitOperator bravyi_kitaev(const FermionOperator& op, int n_qubits) {
  return map_with_majoranas(op, bravyi_kitaev_majoranas(n_qubits), n_qubits);
}

}  // namespace qmol
