// The bit helpers against values worked out by hand.
#include "qmol/core/bits.h"

#include <boost/test/unit_test.hpp>
#include <vector>

BOOST_AUTO_TEST_SUITE(bits)

using namespace qmol;

BOOST_AUTO_TEST_CASE(masks) {
  BOOST_CHECK_EQUAL(low_bits(0), 0u);
  BOOST_CHECK_EQUAL(low_bits(3), 0b111u);
  BOOST_CHECK_EQUAL(low_bits(63), 0x7fffffffffffffffull);
  BOOST_CHECK_EQUAL(low_bits(64), 0xffffffffffffffffull);
  BOOST_CHECK_EQUAL(bit(0), 1u);
  BOOST_CHECK_EQUAL(bit(63), 0x8000000000000000ull);
  BOOST_CHECK(test_bit(0b100, 2));
  BOOST_CHECK(!test_bit(0b100, 1));
  BOOST_CHECK_EQUAL(bits_between(1, 5), 0b11100u);
  BOOST_CHECK_EQUAL(bits_between(5, 1), 0b11100u);
  BOOST_CHECK_EQUAL(bits_between(2, 3), 0u);
  BOOST_CHECK_EQUAL(bits_between(0, 63), 0x7ffffffffffffffeull);
}

BOOST_AUTO_TEST_CASE(parities) {
  BOOST_CHECK_EQUAL(parity(0), 0);
  BOOST_CHECK_EQUAL(parity(0b1011), 1);
  BOOST_CHECK_EQUAL(parity(0b1001), 0);
  BOOST_CHECK_EQUAL(parity(~std::uint64_t{0}), 0);
  BOOST_CHECK_EQUAL(parity_sign(0b111), -1.0);
  BOOST_CHECK_EQUAL(parity_sign(0b110), 1.0);
  BOOST_CHECK_EQUAL(lowest_bit(0b10100), 2);
  BOOST_CHECK_EQUAL(highest_bit(0b10100), 4);
  BOOST_CHECK_EQUAL(highest_bit(bit(63) | 1), 63);
}

BOOST_AUTO_TEST_CASE(iteration) {
  std::vector<int> positions;
  for (int p : set_bits(0b1010'0110)) positions.push_back(p);
  BOOST_CHECK(positions == (std::vector<int>{1, 2, 5, 7}));
  positions.clear();
  for (int p : set_bits(0)) positions.push_back(p);
  BOOST_CHECK(positions.empty());
  for (int p : set_bits(bit(63))) positions.push_back(p);
  BOOST_CHECK(positions == std::vector<int>{63});
}

BOOST_AUTO_TEST_CASE(strings_of_equal_popcount) {
  // The 2-bit strings of 4 bits in increasing order: 0011 0101 0110 1001 1010 1100.
  std::vector<std::uint64_t> strings{0b0011};
  while (strings.back() != 0b1100) strings.push_back(next_same_popcount(strings.back()));
  BOOST_CHECK(strings ==
              (std::vector<std::uint64_t>{0b0011, 0b0101, 0b0110, 0b1001, 0b1010, 0b1100}));
  BOOST_CHECK_EQUAL(next_same_popcount(0b1), 0b10u);
  BOOST_CHECK_EQUAL(next_same_popcount(0b10111), 0b11011u);
}

BOOST_AUTO_TEST_SUITE_END()
