#include "qmol/integrals/jk_builder.h"

#include <omp.h>

#include <algorithm>

namespace qmol {

// Loop over the stored unique quartets. Each value v of quartet (PQ|RS) stands for up to eight
// permutations; weighting it by the shell-level degeneracy and symmetrizing at the end
// (J = (J + J^T)/4, K = (K + K^T)/8) counts every permutation exactly once, including the
// repeated elements inside diagonal blocks (P == Q, R == S, PQ == RS).
void build_jk(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
              std::vector<Eigen::MatrixXd>& coulomb, std::vector<Eigen::MatrixXd>& exchange,
              int threads) {
  const int n = eris.n_functions();
  const int n_dens = static_cast<int>(densities.size());
  threads = std::max(1, threads);
  const auto& pairs = eris.pairs();
  const int n_pairs = static_cast<int>(pairs.size());

  // Per-thread accumulators, summed in thread order afterwards (reproducible bits).
  std::vector<std::vector<Eigen::MatrixXd>> j_part(threads), k_part(threads);
#pragma omp parallel num_threads(threads)
  {
    const int tid = omp_get_thread_num();
    std::vector<Eigen::MatrixXd>& jt = j_part[tid];
    std::vector<Eigen::MatrixXd>& kt = k_part[tid];
    jt.assign(n_dens, Eigen::MatrixXd::Zero(n, n));
    kt.assign(n_dens, Eigen::MatrixXd::Zero(n, n));
#pragma omp for schedule(static, 1)
    for (int bra = 0; bra < n_pairs; ++bra) {
      const int sp = pairs[bra].p, sq = pairs[bra].q;
      const int p0 = eris.shell_first_function(sp), np = eris.shell_size(sp);
      const int q0 = eris.shell_first_function(sq), nq = eris.shell_size(sq);
      const double bra_degeneracy = sp == sq ? 1.0 : 2.0;
      for (std::int64_t quartet = eris.quartet_begin(bra); quartet < eris.quartet_begin(bra + 1);
           ++quartet) {
        const int ket = eris.quartet_ket(quartet);
        const int sr = pairs[ket].p, ss = pairs[ket].q;
        const int r0 = eris.shell_first_function(sr), nr = eris.shell_size(sr);
        const int s0 = eris.shell_first_function(ss), ns = eris.shell_size(ss);
        const double degeneracy =
            bra_degeneracy * (sr == ss ? 1.0 : 2.0) * (bra == ket ? 1.0 : 2.0);
        const double* v = eris.quartet_values(quartet);
        for (int d = 0; d < n_dens; ++d) {
          // Column pointers: D is symmetric, and J, K are symmetrized at the end, so D(r, s) can
          // be read and J(r, s) written as column r, element s: the innermost loop is contiguous.
          const double* D = densities[d].data();
          double* J = jt[d].data();
          double* K = kt[d].data();
          const double* value = v;
          for (int i = 0; i < np; ++i) {
            const int p = p0 + i;
            const double* d_p = D + std::int64_t{p} * n;
            double* k_p = K + std::int64_t{p} * n;
            for (int j = 0; j < nq; ++j) {
              const int q = q0 + j;
              const double* d_q = D + std::int64_t{q} * n;
              double* k_q = K + std::int64_t{q} * n;
              const double d_pq = d_p[q] * degeneracy;
              double j_pq = 0.0;
              for (int k = 0; k < nr; ++k) {
                const int r = r0 + k;
                const double* d_r = D + std::int64_t{r} * n + s0;
                double* j_r = J + std::int64_t{r} * n + s0;
                const double d_pr = d_p[r] * degeneracy, d_qr = d_q[r] * degeneracy;
                double k_pr = 0.0, k_qr = 0.0;
                for (int l = 0; l < ns; ++l, ++value) {
                  const double x = *value;
                  j_pq += d_r[l] * x;
                  j_r[l] += d_pq * x;
                  k_pr += d_q[s0 + l] * x;
                  k_qr += d_p[s0 + l] * x;
                  k_q[s0 + l] += d_pr * x;
                  k_p[s0 + l] += d_qr * x;
                }
                K[std::int64_t{r} * n + p] += k_pr * degeneracy;
                K[std::int64_t{r} * n + q] += k_qr * degeneracy;
              }
              J[std::int64_t{q} * n + p] += j_pq * degeneracy;
            }
          }
        }
      }
    }
  }

  coulomb.assign(n_dens, Eigen::MatrixXd::Zero(n, n));
  exchange.assign(n_dens, Eigen::MatrixXd::Zero(n, n));
  for (int d = 0; d < n_dens; ++d) {
    for (int t = 0; t < threads; ++t) {
      if (j_part[t].empty()) continue;  // the runtime gave a smaller team than asked for
      coulomb[d] += j_part[t][d];
      exchange[d] += k_part[t][d];
    }
    coulomb[d] = 0.25 * (coulomb[d] + coulomb[d].transpose()).eval();
    exchange[d] = 0.125 * (exchange[d] + exchange[d].transpose()).eval();
  }
}

}  // namespace qmol
