#include "qmol/solve/optimizer.h"

#include <boost/test/unit_test.hpp>
#include <cmath>

#include "qmol/core/errors.h"

BOOST_AUTO_TEST_SUITE(optimizer)

using namespace qmol;

namespace {

// E = sum_k w_k (x_k - c_k)^2 + offset: minimum `offset` at c, condition number 10.
class Quadratic : public EnergyFunction {
 public:
  explicit Quadratic(int n) : n_(n) {}
  int n_parameters() const override { return n_; }
  double energy(const std::vector<double>& x) override {
    double e = -1.5;
    for (int k = 0; k < n_; ++k) e += weight(k) * (x[k] - centre(k)) * (x[k] - centre(k));
    return e;
  }
  double energy_and_gradient(const std::vector<double>& x, std::vector<double>& g) override {
    g.resize(n_);
    for (int k = 0; k < n_; ++k) g[k] = 2 * weight(k) * (x[k] - centre(k));
    return energy(x);
  }
  static double weight(int k) { return 1.0 + 9.0 * (k % 4) / 3.0; }
  static double centre(int k) { return 0.1 * (k + 1) * (k % 2 ? -1 : 1); }

 private:
  int n_;
};

class Rosenbrock : public EnergyFunction {
 public:
  int n_parameters() const override { return 2; }
  double energy(const std::vector<double>& x) override {
    return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
  }
  double energy_and_gradient(const std::vector<double>& x, std::vector<double>& g) override {
    g = {-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])};
    return energy(x);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(lbfgs_minimises_rosenbrock) {
  Rosenbrock f;
  OptimizerOptions options;
  int calls = 0;
  const auto r = minimize(f, {-1.2, 1.0}, options, [&](int, double, double) { ++calls; });
  BOOST_TEST(r.converged);
  BOOST_TEST(std::abs(r.parameters[0] - 1.0) < 1e-5);
  BOOST_TEST(std::abs(r.parameters[1] - 1.0) < 1e-5);
  BOOST_TEST(r.energy < 1e-10);
  BOOST_TEST(calls == r.iterations + 1);
  BOOST_TEST(r.energies.size() == static_cast<std::size_t>(r.iterations + 1));
  BOOST_TEST(r.gradient_norms.size() == r.energies.size());
  BOOST_TEST(r.evaluations >= r.iterations);
}

BOOST_AUTO_TEST_CASE(every_method_minimises_a_quadratic) {
  struct Case {
    const char* method;
    int max_iterations;
    double tolerance;  // on the energy above the minimum
  };
  for (Case c :
       {Case{"lbfgs", 200, 1e-12}, Case{"cobyla", 400, 1e-7}, Case{"bobyqa", 400, 1e-7},
        Case{"nelder-mead", 600, 1e-6}, Case{"adam", 3000, 1e-8}, Case{"spsa", 3000, 1e-3}}) {
    Quadratic f(6);
    OptimizerOptions options;
    options.method = from_string<OptimizerMethod>(c.method);
    options.max_iterations = c.max_iterations;
    if (std::string(c.method) == "spsa") options.step_size = 0.5;
    const auto r = minimize(f, std::vector<double>(6, 0.0), options);
    BOOST_TEST_INFO(c.method << ": E - E_min = " << r.energy + 1.5 << ", " << r.message);
    BOOST_TEST(r.energy + 1.5 < c.tolerance);
    BOOST_TEST(std::abs(f.energy(r.parameters) - r.energy) < 1e-14);
  }
}

BOOST_AUTO_TEST_CASE(deterministic_given_the_seed) {
  for (const char* method : {"spsa", "cobyla", "lbfgs"}) {
    Quadratic f(5);
    OptimizerOptions options;
    options.method = from_string<OptimizerMethod>(method);
    options.max_iterations = 50;
    const auto a = minimize(f, std::vector<double>(5, 0.3), options);
    const auto b = minimize(f, std::vector<double>(5, 0.3), options);
    BOOST_TEST(a.parameters == b.parameters);
    BOOST_TEST(a.energies == b.energies);
  }
}

BOOST_AUTO_TEST_CASE(check_names_the_field) {
  auto field_of = [](OptimizerOptions o) {
    try {
      o.check();
    } catch (const InputError& e) {
      return e.where().field;
    }
    return std::string("none");
  };
  OptimizerOptions o;
  BOOST_TEST(field_of(o) == "none");
  BOOST_CHECK_THROW(from_string<OptimizerMethod>("newton"), InputError);
  o.max_iterations = 0;
  BOOST_TEST(field_of(o) == "optimizer.max_iterations");
  o = {};
  o.gradient_tolerance = -1;
  BOOST_TEST(field_of(o) == "optimizer.gradient_tolerance");
  o = {};
  o.energy_tolerance = std::nan("");
  BOOST_TEST(field_of(o) == "optimizer.energy_tolerance");
  o = {};
  o.step_size = 0;
  BOOST_TEST(field_of(o) == "optimizer.step_size");
  Quadratic f(3);
  BOOST_CHECK_THROW(minimize(f, {0.0, 0.0}, OptimizerOptions{}), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
