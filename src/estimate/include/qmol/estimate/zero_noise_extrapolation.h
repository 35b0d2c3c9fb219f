#pragma once

#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "qmol/core/enum_names.h"

namespace qmol {

enum class Extrapolation {
  linear,      // the intercept of the least-squares line through the points
  richardson,  // the value at 0 of the polynomial through every point
};
template <>
struct EnumNames<Extrapolation> {
  static constexpr std::string_view noun = "extrapolation";
  static constexpr std::array<std::pair<Extrapolation, std::string_view>, 2> names = {
      {{Extrapolation::linear, "linear"}, {Extrapolation::richardson, "richardson"}}};
};

// The zero-noise value as sum_i w_i E_i of the energies at the noise scale factors: Richardson's
// Lagrange weights prod_{j != i} l_j / (l_j - l_i), or the least-squares intercept's. InputError
// (field mitigation.zne.factors) for fewer than two factors, repeated ones, or factors that global
// folding cannot give (it gives the odd factors 2k + 1 >= 1).
std::vector<double> extrapolation_weights(const std::vector<int>& factors, Extrapolation method);

struct ExtrapolatedValue {
  double value = 0.0;
  double standard_error = 0.0;  // sqrt(sum w_i^2 se_i^2)
};
ExtrapolatedValue extrapolate_to_zero_noise(const std::vector<int>& factors,
                                            const std::vector<double>& energies,
                                            const std::vector<double>& standard_errors,
                                            Extrapolation method);

}  // namespace qmol
