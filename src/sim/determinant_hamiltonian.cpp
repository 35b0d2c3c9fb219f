#include "qmol/sim/determinant_hamiltonian.h"

#include <fmt/format.h>
#include <omp.h>

#include <Eigen/Core>
#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <mutex>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {

namespace {

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
};

}  // namespace

struct DeterminantHamiltonian::Tables {
  int n_orbitals = 0;
  int n_pairs = 0;
  double core_energy = 0.0;
  Eigen::MatrixXd pair_integrals;  // (pq|rs) over packed pairs, n_pairs x n_pairs
  SpinTables alpha_storage, beta_storage;
  const SpinTables* alpha = nullptr;
  const SpinTables* beta = nullptr;
  // Interleaved-order sign of determinant (a, b) = parity(popcount(b & alpha_parity_mask[a])):
  // bit p of the mask is set when an odd number of alpha orbitals above p are occupied.
  std::vector<std::uint64_t> alpha_parity_mask;
  std::vector<double> coulomb_diag;  // (pp|qq), n x n
  mutable std::once_flag diagonal_once;
  mutable std::vector<double> diagonal;

  // Per-thread scratch, reused across apply() calls; a concurrent second caller allocates its own.
  struct Workspace {
    std::vector<double> gathered, intermediate, pair_block;
  };
  struct Scratch {
    std::vector<double> converted;  // the input in the alpha-then-beta convention
    std::vector<Workspace> threads;
  };
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
  } else {
    build_spin_tables(t.beta_storage, beta, n, space, k, t.pair_integrals);
    t.beta = &t.beta_storage;
  }
  t.alpha_parity_mask.resize(alpha.size());
  for (std::size_t i = 0; i < alpha.size(); ++i) {
    std::uint64_t mask = 0;
    int above = 0;
    for (int p = n - 1; p >= 0; --p) {
      if (above & 1) mask |= bit(p);
      above += (alpha[i] >> p) & 1;
    }
    t.alpha_parity_mask[i] = mask;
  }
}

DeterminantHamiltonian::~DeterminantHamiltonian() = default;

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

void DeterminantHamiltonian::apply(const double* in, double* out) const {
  const Tables& t = *tables_;
  const SpinTables& A = *t.alpha;
  const SpinTables& B = *t.beta;
  const std::size_t na = A.strings.size(), nb = B.strings.size();
  const std::size_t sa = A.singles_per_string;
  const int n_pairs = t.n_pairs;
  const std::uint64_t* beta_strings = B.strings.data();
  const std::uint64_t* masks = t.alpha_parity_mask.data();

  const int n_threads = (na * nb * (sa + 1) > 20000) ? omp_get_max_threads() : 1;
  std::unique_lock<std::mutex> lock(t.workspace_mutex, std::try_to_lock);
  Tables::Scratch local;
  Tables::Scratch& scratch = lock.owns_lock() ? t.scratch : local;
  if (scratch.threads.size() < static_cast<std::size_t>(n_threads))
    scratch.threads.resize(n_threads);
  scratch.converted.resize(na * nb);
  double* converted = scratch.converted.data();

#pragma omp parallel num_threads(n_threads)
  {
    // Interleaved -> alpha-then-beta phases, once per call, so the kernels below are pure FMAs.
#pragma omp for schedule(static)
    for (std::size_t ia = 0; ia < na; ++ia) {
      const std::uint64_t mask = masks[ia];
      for (std::size_t ib = 0; ib < nb; ++ib)
        converted[ia * nb + ib] = parity_sign(beta_strings[ib] & mask) * in[ia * nb + ib];
    }

    Tables::Workspace& w = scratch.threads[omp_get_thread_num()];
    w.gathered.resize(sa * nb);
    w.intermediate.resize(static_cast<std::size_t>(n_pairs) * nb);
    w.pair_block.resize(static_cast<std::size_t>(n_pairs) * sa);
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<RowMajor> gathered(w.gathered.data(), sa, nb);
    Eigen::Map<Eigen::MatrixXd> intermediate(w.intermediate.data(), n_pairs, nb);
    Eigen::Map<Eigen::MatrixXd> pair_block(w.pair_block.data(), n_pairs, sa);

#pragma omp for schedule(dynamic, 1)
    for (std::size_t ia = 0; ia < na; ++ia) {
      double* out_row = out + ia * nb;
      const double* row = converted + ia * nb;
      // Beta-beta part (and the core energy): the same-spin string Hamiltonian on this row.
      for (std::size_t ib = 0; ib < nb; ++ib) {
        double acc = t.core_energy * row[ib];
        for (std::size_t m = B.row_offsets[ib]; m < B.row_offsets[ib + 1]; ++m)
          acc += B.values[m] * row[B.columns[m]];
        out_row[ib] = acc;
      }
      // Alpha-alpha part: whole rows combined with the same-spin string Hamiltonian.
      for (std::size_t m = A.row_offsets[ia]; m < A.row_offsets[ia + 1]; ++m) {
        const double v = A.values[m];
        const double* row_j = converted + static_cast<std::size_t>(A.columns[m]) * nb;
        for (std::size_t ib = 0; ib < nb; ++ib) out_row[ib] += v * row_j[ib];
      }
      // Alpha-beta part: gather the rows reached by alpha replacements of ia, contract with
      // (pq|rs) in one matrix product, then scatter through the beta replacement lists.
      if (sa && nb) {
        const Replacement* reps = A.singles.data() + A.single_offsets[ia];
        for (std::size_t e = 0; e < sa; ++e) {
          const double sign = reps[e].sign;
          const double* row_j = converted + static_cast<std::size_t>(reps[e].target) * nb;
          double* g = w.gathered.data() + e * nb;
          for (std::size_t jb = 0; jb < nb; ++jb) g[jb] = sign * row_j[jb];
          pair_block.col(e) = t.pair_integrals.col(reps[e].pair);
        }
        intermediate.noalias() = pair_block * gathered;
        const double* x = w.intermediate.data();
        for (std::size_t ib = 0; ib < nb; ++ib) {
          double acc = 0.0;
          for (std::size_t m = B.single_offsets[ib]; m < B.single_offsets[ib + 1]; ++m) {
            const Replacement& r = B.singles[m];
            acc += r.sign * x[static_cast<std::size_t>(r.target) * n_pairs + r.pair];
          }
          out_row[ib] += acc;
        }
      }
      // Back to the interleaved order.
      const std::uint64_t mask = masks[ia];
      for (std::size_t ib = 0; ib < nb; ++ib) out_row[ib] *= parity_sign(beta_strings[ib] & mask);
    }
  }
}

}  // namespace qmol
