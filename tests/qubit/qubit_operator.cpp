#include "qmol/qubit/qubit_operator.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "qmol/qubit/operator_io.h"

BOOST_AUTO_TEST_SUITE(qubit_operator)

using qmol::PauliString;
using qmol::QubitOperator;
using cd = std::complex<double>;

namespace {

QubitOperator op(std::initializer_list<std::pair<const char*, cd>> terms) {
  QubitOperator o;
  for (const auto& [s, c] : terms) o.add(PauliString::parse(s), c);
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(simplify_is_canonical) {
  QubitOperator a =
      op({{"Z1", 1.0}, {"X0", 0.5}, {"Z1", -1.0}, {"", 2.0}, {"X0", 0.25}, {"Y2", 1e-14}});
  QubitOperator b = op({{"", 2.0}, {"X0", 0.75}});
  a.simplify();
  b.simplify();
  BOOST_TEST(a.size() == 2u);
  BOOST_TEST((a.terms() == b.terms()));
  BOOST_TEST(a.terms()[0].first.is_identity());  // identity sorts first
  BOOST_TEST(a.n_qubits() == 1);
  BOOST_TEST(a.identity_coefficient().real() == 2.0);
  BOOST_TEST(a.one_norm() == 0.75);
}

BOOST_AUTO_TEST_CASE(products_adjoint_hermiticity) {
  const QubitOperator x = op({{"X0", 1.0}}), y = op({{"Y0", 1.0}});
  const QubitOperator xy = x * y;
  BOOST_TEST(xy.size() == 1u);
  BOOST_TEST(xy.terms()[0].first.str() == "Z0");
  BOOST_TEST(std::abs(xy.terms()[0].second - cd(0, 1)) < 1e-15);
  BOOST_TEST(!xy.is_hermitian());
  BOOST_TEST(xy.adjoint().terms()[0].second == cd(0, -1));
  // (X0 + Y0)^2 = 2 I: the cross terms cancel.
  const QubitOperator s = x + y;
  const QubitOperator sq = s * s;
  BOOST_TEST(sq.size() == 1u);
  BOOST_TEST(sq.identity_coefficient().real() == 2.0);
  BOOST_TEST(s.is_hermitian());
  const QubitOperator c = qmol::commutator(x, y);  // [X, Y] = 2iZ
  BOOST_TEST(c.size() == 1u);
  BOOST_TEST(std::abs(c.coefficient(PauliString::parse("Z0")) - cd(0, 2)) < 1e-15);
}

BOOST_AUTO_TEST_CASE(openfermion_text_and_json) {
  QubitOperator a = op({{"Z3 X0 Y1", cd(0.5, 0.25)}, {"", -0.1}, {"Z0", 1.0 / 3.0}});
  a.simplify();
  std::ostringstream text;
  qmol::write_openfermion(text, a);
  BOOST_TEST(text.str() ==
             "-0.10000000000000001 []\n"
             "0.33333333333333331 [Z0]\n"
             "(0.5+0.25j) [X0 Y1 Z3]\n");
  const nlohmann::json j = qmol::to_json(a);
  BOOST_TEST(j["n_qubits"] == 4);
  BOOST_TEST(j["terms"].size() == 3u);
  BOOST_TEST(j["terms"][2]["pauli"] == "X0 Y1 Z3");
  BOOST_TEST(j["terms"][2]["imag"] == 0.25);
}

BOOST_AUTO_TEST_SUITE_END()
