#pragma once

#include <Eigen/Core>
#include <vector>

#include "qmol/integrals/eri_store.h"

namespace qmol {

// Coulomb and exchange matrices of symmetric AO densities from the stored integrals:
//   J[D]_pq = sum_rs (pq|rs) D_rs,   K[D]_pq = sum_rs (pr|qs) D_rs.
// One pass over the integrals serves every density (RHF: one, UHF/ROHF: alpha and beta).
// `coulomb` and `exchange` are resized to densities.size(). Parallel with `threads` threads (0:
// OpenMP's current maximum);
// the work split is static, so results are bitwise reproducible for a given thread count.
void build_jk(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
              std::vector<Eigen::MatrixXd>& coulomb, std::vector<Eigen::MatrixXd>& exchange,
              int threads = 0);

// J[D] - K[D]/2 of each density: the two-electron part of a closed-shell Fock matrix (of the
// total density P: F = h + J[P] - K[P]/2). With the pair matrices one pass over one matrix,
// half the reading of build_jk.
void build_j_minus_half_k(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
                          std::vector<Eigen::MatrixXd>& g, int threads = 0);

// J[D] of each density alone.
void build_j(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
             std::vector<Eigen::MatrixXd>& coulomb, int threads = 0);

// K[D] of each density alone (with the pair matrices one pass over one matrix).
void build_k(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
             std::vector<Eigen::MatrixXd>& exchange, int threads = 0);

}  // namespace qmol
