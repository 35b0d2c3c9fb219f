#include "qmol/qubit/pauli_string.h"

#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <complex>
#include <random>

#include "qmol/core/errors.h"

BOOST_AUTO_TEST_SUITE(pauli_string)

using qmol::PauliString;
using cd = std::complex<double>;

namespace {

Eigen::Matrix2cd single_matrix(char p) {
  Eigen::Matrix2cd m;
  switch (p) {
    case 'X':
      m << 0, 1, 1, 0;
      break;
    case 'Y':
      m << 0, cd(0, -1), cd(0, 1), 0;
      break;
    case 'Z':
      m << 1, 0, 0, -1;
      break;
    default:
      m << 1, 0, 0, 1;
  }
  return m;
}

// Kronecker product with qubit 0 as the least significant index bit.
Eigen::MatrixXcd matrix(const PauliString& p, int n) {
  Eigen::MatrixXcd m = Eigen::MatrixXcd::Identity(1, 1);
  for (int q = n - 1; q >= 0; --q) {
    const Eigen::Matrix2cd s = single_matrix(p.at(q));
    Eigen::MatrixXcd next(m.rows() * 2, m.cols() * 2);
    for (int i = 0; i < m.rows(); ++i)
      for (int j = 0; j < m.cols(); ++j) next.block(2 * i, 2 * j, 2, 2) = m(i, j) * s;
    m = next;
  }
  return m;
}

const cd kI[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};

}  // namespace

BOOST_AUTO_TEST_CASE(single_qubit_product_table) {
  // XY = iZ, YZ = iX, ZX = iY and the reversed orders with -i; squares are I.
  struct Row {
    char a, b, product;
    int phase;
  };
  const Row table[] = {{'X', 'Y', 'Z', 1}, {'Y', 'Z', 'X', 1}, {'Z', 'X', 'Y', 1},
                       {'Y', 'X', 'Z', 3}, {'Z', 'Y', 'X', 3}, {'X', 'Z', 'Y', 3},
                       {'X', 'X', 'I', 0}, {'Y', 'Y', 'I', 0}, {'Z', 'Z', 'I', 0},
                       {'I', 'Y', 'Y', 0}, {'Z', 'I', 'Z', 0}};
  for (const Row& row : table) {
    PauliString result;
    const int phase =
        PauliString::single(70, row.a).multiply(PauliString::single(70, row.b), result);
    BOOST_TEST(phase == row.phase);
    BOOST_TEST(result.at(70) == row.product);
    BOOST_TEST(result.weight() == (row.product == 'I' ? 0 : 1));
  }
}

BOOST_AUTO_TEST_CASE(products_match_matrices) {
  std::mt19937 rng(7);
  const char paulis[] = {'I', 'X', 'Y', 'Z'};
  for (int trial = 0; trial < 200; ++trial) {
    PauliString a, b;
    for (int q = 0; q < 3; ++q) {
      a.set(q, paulis[rng() % 4]);
      b.set(q, paulis[rng() % 4]);
    }
    PauliString c;
    const int phase = a.multiply(b, c);
    BOOST_TEST((matrix(a, 3) * matrix(b, 3) - kI[phase] * matrix(c, 3)).norm() < 1e-14);
    const bool commute = (matrix(a, 3) * matrix(b, 3) - matrix(b, 3) * matrix(a, 3)).norm() < 1e-14;
    BOOST_TEST(a.commutes_with(b) == commute);
  }
}

BOOST_AUTO_TEST_CASE(phases_across_words) {
  // Y63 Y64 (both words) times X63 Z64: (YX)(YZ) = (-iZ)(iX) = Z63 X64.
  PauliString a = PauliString::parse("Y63 Y64"), b = PauliString::parse("X63 Z64"), c;
  BOOST_TEST(a.multiply(b, c) == 0);
  BOOST_TEST(c.str() == "Z63 X64");
  BOOST_TEST(!PauliString::parse("X0 X127").commutes_with(PauliString::parse("Z127")));
  BOOST_TEST(PauliString::parse("X0 X127").commutes_with(PauliString::parse("Z0 Z127")));
}

BOOST_AUTO_TEST_CASE(text_round_trip_and_errors) {
  const PauliString p = PauliString::parse("Z3 X0 Y1");
  BOOST_TEST(p.str() == "X0 Y1 Z3");
  BOOST_TEST(p.span() == 4);
  BOOST_TEST(p.weight() == 3);
  BOOST_TEST(PauliString::parse("").is_identity());
  BOOST_TEST(PauliString{}.str() == "");
  BOOST_CHECK_THROW(PauliString::parse("Q1"), qmol::InputError);
  BOOST_CHECK_THROW(PauliString::parse("X1 Z1"), qmol::InputError);
  BOOST_CHECK_THROW(PauliString::single(128, 'X'), qmol::InputError);
  BOOST_CHECK_THROW(PauliString::single(0, 'W'), qmol::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
