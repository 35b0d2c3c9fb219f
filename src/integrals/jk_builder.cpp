#include "qmol/integrals/jk_builder.h"

#include <omp.h>

#include <algorithm>
#include <array>
#include <utility>

namespace qmol {

namespace {

// One stored quartet's contribution to J and K of one density. The sizes are template
// arguments where they are those of s and p shells (1, 3; 0: any), so that the common small
// blocks run fully unrolled instead of as loops of one to three steps.
struct Quartet {
  const double* values;
  int p0, np, q0, nq, r0, nr, s0, ns;
  double degeneracy;
};

template <int NP, int NQ, int NR, int NS>
void accumulate(const Quartet& x, int n, const double* D, double* J, double* K) {
  const int np = NP ? NP : x.np, nq = NQ ? NQ : x.nq, nr = NR ? NR : x.nr, ns = NS ? NS : x.ns;
  const double degeneracy = x.degeneracy;
  const double* value = x.values;
  // Column pointers: D is symmetric, and J, K are symmetrized at the end, so D(r, s) can be read
  // and J(r, s) written as column r, element s: the innermost loop is contiguous.
  for (int i = 0; i < np; ++i) {
    const int p = x.p0 + i;
    const double* d_p = D + std::int64_t{p} * n;
    double* k_p = K + std::int64_t{p} * n;
    for (int j = 0; j < nq; ++j) {
      const int q = x.q0 + j;
      const double* d_q = D + std::int64_t{q} * n;
      double* k_q = K + std::int64_t{q} * n;
      const double d_pq = d_p[q] * degeneracy;
      double j_pq = 0.0;
      for (int k = 0; k < nr; ++k) {
        const int r = x.r0 + k;
        const double* d_r = D + std::int64_t{r} * n + x.s0;
        double* j_r = J + std::int64_t{r} * n + x.s0;
        const double d_pr = d_p[r] * degeneracy, d_qr = d_q[r] * degeneracy;
        double k_pr = 0.0, k_qr = 0.0;
        for (int l = 0; l < ns; ++l, ++value) {
          const double v = *value;
          j_pq += d_r[l] * v;
          j_r[l] += d_pq * v;
          k_pr += d_q[x.s0 + l] * v;
          k_qr += d_p[x.s0 + l] * v;
          k_q[x.s0 + l] += d_pr * v;
          k_p[x.s0 + l] += d_qr * v;
        }
        K[std::int64_t{r} * n + p] += k_pr * degeneracy;
        K[std::int64_t{r} * n + q] += k_qr * degeneracy;
      }
      J[std::int64_t{q} * n + p] += j_pq * degeneracy;
    }
  }
}

using Kernel = void (*)(const Quartet&, int, const double*, double*, double*);
constexpr int kFixedSize[3] = {0, 1, 3};
int size_code(int size) {
  return size == 1 ? 1 : size == 3 ? 2 : 0;
}
template <std::size_t... I>
constexpr std::array<Kernel, sizeof...(I)> kernel_table(std::index_sequence<I...>) {
  return {&accumulate<kFixedSize[I / 27], kFixedSize[I / 9 % 3], kFixedSize[I / 3 % 3],
                      kFixedSize[I % 3]>...};
}
constexpr std::array<Kernel, 81> kKernels = kernel_table(std::make_index_sequence<81>{});

int team_size(int threads) {
  return threads > 0 ? threads : std::max(1, omp_get_max_threads());
}

// Products of packed symmetric pair matrices with the weighted densities d(rs) = D_rs (2 -
// delta_rs): out[m][d](pq) = sum_rs matrix_m(pq, rs) d(rs), row by row over the packed lower
// triangles: the row's dot product gives element pq, its transpose part adds to the elements
// rs < pq. Contiguous in every array, so it vectorizes; every matrix is read once for all the
// densities.
std::vector<std::vector<Eigen::MatrixXd>> pair_matrix_products(
    int n, const std::vector<const double*>& matrices,
    const std::vector<Eigen::MatrixXd>& densities, int threads) {
  const int n_dens = static_cast<int>(densities.size());
  const int n_mats = static_cast<int>(matrices.size());
  const std::int64_t n_pairs = std::int64_t{n} * (n + 1) / 2;
  std::vector<Eigen::VectorXd> weighted(n_dens, Eigen::VectorXd(n_pairs));
  for (int d = 0; d < n_dens; ++d)
    for (int p = 0; p < n; ++p)
      for (int q = 0; q <= p; ++q)
        weighted[d](EriStore::pair_index(p, q)) = densities[d](p, q) * (p == q ? 1.0 : 2.0);

  // Per-thread accumulators (every matrix times every density), summed in thread order
  // afterwards.
  std::vector<std::vector<Eigen::VectorXd>> part(threads);
#pragma omp parallel num_threads(threads)
  {
    std::vector<Eigen::VectorXd>& acc = part[omp_get_thread_num()];
    acc.assign(n_mats * n_dens, Eigen::VectorXd::Zero(n_pairs));
#pragma omp for schedule(static, 1)
    for (std::int64_t pq = 0; pq < n_pairs; ++pq)
      for (int m = 0; m < n_mats; ++m) {
        const double* row = matrices[m] + EriStore::pair_index(pq, 0);
        for (int d = 0; d < n_dens; ++d) {
          const double* w = weighted[d].data();
          double* out = acc[m * n_dens + d].data();
          const double w_pq = w[pq];
          double sum = row[pq] * w_pq;
#pragma omp simd reduction(+ : sum)
          for (std::int64_t rs = 0; rs < pq; ++rs) {
            sum += row[rs] * w[rs];
            out[rs] += row[rs] * w_pq;
          }
          out[pq] += sum;
        }
      }
  }

  std::vector<std::vector<Eigen::MatrixXd>> out(n_mats, std::vector<Eigen::MatrixXd>(n_dens));
  for (int m = 0; m < n_mats; ++m)
    for (int d = 0; d < n_dens; ++d) {
      Eigen::VectorXd sum = Eigen::VectorXd::Zero(n_pairs);
      for (const std::vector<Eigen::VectorXd>& acc : part)
        if (!acc.empty()) sum += acc[m * n_dens + d];  // empty: the runtime gave a smaller team
      Eigen::MatrixXd& x = out[m][d];
      x.resize(n, n);
      for (int p = 0; p < n; ++p)
        for (int q = 0; q <= p; ++q) x(p, q) = x(q, p) = sum(EriStore::pair_index(p, q));
    }
  return out;
}

}  // namespace

// Loop over the stored unique quartets. Each value v of quartet (PQ|RS) stands for up to eight
// permutations; weighting it by the shell-level degeneracy and symmetrizing at the end
// (J = (J + J^T)/4, K = (K + K^T)/8) counts every permutation exactly once, including the
// repeated elements inside diagonal blocks (P == Q, R == S, PQ == RS).
void build_jk(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
              std::vector<Eigen::MatrixXd>& coulomb, std::vector<Eigen::MatrixXd>& exchange,
              int threads) {
  const int n = eris.n_functions();
  const int n_dens = static_cast<int>(densities.size());
  threads = team_size(threads);
  if (eris.layout() == EriLayout::pair_matrices) {
    // J = closed_shell + exchange / 2 (times the density), K = exchange.
    std::vector<std::vector<Eigen::MatrixXd>> products = pair_matrix_products(
        n, {eris.closed_shell_pairs().data(), eris.exchange_pairs().data()}, densities, threads);
    exchange = std::move(products[1]);
    coulomb = std::move(products[0]);
    for (int d = 0; d < n_dens; ++d) coulomb[d] += 0.5 * exchange[d];
    return;
  }
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
      Quartet x;
      x.p0 = eris.shell_first_function(sp);
      x.np = eris.shell_size(sp);
      x.q0 = eris.shell_first_function(sq);
      x.nq = eris.shell_size(sq);
      const double bra_degeneracy = sp == sq ? 1.0 : 2.0;
      const int bra_code = 27 * size_code(x.np) + 9 * size_code(x.nq);
      for (std::int64_t quartet = eris.quartet_begin(bra); quartet < eris.quartet_begin(bra + 1);
           ++quartet) {
        const int ket = eris.quartet_ket(quartet);
        const int sr = pairs[ket].p, ss = pairs[ket].q;
        x.r0 = eris.shell_first_function(sr);
        x.nr = eris.shell_size(sr);
        x.s0 = eris.shell_first_function(ss);
        x.ns = eris.shell_size(ss);
        x.degeneracy = bra_degeneracy * (sr == ss ? 1.0 : 2.0) * (bra == ket ? 1.0 : 2.0);
        x.values = eris.quartet_values(quartet);
        const Kernel kernel = kKernels[bra_code + 3 * size_code(x.nr) + size_code(x.ns)];
        for (int d = 0; d < n_dens; ++d)
          kernel(x, n, densities[d].data(), jt[d].data(), kt[d].data());
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

void build_j_minus_half_k(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
                          std::vector<Eigen::MatrixXd>& g, int threads) {
  threads = team_size(threads);
  if (eris.layout() == EriLayout::pair_matrices) {
    g = std::move(pair_matrix_products(eris.n_functions(), {eris.closed_shell_pairs().data()},
                                       densities, threads)[0]);
    return;
  }
  std::vector<Eigen::MatrixXd> exchange;
  build_jk(eris, densities, g, exchange, threads);
  for (std::size_t d = 0; d < g.size(); ++d) g[d] -= 0.5 * exchange[d];
}

void build_j(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
             std::vector<Eigen::MatrixXd>& coulomb, int threads) {
  std::vector<Eigen::MatrixXd> exchange;
  build_jk(eris, densities, coulomb, exchange, threads);
}

void build_k(const EriStore& eris, const std::vector<Eigen::MatrixXd>& densities,
             std::vector<Eigen::MatrixXd>& exchange, int threads) {
  threads = team_size(threads);
  if (eris.layout() == EriLayout::pair_matrices) {
    exchange = std::move(pair_matrix_products(eris.n_functions(), {eris.exchange_pairs().data()},
                                              densities, threads)[0]);
    return;
  }
  std::vector<Eigen::MatrixXd> coulomb;
  build_jk(eris, densities, coulomb, exchange, threads);
}

}  // namespace qmol
