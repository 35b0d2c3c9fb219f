#include "qmol/sim/spin_projector.h"

#include <fmt/format.h>

#include <cmath>

#include "qmol/core/bits.h"
#include "qmol/core/errors.h"

namespace qmol {

SpinProjector::SpinProjector(const DeterminantSpinSquared& s_squared, double spin)
    : s_squared_(s_squared), spin_(spin) {
  const double lowest = std::abs(s_squared.ms()), highest = s_squared.max_spin();
  const double steps = spin - lowest;
  if (!(spin >= lowest - 1e-12 && spin <= highest + 1e-12) ||
      std::abs(steps - std::round(steps)) > 1e-12)
    throw InputError(fmt::format("spin {} is not present in a space with Ms = {} (spins {} to {})",
                                 spin, s_squared.ms(), lowest, highest));
  const DeterminantSpace& space = s_squared.space();
  if (space.n_alpha() == space.n_beta() && space.size() > 1) {
    exchange_parity_ = std::lround(spin) % 2 == 0 ? 1 : -1;
    reorder_masks_.resize(space.n_alpha_strings());
    for (std::size_t i = 0; i < reorder_masks_.size(); ++i)
      reorder_masks_[i] = DeterminantSpace::reorder_mask(space.alpha_string(i));
  }
  for (double s = highest; s > lowest - 0.25; s -= 1.0) {
    const bool other_parity = exchange_parity_ != 0 && (std::lround(s - spin) % 2 != 0);
    if (std::abs(s - spin) > 0.25 && !other_parity) removed_.push_back(s * (s + 1.0));
  }
}

int SpinProjector::n_factors() const {
  return static_cast<int>(removed_.size()) + (exchange_parity_ != 0 ? 1 : 0);
}

void SpinProjector::keep_exchange_parity(std::vector<double>& v) const {
  if (exchange_parity_ == 0) return;
  const std::size_t n = reorder_masks_.size();
  const DeterminantSpace& space = s_squared_.space();
  auto phase = [&](std::size_t a, std::size_t b) {
    return parity_sign(space.beta_string(b) & reorder_masks_[a]);
  };
  // Each unordered pair (i, j) belongs to row i: no two threads touch one element.
#pragma omp parallel for schedule(dynamic, 16) if (n > 256)
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      // Interleaved amplitudes x = phase * c; c(i, j) <- (c(i, j) + parity c(j, i)) / 2.
      const double pij = phase(i, j), pji = phase(j, i);
      const double c = 0.5 * (pij * v[i * n + j] + exchange_parity_ * pji * v[j * n + i]);
      v[i * n + j] = pij * c;
      v[j * n + i] = exchange_parity_ * pji * c;
    }
    if (exchange_parity_ < 0) v[i * n + i] = 0.0;
  }
}

void SpinProjector::apply(std::vector<double>& v, std::vector<double>& scratch) const {
  const std::size_t n = v.size();
  const double target = spin_ * (spin_ + 1.0);
  scratch.resize(n);
  keep_exchange_parity(v);
  for (double lambda : removed_) {
    s_squared_.apply(v.data(), scratch.data());
    const double scale = 1.0 / (target - lambda);
    double* out = scratch.data();
    const double* in = v.data();
#pragma omp parallel for schedule(static) if (n > 100000)
    for (std::size_t i = 0; i < n; ++i) out[i] = scale * (out[i] - lambda * in[i]);
    v.swap(scratch);
  }
}

}  // namespace qmol
