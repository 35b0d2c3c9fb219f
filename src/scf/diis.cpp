#include "qmol/scf/diis.h"

#include <Eigen/Dense>

namespace qmol {

std::vector<Eigen::MatrixXd> Diis::extrapolate(const std::vector<Eigen::MatrixXd>& focks,
                                               const std::vector<Eigen::MatrixXd>& errors) {
  focks_.push_back(focks);
  errors_.push_back(errors);
  if (size() > max_size_) {
    focks_.pop_front();
    errors_.pop_front();
  }
  // Drop the oldest entries while the DIIS equations are (numerically) singular.
  while (size() > 1) {
    const int m = size();
    Eigen::MatrixXd b = Eigen::MatrixXd::Zero(m + 1, m + 1);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j <= i; ++j) {
        double dot = 0.0;
        for (size_t c = 0; c < errors_[i].size(); ++c)
          dot += errors_[i][c].cwiseProduct(errors_[j][c]).sum();
        b(i, j) = b(j, i) = dot;
      }
    // Scale so the error block is O(1): the conditioning test below is then meaningful.
    const double scale = b.topLeftCorner(m, m).diagonal().maxCoeff();
    if (scale > 0.0) b.topLeftCorner(m, m) /= scale;
    b.row(m).head(m).setConstant(-1.0);
    b.col(m).head(m).setConstant(-1.0);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(m + 1);
    rhs(m) = -1.0;
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(b);
    if (scale > 0.0 && qr.rank() == m + 1 &&
        qr.matrixR().diagonal().cwiseAbs().minCoeff() > 1e-14) {
      const Eigen::VectorXd c = qr.solve(rhs);
      std::vector<Eigen::MatrixXd> out(focks.size());
      for (size_t k = 0; k < focks.size(); ++k) {
        out[k] = Eigen::MatrixXd::Zero(focks[k].rows(), focks[k].cols());
        for (int i = 0; i < m; ++i) out[k] += c(i) * focks_[i][k];
      }
      return out;
    }
    focks_.pop_front();
    errors_.pop_front();
  }
  return focks;
}

void Diis::reset() {
  focks_.clear();
  errors_.clear();
}

}  // namespace qmol
