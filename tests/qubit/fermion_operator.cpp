#include "qmol/hamiltonian/fermion_operator.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(fermion_operator)

using qmol::FermionOperator;

namespace {

FermionOperator a(int p) {
  return FermionOperator::annihilation(p);
}
FermionOperator ad(int p) {
  return FermionOperator::creation(p);
}

bool is_multiple_of_identity(const FermionOperator& op, double value) {
  if (value == 0.0) return op.size() == 0;
  return op.size() == 1 && op.terms()[0].first.empty() &&
         std::abs(op.terms()[0].second - value) < 1e-15;
}

}  // namespace

BOOST_AUTO_TEST_CASE(canonical_anticommutation_relations) {
  for (int p = 0; p < 5; ++p)
    for (int q = 0; q < 5; ++q) {
      BOOST_TEST(is_multiple_of_identity(qmol::anticommutator(a(p), ad(q)), p == q ? 1.0 : 0.0));
      BOOST_TEST(is_multiple_of_identity(qmol::anticommutator(a(p), a(q)), 0.0));
      BOOST_TEST(is_multiple_of_identity(qmol::anticommutator(ad(p), ad(q)), 0.0));
    }
}

BOOST_AUTO_TEST_CASE(normal_ordering_signs_and_contractions) {
  // a_1 a†_1 = 1 - a†_1 a_1
  const FermionOperator n1 = (a(1) * ad(1)).normal_ordered();
  BOOST_TEST(n1.str() == "1 []\n-1 [1^ 1]\n");
  // a_0 a†_2 = -a†_2 a_0 ; a†_0 a†_2 = -a†_2 a†_0 ; a†_3 a†_3 = 0
  BOOST_TEST((a(0) * ad(2)).normal_ordered().str() == "-1 [2^ 0]\n");
  BOOST_TEST((ad(0) * ad(2)).normal_ordered().str() == "-1 [2^ 0^]\n");
  BOOST_TEST((ad(3) * ad(3)).normal_ordered().size() == 0u);
  // a_0 a†_0 a_1 a†_1 = (1 - n0)(1 - n1), with n0 n1 = -a†_1 a†_0 a_1 a_0
  const FermionOperator holes = (a(0) * ad(0) * a(1) * ad(1)).normal_ordered();
  BOOST_TEST(holes.str() == "1 []\n-1 [1^ 1]\n-1 [0^ 0]\n-1 [1^ 0^ 1 0]\n");
  BOOST_TEST(holes.is_normal_ordered());
  // Number operators commute; [n_p, a†_p] = a†_p.
  BOOST_TEST(qmol::commutator(ad(0) * a(0), ad(1) * a(1)).size() == 0u);
  BOOST_TEST(qmol::commutator(ad(2) * a(2), ad(2)).str() == "1 [2^]\n");
}

BOOST_AUTO_TEST_CASE(adjoint_reverses_and_conjugates) {
  FermionOperator t;
  t.add({{3, true}, {1, true}, {2, false}, {0, false}}, std::complex<double>(0.5, 0.25));
  const FermionOperator h = t.adjoint();
  BOOST_TEST(h.str() == "(0.5-0.25j) [0^ 2^ 1 3]\n");
  BOOST_TEST(h.normal_ordered().str() == "(0.5-0.25j) [2^ 0^ 3 1]\n");
  BOOST_TEST((h.adjoint().terms() == t.terms()));
}

BOOST_AUTO_TEST_SUITE_END()
