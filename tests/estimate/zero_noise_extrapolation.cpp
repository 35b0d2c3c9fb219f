// Zero-noise extrapolation: the weights written out by hand, exact recovery of lines (both
// methods) and of a parabola (Richardson on three factors), weights summing to one, the
// propagated standard error, and the factors global folding cannot give.
#include "qmol/estimate/zero_noise_extrapolation.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "qmol/core/errors.h"

BOOST_AUTO_TEST_SUITE(zero_noise_extrapolation)

namespace {

using namespace qmol;

std::vector<double> values_at(const std::vector<int>& factors, double a, double b, double c) {
  std::vector<double> e;
  for (const int f : factors) e.push_back(a + b * f + c * f * f);
  return e;
}

const std::vector<std::vector<int>> kFactorSets = {{1, 3},       {1, 3, 5}, {5, 1, 3},
                                                   {1, 3, 5, 7}, {3, 7},    {1, 5, 9, 13, 17}};

}  // namespace

BOOST_AUTO_TEST_CASE(weights_written_out) {
  // Richardson on {1, 3}: (3/2, -1/2); on {1, 3, 5}: Lagrange at 0 = (15/8, -5/4, 3/8).
  // Least squares on {1, 3, 5}: (sxx - sx x_i) / (n sxx - sx^2) = (35 - 9 x_i) / 24.
  const auto check = [](const std::vector<double>& got, const std::vector<double>& want) {
    BOOST_REQUIRE_EQUAL(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) BOOST_CHECK_SMALL(got[i] - want[i], 1e-15);
  };
  check(extrapolation_weights({1, 3}, Extrapolation::richardson), {1.5, -0.5});
  check(extrapolation_weights({1, 3}, Extrapolation::linear), {1.5, -0.5});
  check(extrapolation_weights({1, 3, 5}, Extrapolation::richardson), {15.0 / 8, -5.0 / 4, 3.0 / 8});
  check(extrapolation_weights({1, 3, 5}, Extrapolation::linear), {13.0 / 12, 1.0 / 3, -5.0 / 12});
}

BOOST_AUTO_TEST_CASE(weights_sum_to_one) {
  for (const auto& factors : kFactorSets)
    for (const Extrapolation method : {Extrapolation::linear, Extrapolation::richardson}) {
      const std::vector<double> w = extrapolation_weights(factors, method);
      BOOST_CHECK_SMALL(std::accumulate(w.begin(), w.end(), 0.0) - 1.0, 1e-12);
    }
}

BOOST_AUTO_TEST_CASE(lines_and_parabolas_are_recovered_exactly) {
  const double a = -1.137, b = 0.0421, c = -0.0063;
  for (const auto& factors : kFactorSets) {
    const std::vector<double> zero(factors.size(), 0.0);
    for (const Extrapolation method : {Extrapolation::linear, Extrapolation::richardson}) {
      BOOST_TEST_CONTEXT(to_string(method) << ", " << factors.size() << " factors") {
        const ExtrapolatedValue line =
            extrapolate_to_zero_noise(factors, values_at(factors, a, b, 0.0), zero, method);
        BOOST_CHECK_SMALL(line.value - a, 1e-12);
        BOOST_CHECK_EQUAL(line.standard_error, 0.0);
      }
    }
    if (factors.size() >= 3) {
      // The parabola: Richardson exactly, the least-squares line not.
      const std::vector<double> e = values_at(factors, a, b, c);
      BOOST_CHECK_SMALL(
          extrapolate_to_zero_noise(factors, e, zero, Extrapolation::richardson).value - a, 1e-11);
      BOOST_CHECK_GT(
          std::abs(extrapolate_to_zero_noise(factors, e, zero, Extrapolation::linear).value - a),
          1e-3);
    }
  }
}

BOOST_AUTO_TEST_CASE(standard_errors_propagate) {
  const std::vector<int> factors = {1, 3, 5};
  const std::vector<double> energies = {-1.10, -1.05, -1.01}, errors = {0.002, 0.003, 0.005};
  for (const Extrapolation method : {Extrapolation::linear, Extrapolation::richardson}) {
    const std::vector<double> w = extrapolation_weights(factors, method);
    double value = 0.0, variance = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      value += w[i] * energies[i];
      variance += w[i] * w[i] * errors[i] * errors[i];
    }
    const ExtrapolatedValue got = extrapolate_to_zero_noise(factors, energies, errors, method);
    BOOST_CHECK_SMALL(got.value - value, 1e-15);
    BOOST_CHECK_SMALL(got.standard_error - std::sqrt(variance), 1e-15);
  }
  // By hand, Richardson on {1, 3}: sqrt((3/2 0.002)^2 + (1/2 0.003)^2).
  const ExtrapolatedValue two =
      extrapolate_to_zero_noise({1, 3}, {-1.10, -1.05}, {0.002, 0.003}, Extrapolation::richardson);
  BOOST_CHECK_SMALL(two.value - (1.5 * -1.10 + 0.5 * 1.05), 1e-15);
  BOOST_CHECK_SMALL(two.standard_error - std::sqrt(9e-6 + 2.25e-6), 1e-15);
}

BOOST_AUTO_TEST_CASE(bad_factors_are_refused) {
  const std::vector<std::pair<std::vector<int>, std::string>> bad = {{{}, "at least two"},
                                                                     {{1}, "at least two"},
                                                                     {{1, 1}, "more than once"},
                                                                     {{3, 1, 3}, "more than once"},
                                                                     {{0, 1}, "odd"},
                                                                     {{-1, 3}, "odd"},
                                                                     {{1, 2}, "odd"},
                                                                     {{1, 3, 4}, "odd"}};
  for (const auto& [factors, why] : bad)
    for (const Extrapolation method : {Extrapolation::linear, Extrapolation::richardson}) {
      BOOST_TEST_CONTEXT(why << ", " << factors.size() << " factors") {
        try {
          extrapolation_weights(factors, method);
          BOOST_ERROR("accepted");
        } catch (const InputError& e) {
          BOOST_CHECK_EQUAL(e.where().field, "mitigation.zne.factors");
          BOOST_CHECK_MESSAGE(std::string(e.what()).find(why) != std::string::npos, e.what());
        }
      }
    }
}

BOOST_AUTO_TEST_CASE(method_names) {
  BOOST_CHECK_EQUAL(to_string(Extrapolation::linear), "linear");
  BOOST_CHECK_EQUAL(to_string(Extrapolation::richardson), "richardson");
  BOOST_CHECK(from_string<Extrapolation>("richardson") == Extrapolation::richardson);
  BOOST_CHECK(from_string<Extrapolation>("linear") == Extrapolation::linear);
  BOOST_CHECK_THROW(from_string<Extrapolation>("quadratic"), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
