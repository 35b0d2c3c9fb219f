#include "qmol/sim/determinant_space.h"

#include <bit>
#include <boost/test/unit_test.hpp>

#include "qmol/core/errors.h"

BOOST_AUTO_TEST_SUITE(determinant_space)

using qmol::DeterminantSpace;

BOOST_AUTO_TEST_CASE(strings_are_increasing_and_indexed_combinatorially) {
  const DeterminantSpace space(6, 3, 2);
  BOOST_TEST(space.n_alpha_strings() == 20u);
  BOOST_TEST(space.n_beta_strings() == 15u);
  BOOST_TEST(space.size() == 300u);
  BOOST_TEST(DeterminantSpace::count(6, 3, 2) == 300.0);
  for (std::size_t i = 0; i < space.n_alpha_strings(); ++i) {
    BOOST_TEST(std::popcount(space.alpha_string(i)) == 3);
    if (i) BOOST_TEST(space.alpha_string(i) > space.alpha_string(i - 1));
    BOOST_TEST(space.alpha_index(space.alpha_string(i)) == i);
  }
  for (std::size_t i = 0; i < space.n_beta_strings(); ++i)
    BOOST_TEST(space.beta_index(space.beta_string(i)) == i);
  BOOST_TEST(space.alpha_string(0) == 0b000111u);
  BOOST_TEST(space.alpha_string(19) == 0b111000u);
}

BOOST_AUTO_TEST_CASE(jordan_wigner_index_interleaves_spins) {
  const DeterminantSpace space(3, 1, 1);
  // alpha in orbital 1 -> qubit 2; beta in orbital 2 -> qubit 5.
  const std::size_t ia = space.alpha_index(0b010), ib = space.beta_index(0b100);
  BOOST_TEST(space.jordan_wigner_index(ia, ib) == ((1u << 2) | (1u << 5)));
}

BOOST_AUTO_TEST_CASE(empty_spins_and_limits) {
  const DeterminantSpace space(4, 0, 2);
  BOOST_TEST(space.n_alpha_strings() == 1u);
  BOOST_TEST(space.alpha_string(0) == 0u);
  BOOST_TEST(space.size() == 6u);
  BOOST_CHECK_THROW(DeterminantSpace(3, 4, 0), qmol::InputError);
  BOOST_CHECK_THROW(DeterminantSpace(65, 1, 1), qmol::InputError);
  const DeterminantSpace wide(64, 1, 0);
  BOOST_TEST(wide.n_alpha_strings() == 64u);
  BOOST_TEST(wide.alpha_index(1ULL << 63) == 63u);
}

BOOST_AUTO_TEST_SUITE_END()
