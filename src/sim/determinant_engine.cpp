#include "qmol/sim/determinant_engine.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <omp.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "qmol/core/bits.h"
#include "qmol/core/combinatorics.h"
#include "qmol/core/errors.h"

namespace qmol {

namespace {

// Below this many determinants the OpenMP barriers (one per term group) cost more than they
// save. Measured on 2 cores, H10/STO-3G (63504 determinants, 152 groups): 14.0 ms serial, 8.6 ms
// threaded when idle, and 26.7 vs 24.4 ms with one core busy elsewhere.
constexpr std::size_t kParallelDimension = std::size_t{1} << 15;

// The engine's space after the checks that are the engine's own: at least one orbital, and
// determinant indices that fit the 32-bit StringPair fields.
std::unique_ptr<const DeterminantSpace> engine_space(int n_orbitals, int n_alpha, int n_beta) {
  if (n_orbitals < 1 || n_orbitals > 63 || n_alpha < 0 || n_beta < 0 || n_alpha > n_orbitals ||
      n_beta > n_orbitals)
    throw InputError(
        fmt::format("determinant engine: {} alpha and {} beta electrons in {} orbitals", n_alpha,
                    n_beta, n_orbitals));
  const double count = binomial(n_orbitals, n_alpha) * binomial(n_orbitals, n_beta);
  if (count >= static_cast<double>(std::numeric_limits<std::uint32_t>::max()))
    throw ResourceError(fmt::format(
        "determinant engine: {:.3g} determinants exceed the 2^32 the engine indexes", count));
  return std::make_unique<const DeterminantSpace>(n_orbitals, n_alpha, n_beta);
}

void check_excitation(const Excitation& e, int n_spin_orbitals) {
  auto fail = [&](const char* why) {
    throw InputError(
        fmt::format("excitation {}->{}: {}", fmt::join(e.from, ","), fmt::join(e.to, ","), why));
  };
  if (e.from.empty() || e.from.size() != e.to.size())
    fail("needs as many (>= 1) annihilated as created spin orbitals");
  int spin_balance = 0;
  for (const auto* list : {&e.from, &e.to})
    for (std::size_t x = 0; x < list->size(); ++x) {
      const int k = (*list)[x];
      if (k < 0 || k >= n_spin_orbitals) fail("spin orbital out of range");
      for (std::size_t y = x + 1; y < list->size(); ++y)
        if ((*list)[y] == k) fail("repeated spin orbital");
      spin_balance += (list == &e.from ? 1 : -1) * (k % 2 == 0 ? 1 : -1);
    }
  for (int k : e.from)
    if (std::find(e.to.begin(), e.to.end(), k) != e.to.end())
      fail("a spin orbital both annihilated and created (number operators are not supported)");
  if (spin_balance != 0) fail("does not conserve Sz");
}

// Applies the operator sequence of G (a_{from0}, a_{from1}, ..., a+_{to1}, a+_{to0}) to one spin's
// string. Returns false when G annihilates the determinant; otherwise sets `out` and multiplies
// `sign` by this spin's share of the Jordan-Wigner phase. The phase of an operator on spin orbital
// k = 2p + s counts occupied spin orbitals below k: alpha orbitals < p (<= p when s = 1, beta)
// and beta orbitals < p, so it splits into an alpha-string and a beta-string factor.
bool apply_to_string(const Excitation& e, int spin, std::uint64_t string, std::uint64_t& out,
                     double& sign) {
  int parity = 0;
  auto op = [&](int k, bool create) {
    const int p = k / 2, s = k % 2;
    parity += std::popcount(string & low_bits((spin == 0 && s == 1) ? p + 1 : p));
    if (s != spin) return true;
    if (test_bit(string, p) == create) return false;
    string ^= bit(p);
    return true;
  };
  for (int k : e.from)
    if (!op(k, false)) return false;
  for (auto it = e.to.rbegin(); it != e.to.rend(); ++it)
    if (!op(*it, true)) return false;
  out = string;
  if (parity & 1) sign = -sign;
  return true;
}

}  // namespace

DeterminantEngine::DeterminantEngine(int n_orbitals, int n_alpha, int n_beta, Sigma sigma,
                                     const FermionicAnsatz& ansatz)
    : n_orbitals_(n_orbitals),
      n_alpha_(n_alpha),
      n_beta_(n_beta),
      space_(engine_space(n_orbitals, n_alpha, n_beta)),
      sigma_(std::move(sigma)) {
  dimension_ = space_->size();
  psi_.resize(dimension_);
  sigma_vector_.resize(dimension_);
  parallel_ = dimension_ >= kParallelDimension && omp_get_max_threads() > 1;
  set_ansatz(ansatz);
}

DeterminantEngine::DeterminantEngine(const MolecularHamiltonian& hamiltonian,
                                     const FermionicAnsatz& ansatz)
    : DeterminantEngine(hamiltonian.n_orbitals(), hamiltonian.n_alpha(), hamiltonian.n_beta(),
                        Sigma{}, ansatz) {
  direct_ci_ = std::make_unique<DeterminantHamiltonian>(hamiltonian, *space_);
  sigma_ = [h = direct_ci_.get()](const double* in, double* out) { h->apply(in, out); };
}

DeterminantEngine::~DeterminantEngine() = default;

std::size_t DeterminantEngine::index(std::uint64_t alpha, std::uint64_t beta) const {
  return space_->alpha_index(alpha) * space_->n_beta_strings() + space_->beta_index(beta);
}

void DeterminantEngine::compile(const Excitation& e, std::vector<StringPair>& alpha,
                                std::vector<StringPair>& beta) const {
  check_excitation(e, 2 * n_orbitals_);
  const DeterminantSpace& space = *space_;
  const std::uint64_t n_beta_strings = space.n_beta_strings();
  for (std::size_t i = 0; i < space.n_alpha_strings(); ++i) {
    std::uint64_t out;
    double sign = 1.0;
    if (apply_to_string(e, 0, space.alpha_string(i), out, sign))
      alpha.push_back({static_cast<std::uint32_t>(i * n_beta_strings),
                       static_cast<std::uint32_t>(space.alpha_index(out) * n_beta_strings), sign});
  }
  for (std::size_t i = 0; i < space.n_beta_strings(); ++i) {
    std::uint64_t out;
    double sign = 1.0;
    if (apply_to_string(e, 1, space.beta_string(i), out, sign))
      beta.push_back(
          {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(space.beta_index(out)), sign});
  }
}

void DeterminantEngine::set_ansatz(const FermionicAnsatz& ansatz) {
  if (ansatz.n_spin_orbitals != 2 * n_orbitals_)
    throw InputError(fmt::format("ansatz '{}' has {} spin orbitals, the Hamiltonian {}",
                                 ansatz.kind, ansatz.n_spin_orbitals, 2 * n_orbitals_));
  std::uint64_t ref[2] = {0, 0};
  for (int k : ansatz.reference) {
    if (k < 0 || k >= 2 * n_orbitals_)
      throw InputError(fmt::format("reference spin orbital {} out of range", k));
    ref[k % 2] |= bit(k / 2);
  }
  if (std::popcount(ref[0]) != n_alpha_ || std::popcount(ref[1]) != n_beta_)
    throw InputError(fmt::format(
        "reference determinant has {} alpha and {} beta electrons, the Hamiltonian {} and {}",
        std::popcount(ref[0]), std::popcount(ref[1]), n_alpha_, n_beta_));
  reference_index_ = index(ref[0], ref[1]);

  terms_.clear();
  groups_.clear();
  alpha_pairs_.clear();
  beta_pairs_.clear();
  const std::size_t n_beta_strings = space_->n_beta_strings();
  for (const AnsatzTerm& term : ansatz.terms) {
    if (term.parameter < 0 || term.parameter >= ansatz.n_parameters)
      throw InputError(
          fmt::format("ansatz term uses parameter {} of {}", term.parameter, ansatz.n_parameters));
    CompiledTerm c{alpha_pairs_.size(), 0,    beta_pairs_.size(), 0, term.parameter,
                   term.coefficient,    false};
    compile(term.excitation, alpha_pairs_, beta_pairs_);
    c.alpha_end = alpha_pairs_.size();
    c.beta_end = beta_pairs_.size();
    c.beta_identity =
        c.beta_end - c.beta_begin == n_beta_strings &&
        std::all_of(beta_pairs_.begin() + static_cast<std::ptrdiff_t>(c.beta_begin),
                    beta_pairs_.end(), [](const StringPair& b) { return b.from == b.to; });
    const auto same_alpha_pairs = [&](const CompiledTerm& previous) {
      return previous.alpha_end - previous.alpha_begin == c.alpha_end - c.alpha_begin &&
             std::equal(alpha_pairs_.begin() + static_cast<std::ptrdiff_t>(previous.alpha_begin),
                        alpha_pairs_.begin() + static_cast<std::ptrdiff_t>(previous.alpha_end),
                        alpha_pairs_.begin() + static_cast<std::ptrdiff_t>(c.alpha_begin),
                        [](const StringPair& x, const StringPair& y) {
                          return x.from == y.from && x.to == y.to;
                        });
    };
    if (!terms_.empty() && same_alpha_pairs(terms_.back()))
      ++groups_.back().end;
    else
      groups_.push_back({terms_.size(), terms_.size() + 1});
    terms_.push_back(c);
  }
  n_parameters_ = ansatz.n_parameters;
  cos_.assign(terms_.size(), 1.0);
  sin_.assign(terms_.size(), 0.0);
  term_gradient_.assign(terms_.size() * static_cast<std::size_t>(omp_get_max_threads()), 0.0);
}

void DeterminantEngine::set_initial_state(std::vector<double> initial) {
  if (!initial.empty() && initial.size() != dimension_)
    throw InputError(fmt::format("initial state of {} amplitudes, the determinant space has {}",
                                 initial.size(), dimension_));
  initial_state_ = std::move(initial);
}

void DeterminantEngine::check_theta(const std::vector<double>& theta) const {
  if (theta.size() != static_cast<std::size_t>(n_parameters_))
    throw InputError(
        fmt::format("{} parameters given, the ansatz has {}", theta.size(), n_parameters_));
}

void DeterminantEngine::set_angles(const std::vector<double>& theta) {
  check_theta(theta);
  for (std::size_t k = 0; k < terms_.size(); ++k) {
    const double phi = terms_[k].coefficient * theta[static_cast<std::size_t>(terms_[k].parameter)];
    cos_[k] = std::cos(phi);
    sin_[k] = std::sin(phi);
  }
}

void DeterminantEngine::forward(const std::vector<double>& theta) {
  set_angles(theta);
  if (initial_state_.empty()) {
    std::fill(psi_.begin(), psi_.end(), 0.0);
    psi_[reference_index_] = 1.0;
  } else {
    std::copy(initial_state_.begin(), initial_state_.end(), psi_.begin());
  }
  double* v = psi_.data();
  // psi <- exp(phi (G - G^dagger)) psi, a plane rotation of every pair of each term.
  auto sweep = [&] {
    for (const TermGroup& group : groups_) {
      const std::size_t n_alpha = terms_[group.begin].alpha_end - terms_[group.begin].alpha_begin;
      // Orphaned "omp for": splits the alpha pairs over the enclosing region's threads, or runs
      // serially outside one.
#pragma omp for schedule(static)
      for (std::size_t a = 0; a < n_alpha; ++a)
        for (std::size_t k = group.begin; k < group.end; ++k) {
          if (sin_[k] == 0.0) continue;  // identity (zero-parameter starts, ADAPT's new terms)
          const CompiledTerm& t = terms_[k];
          const StringPair& alpha = alpha_pairs_[t.alpha_begin + a];
          const StringPair* beta = beta_pairs_.data() + t.beta_begin;
          const std::size_t n_beta = t.beta_end - t.beta_begin;
          double* vi = v + alpha.from;
          double* vj = v + alpha.to;
          const double c = cos_[k], s = alpha.sign * sin_[k];
          if (t.beta_identity) {
            for (std::size_t b = 0; b < n_beta; ++b) {
              const double x = vi[b], y = vj[b], sb = beta[b].sign * s;
              vi[b] = c * x - sb * y;
              vj[b] = sb * x + c * y;
            }
            continue;
          }
          for (std::size_t b = 0; b < n_beta; ++b) {
            const double x = vi[beta[b].from], y = vj[beta[b].to];
            const double sb = beta[b].sign * s;
            vi[beta[b].from] = c * x - sb * y;
            vj[beta[b].to] = sb * x + c * y;
          }
        }
    }
  };
  // Without threads no parallel region at all: its setup costs more than a small term.
  if (parallel_) {
#pragma omp parallel
    sweep();
  } else {
    sweep();
  }
}

const std::vector<double>& DeterminantEngine::state(const std::vector<double>& theta) {
  forward(theta);
  return psi_;
}

double DeterminantEngine::energy(const std::vector<double>& theta) {
  forward(theta);
  sigma_(psi_.data(), sigma_vector_.data());
  double e = 0.0;
  for (std::size_t i = 0; i < dimension_; ++i) e += psi_[i] * sigma_vector_[i];
  return e;
}

double DeterminantEngine::energy_and_gradient(const std::vector<double>& theta,
                                              std::vector<double>& gradient) {
  const double e = energy(theta);
  const std::size_t n_terms = terms_.size();
  double* psi = psi_.data();
  double* sigma = sigma_vector_.data();
  // One row of per-term partial sums per thread, added in thread order (reproducible bits).
  const std::size_t n_threads =
      parallel_ ? static_cast<std::size_t>(omp_get_max_threads()) : std::size_t{1};
  if (term_gradient_.size() != n_threads * n_terms) term_gradient_.resize(n_threads * n_terms);
  // Threads that get no share (a smaller team than asked for) must not leave stale sums.
  std::fill(term_gradient_.begin(), term_gradient_.end(), 0.0);
  double* partial = term_gradient_.data();
  auto sweep = [&] {
    double* my_partial = partial + static_cast<std::size_t>(omp_get_thread_num()) * n_terms;
    for (std::size_t g = groups_.size(); g-- > 0;) {
      const TermGroup& group = groups_[g];
      const std::size_t n_alpha = terms_[group.begin].alpha_end - terms_[group.begin].alpha_begin;
#pragma omp for schedule(static)
      for (std::size_t a = 0; a < n_alpha; ++a)
        for (std::size_t k = group.end; k-- > group.begin;) {
          const CompiledTerm& t = terms_[k];
          const StringPair& alpha = alpha_pairs_[t.alpha_begin + a];
          const StringPair* beta = beta_pairs_.data() + t.beta_begin;
          const std::size_t n_beta = t.beta_end - t.beta_begin;
          double* pi = psi + alpha.from;
          double* pj = psi + alpha.to;
          double* si = sigma + alpha.from;
          double* sj = sigma + alpha.to;
          const double c = cos_[k], s = -sin_[k];  // un-apply: rotate by -phi
          // <sigma|A|psi> = sum sign (sigma_j psi_i - sigma_i psi_j), then both rotated back.
          double row = 0.0;
          const auto pair = [&](std::size_t i, std::size_t j, double sign) {
            const double x = pi[i], y = pj[j], u = si[i], w = sj[j];
            row += sign * (w * x - u * y);
            const double ss = sign * s;
            pi[i] = c * x - ss * y;
            pj[j] = ss * x + c * y;
            si[i] = c * u - ss * w;
            sj[j] = ss * u + c * w;
          };
          if (t.beta_identity)
            for (std::size_t b = 0; b < n_beta; ++b) pair(b, b, alpha.sign * beta[b].sign);
          else
            for (std::size_t b = 0; b < n_beta; ++b)
              pair(beta[b].from, beta[b].to, alpha.sign * beta[b].sign);
          my_partial[k] += row;
        }
    }
  };
  if (parallel_) {
#pragma omp parallel
    sweep();
  } else {
    sweep();
  }
  gradient.assign(static_cast<std::size_t>(n_parameters_), 0.0);
  for (std::size_t k = 0; k < n_terms; ++k) {
    double g = 0.0;
    for (std::size_t thread = 0; thread < n_threads; ++thread) g += partial[thread * n_terms + k];
    gradient[static_cast<std::size_t>(terms_[k].parameter)] += 2.0 * terms_[k].coefficient * g;
  }
  return e;
}

std::vector<double> DeterminantEngine::excitation_gradients(const std::vector<double>& theta,
                                                            const std::vector<Excitation>& pool) {
  energy(theta);  // psi and sigma = H psi
  std::vector<double> gradients;
  gradients.reserve(pool.size());
  std::vector<StringPair> alpha, beta;
  for (const Excitation& e : pool) {
    alpha.clear();
    beta.clear();
    compile(e, alpha, beta);
    double dot = 0.0;
    for (const StringPair& a : alpha)
      for (const StringPair& b : beta) {
        const std::size_t i = a.from + b.from, j = a.to + b.to;
        dot += a.sign * b.sign * (sigma_vector_[j] * psi_[i] - sigma_vector_[i] * psi_[j]);
      }
    gradients.push_back(2.0 * dot);
  }
  return gradients;
}

double DeterminantEngine::memory_estimate(int n_orbitals, int n_alpha, int n_beta,
                                          const FermionicAnsatz& ansatz) {
  const double n_alpha_strings = binomial(n_orbitals, n_alpha);
  const double n_beta_strings = binomial(n_orbitals, n_beta);
  double bytes = 2.0 * n_alpha_strings * n_beta_strings * sizeof(double);  // psi, sigma
  bytes += (n_alpha_strings + n_beta_strings) * sizeof(std::uint64_t);
  bytes += DeterminantHamiltonian::memory_estimate(n_orbitals, n_alpha, n_beta);
  for (const AnsatzTerm& term : ansatz.terms) {
    // Strings with the annihilated orbitals of a spin occupied and the created ones empty.
    int from[2] = {0, 0}, to[2] = {0, 0};
    for (int k : term.excitation.from) ++from[k % 2];
    for (int k : term.excitation.to) ++to[k % 2];
    const double pairs = binomial(n_orbitals - from[0] - to[0], n_alpha - from[0]) +
                         binomial(n_orbitals - from[1] - to[1], n_beta - from[1]);
    bytes += pairs * sizeof(StringPair) + sizeof(CompiledTerm) +
             static_cast<double>(omp_get_max_threads()) * sizeof(double);
  }
  return bytes;
}

}  // namespace qmol
