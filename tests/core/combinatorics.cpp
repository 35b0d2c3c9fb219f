// Binomial coefficients against tabulated values.
#include "qmol/core/combinatorics.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(combinatorics)

using namespace qmol;

BOOST_AUTO_TEST_CASE(binomial_known_values) {
  BOOST_CHECK_EQUAL(binomial(0, 0), 1.0);
  BOOST_CHECK_EQUAL(binomial(5, 0), 1.0);
  BOOST_CHECK_EQUAL(binomial(5, 5), 1.0);
  BOOST_CHECK_EQUAL(binomial(10, 3), 120.0);
  BOOST_CHECK_EQUAL(binomial(52, 5), 2598960.0);
  BOOST_CHECK_EQUAL(binomial(20, 10), 184756.0);
  BOOST_CHECK_EQUAL(binomial(40, 20), 137846528820.0);
  BOOST_CHECK_EQUAL(binomial(4, -1), 0.0);
  BOOST_CHECK_EQUAL(binomial(4, 5), 0.0);
  // C(64, 32) = 1832624140942590534 is beyond 2^53: close, not exact.
  BOOST_CHECK_CLOSE(binomial(64, 32), 1832624140942590534.0, 1e-12);
}

BOOST_AUTO_TEST_CASE(table_is_exact) {
  const BinomialTable c(64);
  BOOST_CHECK_EQUAL(c.max_n(), 64);
  BOOST_CHECK_EQUAL(c(0, 0), 1u);
  BOOST_CHECK_EQUAL(c(10, 3), 120u);
  BOOST_CHECK_EQUAL(c(3, 10), 0u);
  BOOST_CHECK_EQUAL(c(52, 5), 2598960u);
  BOOST_CHECK_EQUAL(c(64, 32), 1832624140942590534ull);
  BOOST_CHECK_EQUAL(c(64, 1), 64u);
  BOOST_CHECK_EQUAL(c(64, 64), 1u);
}

BOOST_AUTO_TEST_SUITE_END()
