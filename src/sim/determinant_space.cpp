#include "qmol/sim/determinant_space.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>

#include "qmol/core/errors.h"

namespace qmol {

namespace {

// All n-bit strings with k bits set, in increasing numeric order (Gosper's hack).
std::vector<std::uint64_t> strings_with_popcount(int n, int k) {
  std::vector<std::uint64_t> out;
  if (k == 0) {
    out.push_back(0);
    return out;
  }
  const std::uint64_t last = (n == 64 ? ~0ULL : (1ULL << n) - 1) & ~((1ULL << (n - k)) - 1);
  std::uint64_t s = (k == 64) ? ~0ULL : (1ULL << k) - 1;
  for (;;) {
    out.push_back(s);
    if (s == last) break;
    const std::uint64_t lowest = s & (~s + 1);
    const std::uint64_t ripple = s + lowest;
    s = ripple | (((s ^ ripple) >> 2) / lowest);
  }
  return out;
}

}  // namespace

DeterminantSpace::DeterminantSpace(int n_orbitals, int n_alpha, int n_beta)
    : n_orbitals_(n_orbitals), n_alpha_(n_alpha), n_beta_(n_beta) {
  if (n_orbitals < 0 || n_orbitals > 64)
    throw InputError(
        fmt::format("a determinant space holds 0 to 64 spatial orbitals, not {}", n_orbitals));
  if (n_alpha < 0 || n_beta < 0 || n_alpha > n_orbitals || n_beta > n_orbitals)
    throw InputError(fmt::format("{} alpha and {} beta electrons do not fit in {} orbitals",
                                 n_alpha, n_beta, n_orbitals));
  const double dimension = count(n_orbitals, n_alpha, n_beta);
  if (dimension > 1e11)
    throw InputError(
        fmt::format("the determinant space has {:.3g} determinants: too large", dimension));
  // binomial_[n][k] = C(n, k) for n <= n_orbitals (combinatorial indexing).
  binomial_.assign(n_orbitals + 1, std::vector<std::size_t>(n_orbitals + 1, 0));
  for (int n = 0; n <= n_orbitals; ++n) {
    binomial_[n][0] = 1;
    for (int k = 1; k <= n; ++k) binomial_[n][k] = binomial_[n - 1][k - 1] + binomial_[n - 1][k];
  }
  alpha_strings_ = strings_with_popcount(n_orbitals, n_alpha);
  beta_strings_ = n_beta == n_alpha ? alpha_strings_ : strings_with_popcount(n_orbitals, n_beta);
}

// The rank of a string among those of equal popcount in increasing numeric order: the j-th
// set bit (from 0, lowest first) at position p contributes C(p, j + 1).
std::size_t DeterminantSpace::string_index(std::uint64_t string) const {
  std::size_t index = 0;
  int j = 0;
  while (string) {
    const int p = std::countr_zero(string);
    index += binomial_[p][j + 1];  // zero when j + 1 > p
    ++j;
    string &= string - 1;
  }
  return index;
}

std::size_t DeterminantSpace::alpha_index(std::uint64_t string) const {
  return string_index(string);
}

std::size_t DeterminantSpace::beta_index(std::uint64_t string) const {
  return string_index(string);
}

std::uint64_t DeterminantSpace::jordan_wigner_index(std::size_t ia, std::size_t ib) const {
  if (n_orbitals_ > 32)
    throw InputError(
        fmt::format("{} spin orbitals do not fit a 64-bit qubit index", 2 * n_orbitals_));
  std::uint64_t alpha = alpha_strings_[ia], beta = beta_strings_[ib], index = 0;
  for (int p = 0; p < n_orbitals_; ++p) {
    index |= ((alpha >> p) & 1ULL) << (2 * p);
    index |= ((beta >> p) & 1ULL) << (2 * p + 1);
  }
  return index;
}

std::uint64_t DeterminantSpace::reorder_mask(std::uint64_t alpha) {
  std::uint64_t mask = 0;
  bool odd = false;
  for (int p = 63; p >= 0; --p) {
    if (odd) mask |= 1ULL << p;
    odd ^= (alpha >> p) & 1;
  }
  return mask;
}

double DeterminantSpace::count(int n_orbitals, int n_alpha, int n_beta) {
  auto binomial = [](int n, int k) {
    if (k < 0 || k > n) return 0.0;
    return std::round(
        std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0)));
  };
  return binomial(n_orbitals, n_alpha) * binomial(n_orbitals, n_beta);
}

}  // namespace qmol
