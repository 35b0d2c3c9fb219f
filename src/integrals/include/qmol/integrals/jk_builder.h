#pragma once

#include <Eigen/Core>
#include <vector>

#include "qmol/integrals/eri_store.h"

namespace qmol {

// Coulomb and exchange matrices of symmetric AO densities from the stored integrals:
//   J[D]_pq = sum_rs (pq|rs) D_rs,   K[D]_pq = sum_rs (pr|qs) D_rs.
// One pass over the integrals serves every density (RHF: one, UHF/ROHF: alpha and beta).
// `coulomb` and `exchange` are resized to densities.size(). Parallel with `threads` threads;
// the work split is static, so results are bitwise reproducible for a given thread count.
void build_jk(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
              std::vector<Eigen::MatrixXd>& coulomb, std::vector<Eigen::MatrixXd>& exchange,
              int threads = 2);

}  // namespace qmol
