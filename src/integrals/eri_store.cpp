#include "qmol/integrals/eri_store.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <libint2.hpp>
#include <limits>
#include <vector>

#include "libint_basis.h"
#include "libint_setup.h"

namespace qmol {
namespace {

inline std::int64_t triangle(std::int64_t i, std::int64_t j) {
  return i * (i + 1) / 2 + j;
}

// A Coulomb engine for this basis at full double precision (primitive screening only drops
// what cannot change a double). Engines are built here, serially, and copied into the threads, as
// libint's hartree-fock++ does: building one touches libint2's process-wide tables.
libint2::Engine coulomb_engine(const libint2::BasisSet& shells) {
  return libint2::Engine(libint2::Operator::coulomb, shells.max_nprim(),
                         static_cast<int>(shells.max_l()), 0,
                         std::numeric_limits<double>::epsilon());
}

// Elements of one packed symmetric matrix over the function pairs of n functions.
std::int64_t packed_pairs_size(std::int64_t n) {
  const std::int64_t pairs = n * (n + 1) / 2;
  return pairs * (pairs + 1) / 2;
}

}  // namespace

EriLayout EriStore::automatic_layout(int n_functions, double memory_limit_bytes) {
  const double bytes = 2.0 * static_cast<double>(packed_pairs_size(n_functions)) * sizeof(double);
  const bool fits = bytes <= static_cast<double>(kPairMatricesBytes) &&
                    (memory_limit_bytes <= 0.0 || bytes <= memory_limit_bytes);
  return fits ? EriLayout::pair_matrices : EriLayout::shell_quartets;
}

double EriStore::estimated_bytes(int n_functions, double memory_limit_bytes) {
  const double pairs_bytes = static_cast<double>(packed_pairs_size(n_functions)) * sizeof(double);
  return automatic_layout(n_functions, memory_limit_bytes) == EriLayout::pair_matrices
             ? 2.0 * pairs_bytes
             : pairs_bytes;
}

EriStore::EriStore(const BasisSet& basis, double threshold, int threads, EriLayout layout)
    : threshold_(threshold) {
  detail::ensure_libint_initialized();
  threads = std::max(1, threads);
  const libint2::BasisSet& shells = detail::libint_shells(basis);
  const int n_shells = static_cast<int>(shells.size());
  for (int s = 0; s < n_shells; ++s) {
    shell_first_.push_back(static_cast<int>(shells.shell2bf()[s]));
    shell_size_.push_back(static_cast<int>(shells[s].size()));
    shell_of_function_.insert(shell_of_function_.end(), shell_size_[s], s);
  }

  // Schwarz factors sqrt(max (pq|pq)) for every shell pair.
  const std::int64_t n_shell_pairs = triangle(n_shells, 0);
  std::vector<double> schwarz(n_shell_pairs, 0.0);
  // No primitive screening here: a (pq|pq) below machine epsilon still bounds (pq|rs) by its
  // square root, ~1e-8 — far from negligible.
  libint2::Engine schwarz_engine = coulomb_engine(shells);
  schwarz_engine.set_precision(0.0);
  std::vector<libint2::Engine> schwarz_engines(threads, schwarz_engine);
#pragma omp parallel num_threads(threads)
  {
    libint2::Engine& engine = schwarz_engines[omp_get_thread_num()];
    const auto& result = engine.results();
#pragma omp for schedule(static, 1)
    for (int p = 0; p < n_shells; ++p)
      for (int q = 0; q <= p; ++q) {
        engine.compute2<libint2::Operator::coulomb, libint2::BraKet::xx_xx, 0>(
            shells[p], shells[q], shells[p], shells[q]);
        if (result[0] == nullptr) continue;
        const int np = shell_size_[p], nq = shell_size_[q];
        double largest = 0.0;
        for (int i = 0; i < np; ++i)
          for (int j = 0; j < nq; ++j) {
            const int ij = i * nq + j;
            largest = std::max(largest, std::abs(result[0][ij * np * nq + ij]));
          }
        schwarz[triangle(p, q)] = std::sqrt(largest);
      }
  }
  const double largest_factor = *std::max_element(schwarz.begin(), schwarz.end());

  // Significant pairs: those that can meet some partner above the threshold.
  pair_of_shells_.assign(n_shell_pairs, -1);
  std::vector<double> pair_factor;
  for (int p = 0; p < n_shells; ++p)
    for (int q = 0; q <= p; ++q)
      if (schwarz[triangle(p, q)] * largest_factor >= threshold) {
        pair_of_shells_[triangle(p, q)] = static_cast<int>(pairs_.size());
        pairs_.push_back({p, q});
        pair_factor.push_back(schwarz[triangle(p, q)]);
      }

  // Layout: quartets row by row (bra pair), kets ascending; offsets fixed before any thread runs.
  const int n_pairs = static_cast<int>(pairs_.size());
  row_begin_.reserve(n_pairs + 1);
  std::int64_t n_values = 0;
  for (int bra = 0; bra < n_pairs; ++bra) {
    row_begin_.push_back(static_cast<std::int64_t>(ket_pair_.size()));
    const int bra_size = shell_size_[pairs_[bra].p] * shell_size_[pairs_[bra].q];
    for (int ket = 0; ket <= bra; ++ket) {
      if (pair_factor[bra] * pair_factor[ket] < threshold) continue;
      ket_pair_.push_back(ket);
      value_offset_.push_back(n_values);
      n_values += std::int64_t{bra_size} * shell_size_[pairs_[ket].p] * shell_size_[pairs_[ket].q];
    }
  }
  row_begin_.push_back(static_cast<std::int64_t>(ket_pair_.size()));
  layout_ = layout == EriLayout::automatic ? automatic_layout(n_functions()) : layout;
  if (layout_ == EriLayout::pair_matrices)
    closed_shell_pairs_.assign(packed_pairs_size(n_functions()), 0.0);  // (pq|rs) until filled
  else
    values_.resize(n_values);

  // Pair data (primitive pairs, screened) computed once, shared read-only by all threads.
  const double ln_precision = std::log(std::numeric_limits<double>::epsilon());
  std::vector<libint2::ShellPair> pair_data(n_pairs);
#pragma omp parallel for num_threads(threads) schedule(static, 1)
  for (int k = 0; k < n_pairs; ++k)
    pair_data[k] = libint2::ShellPair(shells[pairs_[k].p], shells[pairs_[k].q], ln_precision);

  std::vector<libint2::Engine> engines(threads, coulomb_engine(shells));
#pragma omp parallel num_threads(threads)
  {
    libint2::Engine& engine = engines[omp_get_thread_num()];
    const auto& result = engine.results();
#pragma omp for schedule(dynamic, 4)
    for (int bra = 0; bra < n_pairs; ++bra) {
      const ShellPair& b = pairs_[bra];
      for (std::int64_t quartet = row_begin_[bra]; quartet < row_begin_[bra + 1]; ++quartet) {
        const int ket = ket_pair_[quartet];
        const ShellPair& k = pairs_[ket];
        engine.compute2<libint2::Operator::coulomb, libint2::BraKet::xx_xx, 0>(
            shells[b.p], shells[b.q], shells[k.p], shells[k.q], &pair_data[bra], &pair_data[ket]);
        if (result[0] == nullptr) continue;  // all primitives screened out: stays zero
        const int np = shell_size_[b.p], nq = shell_size_[b.q];
        const int nr = shell_size_[k.p], ns = shell_size_[k.q];
        if (layout_ == EriLayout::shell_quartets) {
          std::copy(result[0], result[0] + std::int64_t{np} * nq * nr * ns,
                    values_.begin() + value_offset_[quartet]);
          continue;
        }
        // No two stored quartets share a pair-matrix element, so the threads write disjoint
        // entries (inside a diagonal block both orders carry the same value).
        const double* value = result[0];
        for (int i = 0; i < np; ++i)
          for (int j = 0; j < nq; ++j) {
            const std::int64_t pq = pair_index(shell_first_[b.p] + i, shell_first_[b.q] + j);
            for (int kk = 0; kk < nr; ++kk)
              for (int l = 0; l < ns; ++l, ++value)
                closed_shell_pairs_[pair_index(
                    pq, pair_index(shell_first_[k.p] + kk, shell_first_[k.q] + l))] = *value;
          }
      }
    }
  }
  if (layout_ == EriLayout::pair_matrices) {
    fill_exchange_pairs(threads);
    // The quartet index served the computation only: the pair layout is addressed directly.
    row_begin_ = {};
    ket_pair_ = {};
    value_offset_ = {};
  }
}

void EriStore::fill_exchange_pairs(int threads) {
  const int n = n_functions();
  exchange_pairs_.assign(closed_shell_pairs_.size(), 0.0);
  const auto coulomb = [&](int p, int q, int r, int s) {
    return closed_shell_pairs_[pair_index(pair_index(p, q), pair_index(r, s))];
  };
  // Row ab of the packed triangle: columns cd <= ab, i.e. c < a (any d <= c) and c = a, d <= b.
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (int a = 0; a < n; ++a)
    for (int b = 0; b <= a; ++b) {
      double* row = exchange_pairs_.data() + pair_index(pair_index(a, b), 0);
      for (int c = 0; c <= a; ++c)
        for (int d = 0; d <= (c == a ? b : c); ++d)
          row[pair_index(c, d)] = 0.5 * (coulomb(a, c, b, d) + coulomb(a, d, b, c));
    }
  const std::int64_t size = static_cast<std::int64_t>(closed_shell_pairs_.size());
#pragma omp parallel for num_threads(threads) schedule(static)
  for (std::int64_t i = 0; i < size; ++i) closed_shell_pairs_[i] -= 0.5 * exchange_pairs_[i];
}

double EriStore::coulomb_pair(std::int64_t pq, std::int64_t rs) const {
  const std::int64_t i = pair_index(pq, rs);
  return closed_shell_pairs_[i] + 0.5 * exchange_pairs_[i];
}

std::int64_t EriStore::find_quartet(int bra, int ket) const {
  const auto first = ket_pair_.begin() + row_begin_[bra];
  const auto last = ket_pair_.begin() + row_begin_[bra + 1];
  const auto it = std::lower_bound(first, last, ket);
  return it == last || *it != ket ? -1 : it - ket_pair_.begin();
}

double EriStore::operator()(int p, int q, int r, int s) const {
  if (layout_ == EriLayout::pair_matrices) return coulomb_pair(pair_index(p, q), pair_index(r, s));
  int sp = shell_of_function_[p], sq = shell_of_function_[q];
  int sr = shell_of_function_[r], ss = shell_of_function_[s];
  // Bring the quartet to canonical order: P >= Q, R >= S, PQ >= RS (as pairs).
  if (sp < sq) std::swap(sp, sq), std::swap(p, q);
  if (sr < ss) std::swap(sr, ss), std::swap(r, s);
  const int bra = pair_of_shells_[triangle(sp, sq)];
  const int ket = pair_of_shells_[triangle(sr, ss)];
  if (bra < 0 || ket < 0) return 0.0;
  int lo = ket, hi = bra;
  if (lo > hi) {
    std::swap(lo, hi);
    std::swap(sp, sr), std::swap(sq, ss), std::swap(p, r), std::swap(q, s);
  }
  const std::int64_t quartet = find_quartet(hi, lo);
  if (quartet < 0) return 0.0;  // screened quartet
  const int i = p - shell_first_[sp], j = q - shell_first_[sq];
  const int k = r - shell_first_[sr], l = s - shell_first_[ss];
  const std::int64_t index =
      ((std::int64_t{i} * shell_size_[sq] + j) * shell_size_[sr] + k) * shell_size_[ss] + l;
  return values_[value_offset_[quartet] + index];
}

void EriStore::pair_block(int r, int s, Eigen::MatrixXd& block) const {
  const int n = n_functions();
  block.setZero(n, n);
  if (layout_ == EriLayout::pair_matrices) {
    const std::int64_t rs = pair_index(r, s);
    for (int p = 0; p < n; ++p)
      for (int q = 0; q <= p; ++q) block(p, q) = block(q, p) = coulomb_pair(pair_index(p, q), rs);
    return;
  }
  // One lookup per shell pair PQ, then the (p, q) slice of the quartet's block.
  int sr = shell_of_function_[r], ss = shell_of_function_[s];
  if (sr < ss) std::swap(sr, ss), std::swap(r, s);
  const int ket = pair_of_shells_[triangle(sr, ss)];
  if (ket < 0) return;
  const int k = r - shell_first_[sr], l = s - shell_first_[ss];
  const int nr = shell_size_[sr], ns = shell_size_[ss];
  for (int bra = 0; bra < static_cast<int>(pairs_.size()); ++bra) {
    const int sp = pairs_[bra].p, sq = pairs_[bra].q;
    const int np = shell_size_[sp], nq = shell_size_[sq];
    const int p0 = shell_first_[sp], q0 = shell_first_[sq];
    const bool bra_first = bra >= ket;
    const std::int64_t quartet = bra_first ? find_quartet(bra, ket) : find_quartet(ket, bra);
    if (quartet < 0) continue;
    const double* v = values_.data() + value_offset_[quartet];
    for (int i = 0; i < np; ++i)
      for (int j = 0; j < nq; ++j) {
        // Row-major over the stored quartet's (bra functions, ket functions).
        const std::int64_t index = bra_first ? ((std::int64_t{i} * nq + j) * nr + k) * ns + l
                                             : ((std::int64_t{k} * ns + l) * np + i) * nq + j;
        block(p0 + i, q0 + j) = block(q0 + j, p0 + i) = v[index];
      }
  }
}

}  // namespace qmol
