#pragma once

#include <Eigen/Core>
#include <vector>

namespace qmol {

// Natural orbitals of a one-particle density that has no occupied-virtual block (MP2's unrelaxed
// density): the occupied and the virtual blocks are diagonalized separately, so each natural
// orbital stays occupied or virtual in the reference.
struct NaturalOrbitals {
  Eigen::VectorXd occupations;   // the frozen ones, then decreasing; 0 to 2 (alpha + beta)
  Eigen::MatrixXd coefficients;  // AO x NO: the reference orbitals rotated
  Eigen::MatrixXd rotation;      // reference orbitals x NO
  std::vector<bool> occupied;    // whether each NO comes from the occupied block
};

// `density` in the basis of the orbitals `coefficients` (AO x MO), whose first `n_occupied` are
// the occupied ones and whose first `n_frozen` were left uncorrelated: those stay unrotated and
// first.
NaturalOrbitals natural_orbitals(const Eigen::MatrixXd& density,
                                 const Eigen::MatrixXd& coefficients, int n_occupied,
                                 int n_frozen = 0);

}  // namespace qmol
