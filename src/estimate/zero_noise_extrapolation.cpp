#include "qmol/estimate/zero_noise_extrapolation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "qmol/core/errors.h"

namespace qmol {

std::vector<double> extrapolation_weights(const std::vector<int>& factors, Extrapolation method) {
  const Location where{"", 0, "mitigation.zne.factors"};
  if (factors.size() < 2)
    throw InputError(fmt::format("mitigation.zne.factors has {} noise scale factor{}: an "
                                 "extrapolation needs at least two, e.g. [1, 3, 5]",
                                 factors.size(), factors.size() == 1 ? "" : "s"),
                     where);
  for (std::size_t i = 0; i < factors.size(); ++i) {
    if (factors[i] < 1 || factors[i] % 2 == 0)
      throw InputError(fmt::format("mitigation.zne.factors: {} is not a fold factor (global "
                                   "folding U (U^dagger U)^k gives the odd factors 1, 3, 5, ...)",
                                   factors[i]),
                       where);
    if (std::count(factors.begin(), factors.end(), factors[i]) > 1)
      throw InputError(fmt::format("mitigation.zne.factors lists {} more than once: give each "
                                   "factor once",
                                   factors[i]),
                       where);
  }
  const std::size_t n = factors.size();
  std::vector<double> w(n);
  if (method == Extrapolation::richardson) {
    for (std::size_t i = 0; i < n; ++i) {
      w[i] = 1.0;
      for (std::size_t j = 0; j < n; ++j)
        if (j != i) w[i] *= double(factors[j]) / (factors[j] - factors[i]);
    }
    return w;
  }
  // The least-squares line's intercept (sxx sum E - sx sum x E) / (n sxx - sx^2), as weights;
  // distinct factors make the denominator positive.
  double sx = 0.0, sxx = 0.0;
  for (int f : factors) sx += f, sxx += double(f) * f;
  const double d = n * sxx - sx * sx;
  for (std::size_t i = 0; i < n; ++i) w[i] = (sxx - sx * factors[i]) / d;
  return w;
}

ExtrapolatedValue extrapolate_to_zero_noise(const std::vector<int>& factors,
                                            const std::vector<double>& energies,
                                            const std::vector<double>& standard_errors,
                                            Extrapolation method) {
  QMOL_ASSERT(energies.size() == factors.size() && standard_errors.size() == factors.size(),
              "extrapolation: one energy and error per factor");
  const std::vector<double> w = extrapolation_weights(factors, method);
  ExtrapolatedValue out;
  double variance = 0.0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    out.value += w[i] * energies[i];
    variance += w[i] * w[i] * standard_errors[i] * standard_errors[i];
  }
  out.standard_error = std::sqrt(variance);
  return out;
}

}  // namespace qmol
