#include "qmol/sim/spin_operator.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {

namespace {

inline int rank_below(std::uint64_t string, int p) {
  return std::popcount(string & low_bits(p));
}

// replaced[I * k (n - k) + occupied_rank * (n - k) + empty_rank] = index of I - p + q.
std::vector<std::uint32_t> replacement_table(const DeterminantSpace& space, bool alpha) {
  const int n = space.n_orbitals();
  const int k = alpha ? space.n_alpha() : space.n_beta();
  const std::size_t n_strings = alpha ? space.n_alpha_strings() : space.n_beta_strings();
  if (n_strings >= std::numeric_limits<std::uint32_t>::max())
    throw InputError(fmt::format("{} strings exceed the 32-bit index range", n_strings));
  const std::size_t per_string = static_cast<std::size_t>(k) * (n - k);
  std::vector<std::uint32_t> table(n_strings * per_string);
#pragma omp parallel for schedule(static) if (n_strings > 256)
  for (std::size_t i = 0; i < n_strings; ++i) {
    const std::uint64_t s = alpha ? space.alpha_string(i) : space.beta_string(i);
    std::uint32_t* row = table.data() + i * per_string;
    int occupied_rank = 0;
    for (int p = 0; p < n; ++p) {
      if (!((s >> p) & 1)) continue;
      int empty_rank = 0;
      for (int q = 0; q < n; ++q) {
        if ((s >> q) & 1) continue;
        const std::uint64_t t = s ^ bit(p) ^ bit(q);
        row[occupied_rank * (n - k) + empty_rank] =
            static_cast<std::uint32_t>(alpha ? space.alpha_index(t) : space.beta_index(t));
        ++empty_rank;
      }
      ++occupied_rank;
    }
  }
  return table;
}

}  // namespace

DeterminantSpinSquared::DeterminantSpinSquared(const DeterminantSpace& space)
    : space_(space),
      alpha_replaced_(replacement_table(space, true)),
      beta_replaced_(space.n_alpha() == space.n_beta() ? std::vector<std::uint32_t>{}
                                                       : replacement_table(space, false)) {
  reorder_masks_.resize(space.n_alpha_strings());
  for (std::size_t i = 0; i < reorder_masks_.size(); ++i)
    reorder_masks_[i] = DeterminantSpace::reorder_mask(space.alpha_string(i));
}

double DeterminantSpinSquared::max_spin() const {
  const int n = space_.n_orbitals();
  const int electrons = space_.n_alpha() + space_.n_beta();
  return 0.5 * std::min(electrons, 2 * n - electrons);
}

// f(ja, jb, <D(ia, ib)|S^2|D(ja, jb)>) for every nonzero element of the row (= column).
template <class F>
void DeterminantSpinSquared::for_each_element(std::size_t ia, std::size_t ib, F&& f) const {
  const int n = space_.n_orbitals();
  const int ka = space_.n_alpha(), kb = space_.n_beta();
  const std::uint64_t a = space_.alpha_string(ia), b = space_.beta_string(ib);
  const double sz = ms();
  f(ia, ib, sz * sz + 0.5 * (ka + kb) - std::popcount(a & b));
  const std::uint64_t alpha_only = a & ~b;
  const std::uint64_t beta_only = b & ~a;
  if (!alpha_only || !beta_only) return;
  const std::uint32_t* alpha_row =
      alpha_replaced_.data() + ia * static_cast<std::size_t>(ka) * (n - ka);
  const std::uint32_t* beta_row =
      (beta_replaced_.empty() ? alpha_replaced_ : beta_replaced_).data() +
      ib * static_cast<std::size_t>(kb) * (n - kb);
  const double sign_i = parity_sign(b & reorder_masks_[ia]);
  // Swap alpha p (alpha-only) with beta q (beta-only): J = (a - p + q, b - q + p). In the
  // alpha-then-beta order each string's sign counts its electrons strictly between p and q.
  for (const int p : set_bits(alpha_only)) {
    const std::uint32_t* alpha_targets = alpha_row + rank_below(a, p) * (n - ka);
    const int p_empty_in_b = p - rank_below(b, p);
    for (const int q : set_bits(beta_only)) {
      const std::size_t ja = alpha_targets[q - rank_below(a, q)];
      const std::size_t jb = beta_row[rank_below(b, q) * (n - kb) + p_empty_in_b];
      const double sign = parity_sign((a ^ b) & bits_between(p, q)) * sign_i *
                          parity_sign(space_.beta_string(jb) & reorder_masks_[ja]);
      f(ja, jb, -sign);
    }
  }
}

void DeterminantSpinSquared::apply(const double* in, double* out) const {
  const std::size_t na = space_.n_alpha_strings(), nb = space_.n_beta_strings();
#pragma omp parallel for schedule(dynamic, 8) if (na * nb > 4096)
  for (std::size_t ia = 0; ia < na; ++ia)
    for (std::size_t ib = 0; ib < nb; ++ib) {
      double acc = 0.0;
      for_each_element(
          ia, ib, [&](std::size_t ja, std::size_t jb, double v) { acc += v * in[ja * nb + jb]; });
      out[ia * nb + ib] = acc;
    }
}

double DeterminantSpinSquared::expectation(const double* v) const {
  const std::size_t na = space_.n_alpha_strings(), nb = space_.n_beta_strings();
  double numerator = 0.0, norm = 0.0;
#pragma omp parallel for schedule(dynamic, 8) reduction(+ : numerator, norm) if (na * nb > 4096)
  for (std::size_t ia = 0; ia < na; ++ia)
    for (std::size_t ib = 0; ib < nb; ++ib) {
      double acc = 0.0;
      for_each_element(
          ia, ib, [&](std::size_t ja, std::size_t jb, double x) { acc += x * v[ja * nb + jb]; });
      const double vi = v[ia * nb + ib];
      numerator += vi * acc;
      norm += vi * vi;
    }
  return norm > 0.0 ? numerator / norm : 0.0;
}

std::vector<std::pair<std::size_t, double>> DeterminantSpinSquared::column(
    std::size_t index) const {
  if (index >= space_.size())
    throw InputError(
        fmt::format("determinant index {} is outside a space of {}", index, space_.size()));
  const std::size_t nb = space_.n_beta_strings();
  std::vector<std::pair<std::size_t, double>> out;
  for_each_element(index / nb, index % nb, [&](std::size_t ja, std::size_t jb, double v) {
    out.emplace_back(ja * nb + jb, v);
  });
  return out;
}

double spin_from_s_squared(double s_squared) {
  return 0.5 * (std::sqrt(1.0 + 4.0 * std::max(0.0, s_squared)) - 1.0);
}

}  // namespace qmol
