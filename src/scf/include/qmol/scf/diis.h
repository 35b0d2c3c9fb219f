#pragma once

#include <Eigen/Core>
#include <deque>
#include <vector>

namespace qmol {

// Pulay's DIIS: extrapolates Fock matrices as the combination whose error vectors (orbital
// gradients) have the smallest norm, with coefficients summing to one. Each entry may hold
// several matrices (alpha and beta for UHF); their error inner products are added.
class Diis {
 public:
  explicit Diis(int max_size = 8) : max_size_(max_size) {}

  // Stores (focks, errors) and returns the extrapolated Fock matrices (the input itself while
  // only one entry is stored or the DIIS equations are singular).
  std::vector<Eigen::MatrixXd> extrapolate(const std::vector<Eigen::MatrixXd>& focks,
                                           const std::vector<Eigen::MatrixXd>& errors);
  void reset();
  int size() const { return static_cast<int>(focks_.size()); }

 private:
  int max_size_;
  std::deque<std::vector<Eigen::MatrixXd>> focks_;
  std::deque<std::vector<Eigen::MatrixXd>> errors_;
};

}  // namespace qmol
