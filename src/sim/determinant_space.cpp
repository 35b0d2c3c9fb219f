#include "qmol/sim/determinant_space.h"

#include <fmt/format.h>

#include "qmol/core/bits.h"
#include "qmol/core/combinatorics.h"
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
  const std::uint64_t last = low_bits(n) & ~low_bits(n - k);  // the k highest of n bits
  for (std::uint64_t s = low_bits(k);; s = next_same_popcount(s)) {
    out.push_back(s);
    if (s == last) break;
  }
  return out;
}

// The orbital count is checked before the binomial table is built for it.
int check(int n_orbitals) {
  if (n_orbitals < 0 || n_orbitals > 64)
    throw InputError(
        fmt::format("a determinant space holds 0 to 64 spatial orbitals, not {}", n_orbitals));
  return n_orbitals;
}

}  // namespace

DeterminantSpace::DeterminantSpace(int n_orbitals, int n_alpha, int n_beta)
    : n_orbitals_(n_orbitals), n_alpha_(n_alpha), n_beta_(n_beta), binomial_(check(n_orbitals)) {
  if (n_alpha < 0 || n_beta < 0 || n_alpha > n_orbitals || n_beta > n_orbitals)
    throw InputError(fmt::format("{} alpha and {} beta electrons do not fit in {} orbitals",
                                 n_alpha, n_beta, n_orbitals));
  const double dimension = count(n_orbitals, n_alpha, n_beta);
  if (dimension > 1e11)
    throw InputError(
        fmt::format("the determinant space has {:.3g} determinants: too large", dimension));
  alpha_strings_ = strings_with_popcount(n_orbitals, n_alpha);
  beta_strings_ = n_beta == n_alpha ? alpha_strings_ : strings_with_popcount(n_orbitals, n_beta);
}

// The rank of a string among those of equal popcount in increasing numeric order: the j-th
// set bit (from 0, lowest first) at position p contributes C(p, j + 1).
std::size_t DeterminantSpace::string_index(std::uint64_t string) const {
  std::size_t index = 0;
  int j = 0;
  while (string) {
    const int p = lowest_bit(string);
    index += binomial_(p, j + 1);  // zero when j + 1 > p
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
    if (test_bit(alpha, p)) index |= bit(2 * p);
    if (test_bit(beta, p)) index |= bit(2 * p + 1);
  }
  return index;
}

std::uint64_t DeterminantSpace::reorder_mask(std::uint64_t alpha) {
  std::uint64_t mask = 0;
  bool odd = false;
  for (int p = 63; p >= 0; --p) {
    if (odd) mask |= bit(p);
    odd ^= (alpha >> p) & 1;
  }
  return mask;
}

double DeterminantSpace::count(int n_orbitals, int n_alpha, int n_beta) {
  return binomial(n_orbitals, n_alpha) * binomial(n_orbitals, n_beta);
}

}  // namespace qmol
