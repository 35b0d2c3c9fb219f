#include "qmol/active_space/natural_orbitals.h"

#include <Eigen/Dense>
#include <algorithm>
#include <numeric>

namespace qmol {

NaturalOrbitals natural_orbitals(const Eigen::MatrixXd& density,
                                 const Eigen::MatrixXd& coefficients, int n_occupied,
                                 int n_frozen) {
  const int n = static_cast<int>(density.rows()), n_virtual = n - n_occupied;
  Eigen::MatrixXd rotation = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd occupations(n);
  const auto diagonalize = [&](int first, int size) {
    if (size == 0) return;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(density.block(first, first, size, size));
    rotation.block(first, first, size, size) = eig.eigenvectors();
    occupations.segment(first, size) = eig.eigenvalues();
  };
  for (int k = 0; k < n_frozen; ++k) {  // uncorrelated: kept as they are
    rotation(k, k) = 1.0;
    occupations[k] = density(k, k);
  }
  diagonalize(n_frozen, n_occupied - n_frozen);
  diagonalize(n_occupied, n_virtual);
  // The frozen ones first, then by decreasing occupation.
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin() + n_frozen, order.end(),
                   [&](int a, int b) { return occupations[a] > occupations[b]; });
  NaturalOrbitals no;
  no.occupations.resize(n);
  no.rotation.resize(n, n);
  for (int k = 0; k < n; ++k) {
    no.occupations[k] = occupations[order[k]];
    no.rotation.col(k) = rotation.col(order[k]);
    no.occupied.push_back(order[k] < n_occupied);
  }
  no.coefficients = coefficients * no.rotation;
  return no;
}

}  // namespace qmol
