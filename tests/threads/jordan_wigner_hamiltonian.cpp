// Under ThreadSanitizer (scripts/test): the Jordan-Wigner builder, whose blocks (one per highest
// X qubit) are generated and sorted on the OpenMP threads, against the single-threaded Majorana
// path.

#include "qmol/qubit/jordan_wigner_hamiltonian.h"

#include <boost/test/unit_test.hpp>
#include <complex>

#include "qmol/qubit/jordan_wigner.h"
#include "qmol/qubit/qubit_hamiltonian.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(jordan_wigner_hamiltonian)

// Qualified names: the suite shares the builder's name.
BOOST_AUTO_TEST_CASE(threaded_blocks_equal_majorana_path) {
  const qmol::MolecularHamiltonian h = qmol::testing::random_hamiltonian(6, 3, 3, 41);
  const qmol::QubitOperator fast = qmol::jordan_wigner_hamiltonian(h);
  const qmol::QubitOperator reference =
      qmol::qubit_hamiltonian(h, qmol::jordan_wigner_majoranas(12));
  BOOST_TEST_REQUIRE(fast.size() == reference.size());
  for (std::size_t k = 0; k < fast.size(); ++k) {
    BOOST_TEST((fast.terms()[k].first == reference.terms()[k].first));
    BOOST_TEST(std::abs(fast.terms()[k].second - reference.terms()[k].second) < 1e-12);
  }
}

BOOST_AUTO_TEST_SUITE_END()
