#include "qmol/sim/determinant_hamiltonian.h"

#include <fmt/format.h>
#include <omp.h>

#include <Eigen/Core>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>

#include "qmol/core/bits.h"
#include "qmol/core/combinatorics.h"
#include "qmol/core/errors.h"

namespace qmol {

namespace {

// The sigma kernels work on tiles of kLanes alpha strings (or, for the alpha-alpha part, beta
// strings) at once: a tile stores, for every string of the other spin, kLanes amplitudes side by
// side, so each sparse matrix element becomes one fused multiply-add of kLanes doubles — one
// AVX-512 register — and a tile of the largest spaces (12,870 strings) stays in L2.
constexpr std::size_t kLanes = 8;
// GCC/Clang vector extension: one register where the target has 512-bit vectors, two or four
// otherwise. Tiles are vectors of Lanes, so every tile row is one aligned cache line.
typedef double Lanes __attribute__((vector_size(kLanes * sizeof(double))));

// One single replacement E_pq |I> = sign |J> of a string (p == q included: J = I, sign +1).
// `pair` is the packed index of the unordered pair {p, q}; (pq|rs) is symmetric in p <-> q.
struct Replacement {
  std::uint32_t target;
  std::uint16_t pair;
  std::int16_t sign;
};

int packed_pair(int p, int q) {
  return p >= q ? p * (p + 1) / 2 + q : q * (q + 1) / 2 + p;
}

// Everything about the strings of one spin: replacement lists and the same-spin string
// Hamiltonian  sum_pq k_pq E_pq + 1/2 sum_pqrs (pq|rs) E_pq E_rs  as a sparse matrix (CSR).
struct SpinTables {
  std::vector<std::uint64_t> strings;
  std::vector<std::size_t> single_offsets;  // singles of string I: [offsets[I], offsets[I+1])
  std::vector<Replacement> singles;
  std::vector<std::size_t> row_offsets;
  std::vector<std::uint32_t> columns;
  std::vector<double> values;
  std::vector<double> diagonal;  // <I|H_same_spin|I>
  std::size_t singles_per_string = 0;
  // The singles again as the alpha-beta kernel reads them: offsets into its tile (target) and
  // weight table (pair and sign), in the same order.
  struct TileOffsets {
    std::uint32_t tile, weight;
  };
  std::vector<TileOffsets> tile_offsets;
};

}  // namespace

// Per-thread tiles, and the input in the alpha-then-beta convention (apply() only).
struct DeterminantHamiltonian::Scratch {
  struct Workspace {
    std::vector<Lanes> tile, result, weights;  // see apply_converted()
  };
  std::vector<double> converted;
  std::vector<Workspace> threads;
};

struct DeterminantHamiltonian::Tables {
  int n_orbitals = 0;
  int n_pairs = 0;
  double core_energy = 0.0;
  Eigen::MatrixXd pair_integrals;  // (pq|rs) over packed pairs, n_pairs x n_pairs
  SpinTables alpha_storage, beta_storage;
  const SpinTables* alpha = nullptr;
  const SpinTables* beta = nullptr;
  bool same_strings = false;  // n_alpha == n_beta: one table serves both spins
  // Interleaved-order sign of determinant (a, b) = parity(popcount(b & alpha_parity_mask[a])):
  // bit p of the mask is set when an odd number of alpha orbitals above p are occupied.
  std::vector<std::uint64_t> alpha_parity_mask;
  std::vector<double> coulomb_diag;  // (pp|qq), n x n
  mutable std::once_flag diagonal_once;
  mutable std::vector<double> diagonal;

  // Reused across apply() calls; a concurrent second caller allocates its own.
  mutable std::mutex workspace_mutex;
  mutable Scratch scratch;
};

namespace {

void build_spin_tables(SpinTables& t, const std::vector<std::uint64_t>& strings, int n,
                       const DeterminantSpace& space, const Eigen::MatrixXd& k,
                       const Eigen::MatrixXd& pair_integrals) {
  t.strings = strings;
  const std::size_t n_strings = strings.size();
  if (n_strings >= std::numeric_limits<std::uint32_t>::max())
    throw InputError(fmt::format("{} strings exceed the 32-bit index range", n_strings));
  // Single replacement lists.
  t.single_offsets.assign(n_strings + 1, 0);
  const int n_occupied = n_strings ? std::popcount(strings[0]) : 0;
  t.singles_per_string = static_cast<std::size_t>(n_occupied) * (n - n_occupied + 1);
  t.singles.resize(n_strings * t.singles_per_string);
  for (std::size_t i = 0; i < n_strings; ++i) {
    const std::uint64_t s = strings[i];
    std::size_t pos = i * t.singles_per_string;
    t.single_offsets[i] = pos;
    for (int q = 0; q < n; ++q) {
      if (!((s >> q) & 1)) continue;
      for (int p = 0; p < n; ++p) {
        if (p != q && ((s >> p) & 1)) continue;
        const std::uint64_t removed = s & ~bit(q);
        const std::uint64_t target = removed | bit(p);
        // a_p^dagger a_q: the sign counts occupied orbitals strictly between p and q.
        t.singles[pos++] = {
            static_cast<std::uint32_t>(space.alpha_index(target)),
            static_cast<std::uint16_t>(packed_pair(p, q)),
            static_cast<std::int16_t>(parity(removed & bits_between(p, q)) ? -1 : 1)};
      }
    }
  }
  t.single_offsets[n_strings] = t.singles.size();
  t.tile_offsets.resize(t.singles.size());
  for (std::size_t m = 0; m < t.singles.size(); ++m)
    t.tile_offsets[m] = {
        static_cast<std::uint32_t>(t.singles[m].target * kLanes),
        static_cast<std::uint32_t>((2 * t.singles[m].pair + (t.singles[m].sign < 0)) * kLanes)};

  // Same-spin Hamiltonian rows by the one-string F-vector of Knowles and Handy:
  // F(J) = sum_K <J|E_ij|K> [ k_kl <K|E_kl|I> ... ] built through the intermediate strings K.
  Eigen::VectorXd k_pair = Eigen::VectorXd::Zero(pair_integrals.rows());
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q) k_pair[packed_pair(p, q)] = k(p, q);
  t.row_offsets.assign(n_strings + 1, 0);
  t.diagonal.assign(n_strings, 0.0);
  std::vector<std::vector<std::uint32_t>> columns(n_strings);
  std::vector<std::vector<double>> values(n_strings);
#pragma omp parallel if (n_strings > 64)
  {
    std::vector<double> f(n_strings, 0.0);
    std::vector<char> touched(n_strings, 0);
    std::vector<std::uint32_t> list;
#pragma omp for schedule(dynamic, 16)
    for (std::size_t i = 0; i < n_strings; ++i) {
      list.clear();
      auto add = [&](std::uint32_t j, double v) {
        if (!touched[j]) {
          touched[j] = 1;
          list.push_back(j);
        }
        f[j] += v;
      };
      for (std::size_t a = t.single_offsets[i]; a < t.single_offsets[i + 1]; ++a) {
        const Replacement& first = t.singles[a];
        add(first.target, first.sign * k_pair[first.pair]);
        const std::size_t kk = first.target;
        for (std::size_t b = t.single_offsets[kk]; b < t.single_offsets[kk + 1]; ++b) {
          const Replacement& second = t.singles[b];
          add(second.target,
              0.5 * first.sign * second.sign * pair_integrals(second.pair, first.pair));
        }
      }
      std::sort(list.begin(), list.end());
      columns[i] = list;
      values[i].resize(list.size());
      for (std::size_t m = 0; m < list.size(); ++m) {
        values[i][m] = f[list[m]];
        if (list[m] == i) t.diagonal[i] = f[list[m]];
        f[list[m]] = 0.0;
        touched[list[m]] = 0;
      }
    }
  }
  for (std::size_t i = 0; i < n_strings; ++i)
    t.row_offsets[i + 1] = t.row_offsets[i] + columns[i].size();
  t.columns.resize(t.row_offsets[n_strings]);
  t.values.resize(t.row_offsets[n_strings]);
  for (std::size_t i = 0; i < n_strings; ++i) {
    std::copy(columns[i].begin(), columns[i].end(), t.columns.begin() + t.row_offsets[i]);
    std::copy(values[i].begin(), values[i].end(), t.values.begin() + t.row_offsets[i]);
    std::vector<std::uint32_t>().swap(columns[i]);
    std::vector<double>().swap(values[i]);
  }
}

// +1 if the n x n CI matrix c (alpha-then-beta phases) equals its transpose, -1 if it equals
// minus its transpose, 0 otherwise, to a relative 1e-13: the exchange of alpha and beta strings
// commutes with H, so every Ms = 0 eigenvector is one or the other.
int exchange_symmetry(const double* c, std::size_t n, int n_threads) {
  double largest = 0.0, symmetric = 0.0, antisymmetric = 0.0;
#pragma omp parallel for schedule(dynamic, 16) num_threads(n_threads) \
    reduction(max                                                     \
              : largest, symmetric, antisymmetric)
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      const double a = c[i * n + j], b = c[j * n + i];
      largest = std::max({largest, std::abs(a), std::abs(b)});
      symmetric = std::max(symmetric, std::abs(a - b));
      antisymmetric = std::max(antisymmetric, std::abs(a + b));
    }
  const double tolerance = 1e-13 * largest;
  if (symmetric <= tolerance) return 1;
  if (antisymmetric <= tolerance) return -1;
  return 0;
}

// Completes an exchange-symmetric sigma in place: below the diagonal s holds beta-beta plus
// alpha-beta, above it beta-beta alone, whose exchange image is the alpha-alpha part below; so
// sigma(i, j) = s(i, j) + sign s(j, i) and sigma(j, i) = sign sigma(i, j) for j < i. The
// diagonal is already complete. Tile by tile: each unordered pair of tiles belongs to one row of
// tiles, so the threads never touch the same element.
void add_exchanged(double* s, std::size_t n, int sign, int n_threads) {
  constexpr std::size_t kTile = 64;
  const std::size_t n_tiles = (n + kTile - 1) / kTile;
#pragma omp parallel for schedule(dynamic, 1) num_threads(n_threads)
  for (std::size_t ti = 0; ti < n_tiles; ++ti)
    for (std::size_t tj = 0; tj <= ti; ++tj)
      for (std::size_t i = ti * kTile; i < std::min(n, (ti + 1) * kTile); ++i)
        for (std::size_t j = tj * kTile; j < std::min(ti == tj ? i : n, (tj + 1) * kTile); ++j) {
          const double lower = s[i * n + j] + sign * s[j * n + i];
          s[i * n + j] = lower;
          s[j * n + i] = sign * lower;
        }
}

}  // namespace

DeterminantHamiltonian::DeterminantHamiltonian(const MolecularHamiltonian& hamiltonian,
                                               const DeterminantSpace& space)
    : hamiltonian_(hamiltonian), space_(space), tables_(std::make_unique<Tables>()) {
  const int n = space.n_orbitals();
  if (hamiltonian.n_orbitals() != n)
    throw InputError(fmt::format("the Hamiltonian has {} orbitals, the determinant space {}",
                                 hamiltonian.n_orbitals(), n));
  Tables& t = *tables_;
  t.n_orbitals = n;
  t.n_pairs = n * (n + 1) / 2;
  t.core_energy = hamiltonian.core_energy();
  t.pair_integrals.resize(t.n_pairs, t.n_pairs);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q)
      for (int r = 0; r < n; ++r)
        for (int s = 0; s <= r; ++s)
          t.pair_integrals(packed_pair(p, q), packed_pair(r, s)) = hamiltonian.two_body(p, q, r, s);
  // k_pq = h_pq - 1/2 sum_r (pr|rq) absorbs the reordering term of E_pq E_rs.
  Eigen::MatrixXd k = hamiltonian.one_body();
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q)
      for (int r = 0; r < n; ++r) k(p, q) -= 0.5 * hamiltonian.two_body(p, r, r, q);
  t.coulomb_diag.resize(static_cast<std::size_t>(n) * n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) t.coulomb_diag[p * n + q] = hamiltonian.two_body(p, p, q, q);

  std::vector<std::uint64_t> alpha(space.n_alpha_strings()), beta(space.n_beta_strings());
  for (std::size_t i = 0; i < alpha.size(); ++i) alpha[i] = space.alpha_string(i);
  for (std::size_t i = 0; i < beta.size(); ++i) beta[i] = space.beta_string(i);
  build_spin_tables(t.alpha_storage, alpha, n, space, k, t.pair_integrals);
  t.alpha = &t.alpha_storage;
  if (space.n_beta() == space.n_alpha()) {
    t.beta = &t.alpha_storage;
    t.same_strings = true;
  } else {
    build_spin_tables(t.beta_storage, beta, n, space, k, t.pair_integrals);
    t.beta = &t.beta_storage;
  }
  t.alpha_parity_mask.resize(alpha.size());
  for (std::size_t i = 0; i < alpha.size(); ++i)
    t.alpha_parity_mask[i] = DeterminantSpace::reorder_mask(alpha[i]);
}

DeterminantHamiltonian::~DeterminantHamiltonian() = default;

double DeterminantHamiltonian::memory_estimate(int n_orbitals, int n_alpha, int n_beta,
                                               bool in_place_only) {
  const int n = n_orbitals;
  const double pairs = n * (n + 1.0) / 2.0;
  // One spin: replacements twice (lists and kernel offsets), the same-spin rows twice (the
  // build's temporaries), the strings and their parity masks.
  auto spin_tables = [&](int k) {
    const double row_entries = 1.0 + k * (n - k) + binomial(k, 2) * binomial(n - k, 2);
    return binomial(n, k) * (16.0 * k * (n - k + 1.0) + 2.0 * 12.0 * row_entries + 24.0);
  };
  const double tables = spin_tables(n_alpha) + (n_beta != n_alpha ? spin_tables(n_beta) : 0.0);
  const double dimension = DeterminantSpace::count(n, n_alpha, n_beta);
  const double strings = std::max(binomial(n, n_alpha), binomial(n, n_beta));
  const double workspace = omp_get_max_threads() * 64.0 * (2.0 * strings + 2.0 * pairs);
  const double vectors = in_place_only ? 1.0 : 2.0;  // the diagonal, and the converted input
  return tables + workspace + 8.0 * dimension * vectors + 8.0 * pairs * pairs;
}

const std::vector<double>& DeterminantHamiltonian::diagonal() const {
  const Tables& t = *tables_;
  std::call_once(t.diagonal_once, [&] {
    const std::size_t na = t.alpha->strings.size(), nb = t.beta->strings.size();
    const int n = t.n_orbitals;
    t.diagonal.resize(na * nb);
#pragma omp parallel if (na * nb > 4096)
    {
      std::vector<double> coulomb(n);
#pragma omp for schedule(static)
      for (std::size_t ia = 0; ia < na; ++ia) {
        // Alpha-beta Coulomb: sum over occupied alpha p of (pp|qq), for every q.
        std::fill(coulomb.begin(), coulomb.end(), 0.0);
        for (const int p : set_bits(t.alpha->strings[ia]))
          for (int q = 0; q < n; ++q) coulomb[q] += t.coulomb_diag[p * n + q];
        const double base = t.core_energy + t.alpha->diagonal[ia];
        for (std::size_t ib = 0; ib < nb; ++ib) {
          double e = base + t.beta->diagonal[ib];
          for (const int p : set_bits(t.beta->strings[ib])) e += coulomb[p];
          t.diagonal[ia * nb + ib] = e;
        }
      }
    }
  });
  return t.diagonal;
}

std::vector<double> DeterminantHamiltonian::spin_averaged_diagonal() const {
  std::vector<double> averaged = diagonal();
  const Tables& t = *tables_;
  const std::size_t na = t.alpha->strings.size(), nb = t.beta->strings.size();
  const int n = t.n_orbitals;
  std::vector<double> exchange(static_cast<std::size_t>(n) * n);  // K_pq = (pq|qp)
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) exchange[p * n + q] = hamiltonian_.two_body(p, q, q, p);
      // Among the determinants of a configuration with s_a alpha and s_b beta singly occupied
      // orbitals, two given singly occupied orbitals carry the same spin with probability
      // P = (s_a (s_a - 1) + s_b (s_b - 1)) / (s (s - 1)), and each same-spin pair adds -K_pq to
      // the diagonal; every other term is equal across the configuration.
#pragma omp parallel for schedule(static) if (na * nb > 4096)
  for (std::size_t ia = 0; ia < na; ++ia)
    for (std::size_t ib = 0; ib < nb; ++ib) {
      const std::uint64_t a = t.alpha->strings[ia], b = t.beta->strings[ib];
      const std::uint64_t only_alpha = a & ~b, only_beta = b & ~a, single = only_alpha | only_beta;
      const int sa = std::popcount(only_alpha), sb = std::popcount(only_beta), s = sa + sb;
      if (s < 2) continue;
      const double same = (sa * (sa - 1.0) + sb * (sb - 1.0)) / (s * (s - 1.0));
      double shift = 0.0;
      for (const int p : set_bits(single))
        for (const int q : set_bits(single & low_bits(p))) {
          const bool same_spin = test_bit(only_alpha, p) == test_bit(only_alpha, q);
          shift += exchange[p * n + q] * ((same_spin ? 1.0 : 0.0) - same);
        }
      averaged[ia * nb + ib] += shift;
    }
  return averaged;
}

namespace {

inline Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, Lanes v) {
  std::memcpy(p, &v, sizeof v);
}

// tile(j, l) = sign[l] * rows[l][j] for j < n: a transpose in 8 x 8 blocks, so every cache line
// of the tile is written at once.
void gather_rows_into_tile(const double* const rows[kLanes], const double sign[kLanes],
                           std::size_t n, double* tile) {
  std::size_t j0 = 0;
  for (; j0 + kLanes <= n; j0 += kLanes) {
    double block[kLanes][kLanes];
    for (std::size_t l = 0; l < kLanes; ++l)
      for (std::size_t j = 0; j < kLanes; ++j) block[j][l] = sign[l] * rows[l][j0 + j];
    std::memcpy(tile + j0 * kLanes, block, sizeof block);
  }
  for (; j0 < n; ++j0)
    for (std::size_t l = 0; l < kLanes; ++l) tile[j0 * kLanes + l] = sign[l] * rows[l][j0];
}

// out(I, :) += sum over the sparse row I of `rows` of value * input(J, :), for every row I.
void sparse_rows_times_tile(const SpinTables& rows, const double* input, double* out,
                            std::size_t n_rows) {
  const std::uint32_t* columns = rows.columns.data();
  const double* values = rows.values.data();
  for (std::size_t i = 0; i < n_rows; ++i) {
    Lanes acc0 = {}, acc1 = {}, acc2 = {}, acc3 = {};  // four chains hide the latency
    std::size_t m = rows.row_offsets[i];
    const std::size_t end = rows.row_offsets[i + 1];
    auto term = [&](std::size_t k) { return values[k] * load(input + columns[k] * kLanes); };
    for (; m + 3 < end; m += 4) {
      acc0 += term(m);
      acc1 += term(m + 1);
      acc2 += term(m + 2);
      acc3 += term(m + 3);
    }
    for (; m < end; ++m) acc0 += term(m);
    store(out + i * kLanes, load(out + i * kLanes) + (acc0 + acc2) + (acc1 + acc3));
  }
}

}  // namespace

// Tiled direct CI (Olsen's vectorized sigma, with lanes over strings):
//  - beta-beta and alpha-beta parts for a tile of kLanes alpha strings: the alpha-beta part
//    loops over the tile's single replacements slot by slot (slot s = the s-th replacement of
//    every lane's string), gathers the replaced rows into a tile, and adds, for every beta
//    string, sum over its replacements of sign (pq|rs) tile(target) — the integral per lane;
//  - alpha-alpha part for a tile of kLanes beta strings (columns), the same with the roles of
//    the spins exchanged;
//  - for Ms = 0 vectors symmetric or antisymmetric under the exchange of alpha and beta strings
//    (C(I, J) = +-C(J, I): every eigenvector, since the exchange commutes with H), the
//    alpha-beta part only on the lower triangle (J <= I) and no alpha-alpha part: the
//    exchange gives sigma(J, I) = +-sigma(I, J) and the alpha-alpha part from the beta-beta one.
namespace {

int sigma_threads(std::size_t dimension, std::size_t singles_per_string) {
  return dimension * (singles_per_string + 1) > 20000 ? omp_get_max_threads() : 1;
}

}  // namespace

void DeterminantHamiltonian::convert_phases(const double* v, double* out, int n_threads) const {
  const Tables& t = *tables_;
  const std::size_t na = t.alpha->strings.size(), nb = t.beta->strings.size();
  const std::uint64_t* beta_strings = t.beta->strings.data();
  const std::uint64_t* masks = t.alpha_parity_mask.data();
#pragma omp parallel for schedule(static) num_threads(n_threads)
  for (std::size_t ia = 0; ia < na; ++ia) {
    const std::uint64_t mask = masks[ia];
    for (std::size_t ib = 0; ib < nb; ++ib)
      out[ia * nb + ib] = parity_sign(beta_strings[ib] & mask) * v[ia * nb + ib];
  }
}

// Interleaved -> alpha-then-beta phases, once per call, so the kernels are pure FMAs.
void DeterminantHamiltonian::apply(const double* in, double* out) const {
  const Tables& t = *tables_;
  const std::size_t dim = t.alpha->strings.size() * t.beta->strings.size();
  const int n_threads = sigma_threads(dim, t.alpha->singles_per_string);
  std::unique_lock<std::mutex> lock(t.workspace_mutex, std::try_to_lock);
  Scratch local;
  Scratch& scratch = lock.owns_lock() ? t.scratch : local;
  scratch.converted.resize(dim);
  convert_phases(in, scratch.converted.data(), n_threads);
  apply_converted(scratch.converted.data(), out, n_threads, scratch);
}

void DeterminantHamiltonian::apply_in_place(double* in, double* out) const {
  const Tables& t = *tables_;
  const std::size_t dim = t.alpha->strings.size() * t.beta->strings.size();
  const int n_threads = sigma_threads(dim, t.alpha->singles_per_string);
  std::unique_lock<std::mutex> lock(t.workspace_mutex, std::try_to_lock);
  Scratch local;
  convert_phases(in, in, n_threads);
  apply_converted(in, out, n_threads, lock.owns_lock() ? t.scratch : local);
  convert_phases(in, in, n_threads);
}

void DeterminantHamiltonian::apply_converted(const double* converted, double* out, int n_threads,
                                             Scratch& scratch) const {
  const Tables& t = *tables_;
  const SpinTables& A = *t.alpha;
  const SpinTables& B = *t.beta;
  const std::size_t na = A.strings.size(), nb = B.strings.size();
  const std::size_t sa = A.singles_per_string;
  const std::size_t n_pairs = static_cast<std::size_t>(t.n_pairs);
  const std::uint64_t* beta_strings = B.strings.data();
  const std::uint64_t* masks = t.alpha_parity_mask.data();

  if (scratch.threads.size() < static_cast<std::size_t>(n_threads))
    scratch.threads.resize(n_threads);

  const int exchange_sign = t.same_strings ? exchange_symmetry(converted, na, n_threads) : 0;
  const bool symmetric = exchange_sign != 0;
  // below_diagonal[d] selects the lanes l > d: the entries of column a0 + d below the diagonal.
  Lanes below_diagonal[kLanes];
  for (std::size_t d = 0; d < kLanes; ++d)
    for (std::size_t l = 0; l < kLanes; ++l) below_diagonal[d][l] = l > d ? 1.0 : 0.0;

  const std::size_t n_tiles = (na + kLanes - 1) / kLanes;
#pragma omp parallel num_threads(n_threads)
  {
    Scratch::Workspace& w = scratch.threads[omp_get_thread_num()];
    w.tile.resize(std::max(na, nb));
    w.result.resize(std::max(na, nb));
    w.weights.resize(2 * n_pairs);
    double* tile = reinterpret_cast<double*>(w.tile.data());
    double* result = reinterpret_cast<double*>(w.result.data());
    double* weights = reinterpret_cast<double*>(w.weights.data());

#pragma omp for schedule(dynamic, 1)
    for (std::size_t block = 0; block < n_tiles; ++block) {
      const std::size_t a0 = block * kLanes, lanes = std::min(kLanes, na - a0);
      // Beta-beta: tile = the block's rows, transposed (missing lanes: row a0 times zero).
      const double* rows[kLanes];
      double signs[kLanes];
      for (std::size_t l = 0; l < kLanes; ++l) {
        rows[l] = converted + (a0 + (l < lanes ? l : 0)) * nb;
        signs[l] = l < lanes ? 1.0 : 0.0;
      }
      gather_rows_into_tile(rows, signs, nb, tile);
      std::fill(result, result + nb * kLanes, 0.0);
      sparse_rows_times_tile(B, tile, result, nb);

      // Alpha-beta, slot by slot; with the exchange symmetry only for beta strings up to the
      // block's diagonal, the diagonal itself kept apart.
      const std::size_t ib_end = symmetric ? a0 + lanes : nb;
      Lanes diagonal_terms = {};
      for (std::size_t slot = 0; slot < sa; ++slot) {
        for (std::size_t l = 0; l < lanes; ++l) {
          const Replacement& r = A.singles[A.single_offsets[a0 + l] + slot];
          rows[l] = converted + static_cast<std::size_t>(r.target) * nb;
          signs[l] = r.sign;
          // weights[2 f + negative][l] = +-(f|e): the beta replacement's sign folded in.
          for (std::size_t f = 0; f < n_pairs; ++f) {
            const double v = t.pair_integrals(f, r.pair);
            weights[(2 * f) * kLanes + l] = v;
            weights[(2 * f + 1) * kLanes + l] = -v;
          }
        }
        gather_rows_into_tile(rows, signs, nb, tile);
        for (std::size_t ib = 0; ib < ib_end; ++ib) {
          Lanes acc0 = {}, acc1 = {}, acc2 = {}, acc3 = {};  // four chains hide the latency
          const auto* f = B.tile_offsets.data() + B.single_offsets[ib];
          const auto* f_end = B.tile_offsets.data() + B.single_offsets[ib + 1];
          auto term = [&](const SpinTables::TileOffsets& r) {
            return load(weights + r.weight) * load(tile + r.tile);
          };
          for (; f + 3 < f_end; f += 4) {
            acc0 += term(f[0]);
            acc1 += term(f[1]);
            acc2 += term(f[2]);
            acc3 += term(f[3]);
          }
          for (; f < f_end; ++f) acc0 += term(*f);
          const Lanes sum = (acc0 + acc2) + (acc1 + acc3);
          double* o = result + ib * kLanes;
          if (!symmetric || ib < a0) {
            store(o, load(o) + sum);
          } else {
            const std::size_t d = ib - a0;
            store(o, load(o) + sum * below_diagonal[d]);
            diagonal_terms[d] += sum[d];
          }
        }
      }
      for (std::size_t l = 0; l < lanes; ++l) {
        double* row = out + (a0 + l) * nb;
        for (std::size_t ib = 0; ib < nb; ++ib) row[ib] = result[ib * kLanes + l];
        // Diagonal: beta-beta, its exchange image (alpha-alpha) and the alpha-beta terms.
        if (symmetric) row[a0 + l] = (1 + exchange_sign) * row[a0 + l] + diagonal_terms[l];
      }
    }

    if (!symmetric) {
      // Alpha-alpha: tiles of kLanes beta strings (columns of the CI matrix).
      const std::size_t n_column_tiles = (nb + kLanes - 1) / kLanes;
#pragma omp for schedule(dynamic, 1)
      for (std::size_t block = 0; block < n_column_tiles; ++block) {
        const std::size_t b0 = block * kLanes, lanes = std::min(kLanes, nb - b0);
        for (std::size_t ja = 0; ja < na; ++ja)
          for (std::size_t l = 0; l < kLanes; ++l)
            tile[ja * kLanes + l] = l < lanes ? converted[ja * nb + b0 + l] : 0.0;
        std::fill(result, result + na * kLanes, 0.0);
        sparse_rows_times_tile(A, tile, result, na);
        for (std::size_t ia = 0; ia < na; ++ia)
          for (std::size_t l = 0; l < lanes; ++l) out[ia * nb + b0 + l] += result[ia * kLanes + l];
      }
    }
  }
  if (symmetric) add_exchanged(out, na, exchange_sign, n_threads);

    // Core energy, and back to the interleaved order.
#pragma omp parallel for schedule(static) num_threads(n_threads)
  for (std::size_t ia = 0; ia < na; ++ia) {
    const std::uint64_t mask = masks[ia];
    for (std::size_t ib = 0; ib < nb; ++ib) {
      const std::size_t i = ia * nb + ib;
      out[i] = parity_sign(beta_strings[ib] & mask) * (out[i] + t.core_energy * converted[i]);
    }
  }
}

}  // namespace qmol
