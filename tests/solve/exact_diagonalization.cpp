#include "qmol/solve/exact_diagonalization.h"

#include <Eigen/Eigenvalues>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <random>

#include "qmol/core/errors.h"
#include "qmol/hamiltonian/fcidump.h"
#include "qmol/sim/determinant_hamiltonian.h"
#include "qmol/sim/determinant_space.h"
#include "support/random_hamiltonian.h"
#include "support/temporary_directory.h"

BOOST_AUTO_TEST_SUITE(exact_diagonalization)

namespace {

using qmol::ExactMethod;
using qmol::ExactOptions;
using qmol::MolecularHamiltonian;
using qmol::testing::molecular_like_hamiltonian;

double run(const MolecularHamiltonian& h, ExactMethod method) {
  ExactOptions o;
  o.method = method;
  const qmol::ExactResult r = qmol::exact_ground_state(h, o);
  BOOST_TEST(r.converged);
  return r.energy;
}

}  // namespace

BOOST_AUTO_TEST_CASE(dense_lanczos_and_davidson_agree) {
  for (auto [n, a, b] : {std::array{6, 3, 3}, std::array{7, 3, 2}, std::array{6, 4, 1}}) {
    const MolecularHamiltonian h = molecular_like_hamiltonian(n, a, b, 100 + n + a);
    const double dense = run(h, ExactMethod::dense);
    BOOST_TEST(std::abs(run(h, ExactMethod::lanczos) - dense) < 1e-10);
    BOOST_TEST(std::abs(run(h, ExactMethod::davidson) - dense) < 1e-10);
    // Variational: below every determinant energy.
    const qmol::DeterminantSpace space(n, a, b);
    const qmol::DeterminantHamiltonian dh(h, space);
    for (double d : dh.diagonal()) BOOST_TEST(dense <= d + 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(davidson_reports_each_iteration) {
  const MolecularHamiltonian h = molecular_like_hamiltonian(7, 3, 3, 21);
  ExactOptions o;
  o.method = ExactMethod::davidson;
  o.spin = qmol::ExactSpin::any;  // one Davidson run (no projected second run)
  std::vector<int> iterations;
  std::vector<double> energies, residuals;
  o.on_iteration = [&](int iteration, double energy, double residual) {
    iterations.push_back(iteration);
    energies.push_back(energy);
    residuals.push_back(residual);
  };
  const qmol::ExactResult r = qmol::exact_ground_state(h, o);
  BOOST_REQUIRE(!iterations.empty());
  BOOST_TEST(iterations.back() == r.iterations);
  BOOST_TEST(iterations.front() == 1);
  BOOST_TEST(residuals.back() < o.tolerance);
  BOOST_TEST(std::abs(energies.back() - r.energy) < 1e-12);
  // Ritz values of a growing subspace only go down (up to rounding across a collapse).
  for (std::size_t k = 1; k < energies.size(); ++k)
    BOOST_TEST(energies[k] <= energies[k - 1] + 1e-12);
}

BOOST_AUTO_TEST_CASE(ground_state_is_a_normalized_eigenvector) {
  const MolecularHamiltonian h = molecular_like_hamiltonian(6, 3, 2, 7);
  for (ExactMethod method : {ExactMethod::dense, ExactMethod::lanczos, ExactMethod::davidson}) {
    ExactOptions o;
    o.method = method;
    o.want_ground_state = true;
    const qmol::ExactResult r = qmol::exact_ground_state(h, o);
    const qmol::DeterminantSpace space(6, 3, 2);
    const qmol::DeterminantHamiltonian dh(h, space);
    BOOST_TEST(r.ground_state.size() == space.size());
    BOOST_TEST(r.n_determinants == space.size());
    std::vector<double> hv(space.size());
    dh.apply(r.ground_state.data(), hv.data());
    double norm = 0.0, residual = 0.0;
    for (std::size_t i = 0; i < hv.size(); ++i) {
      norm += r.ground_state[i] * r.ground_state[i];
      residual = std::max(residual, std::abs(hv[i] - r.energy * r.ground_state[i]));
    }
    BOOST_TEST(std::abs(norm - 1.0) < 1e-10);
    BOOST_TEST(residual < 1e-7);
  }
}

BOOST_AUTO_TEST_CASE(fcidump_round_trip_keeps_the_energy) {
  const MolecularHamiltonian h = molecular_like_hamiltonian(6, 2, 2, 5);
  const qmol::testing::TemporaryDirectory dir("qmol-exact");
  const std::string path = dir.file("round_trip.fcidump");
  qmol::write_fcidump(path, h);
  const MolecularHamiltonian back = qmol::read_fcidump(path).hamiltonian;
  // The text form keeps the integrals to the last bit or one ulp away.
  BOOST_TEST(std::abs(qmol::exact_ground_state(back).energy - qmol::exact_ground_state(h).energy) <
             1e-13);
}

BOOST_AUTO_TEST_CASE(memory_limit_refuses_before_work) {
  // 16 orbitals, 8 + 8 electrons: 1.66e8 determinants, never built here.
  const double bytes = qmol::estimate_exact_memory_bytes(16, 8, 8);
  BOOST_TEST(bytes > 8.0 * 1.6e8 * 4);
  BOOST_TEST(bytes < 24.0 * (1ULL << 30));
  const MolecularHamiltonian big = molecular_like_hamiltonian(16, 8, 8, 1);
  ExactOptions o;
  o.memory_limit_bytes = 1e9;
  try {
    qmol::exact_ground_state(big, o);
    BOOST_FAIL("no ResourceError");
  } catch (const qmol::ResourceError& e) {
    BOOST_TEST(e.where().field == "exact.memory_limit_bytes");
    BOOST_TEST(std::string(e.what()).find("GiB") != std::string::npos);
  }
  ExactOptions bad;
  bad.tolerance = -1.0;
  BOOST_CHECK_THROW(bad.check(), qmol::InputError);
}

BOOST_AUTO_TEST_CASE(single_determinant_and_empty_spaces) {
  const MolecularHamiltonian full = molecular_like_hamiltonian(3, 3, 3, 3);  // one determinant
  const qmol::ExactResult r = qmol::exact_ground_state(full);
  BOOST_TEST(r.n_determinants == 1u);
  BOOST_TEST(std::abs(r.energy - full.determinant_energy(0b111, 0b111)) < 1e-12);
  const MolecularHamiltonian none = molecular_like_hamiltonian(3, 0, 0, 3);
  BOOST_TEST(qmol::exact_ground_state(none).energy == none.core_energy());
}

BOOST_AUTO_TEST_SUITE_END()
