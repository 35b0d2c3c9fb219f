// Under ThreadSanitizer (scripts/test): the determinant engine's threaded term sweeps
// (set_parallel(true); by default they switch on only from 2^15 determinants) and its threaded
// direct-CI sigma build, compared with the serial sweeps.

#include "qmol/sim/determinant_engine.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "qmol/ansatz/uccsd.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(determinant_engine)

using namespace qmol;

BOOST_AUTO_TEST_CASE(threaded_sweeps_match_serial_ones) {
  // 8 orbitals, 4 + 4 electrons: 4900 determinants, enough for a threaded sigma build.
  const MolecularHamiltonian h = testing::molecular_like_hamiltonian(8, 4, 4, 31);
  const FermionicAnsatz ansatz = uccsd(8, 4, 4);
  DeterminantEngine serial(h, ansatz), threaded(h, ansatz);
  serial.set_parallel(false);
  threaded.set_parallel(true);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-0.1, 0.1);
  std::vector<double> theta(static_cast<std::size_t>(ansatz.n_parameters));
  for (double& t : theta) t = u(rng);

  std::vector<double> g_serial, g_threaded;
  const double e_serial = serial.energy_and_gradient(theta, g_serial);
  const double e_threaded = threaded.energy_and_gradient(theta, g_threaded);
  BOOST_CHECK_SMALL(e_threaded - e_serial, 1e-12);
  BOOST_REQUIRE_EQUAL(g_threaded.size(), g_serial.size());
  double worst = 0.0;
  for (std::size_t k = 0; k < g_serial.size(); ++k)
    worst = std::max(worst, std::abs(g_threaded[k] - g_serial[k]));
  BOOST_CHECK_LT(worst, 1e-12);
  // The rotations are exact plane rotations: the state stays normalized.
  double norm = 0.0;
  for (double a : threaded.state(theta)) norm += a * a;
  BOOST_CHECK_SMALL(norm - 1.0, 1e-12);
  BOOST_CHECK_SMALL(threaded.energy(theta) - e_serial, 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
