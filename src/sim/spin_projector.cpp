#include "qmol/sim/spin_projector.h"

#include <fmt/format.h>

#include <cmath>

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
  for (double s = highest; s > lowest - 0.25; s -= 1.0)
    if (std::abs(s - spin) > 0.25) removed_.push_back(s * (s + 1.0));
}

void SpinProjector::apply(std::vector<double>& v, std::vector<double>& scratch) const {
  const std::size_t n = v.size();
  const double target = spin_ * (spin_ + 1.0);
  scratch.resize(n);
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
