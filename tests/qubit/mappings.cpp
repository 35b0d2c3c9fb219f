#include <boost/test/unit_test.hpp>

#include "qmol/core/errors.h"
#include "qmol/qubit/bravyi_kitaev.h"
#include "qmol/qubit/mapping.h"
#include "qmol/qubit/two_qubit_reduction.h"

BOOST_AUTO_TEST_SUITE(mappings)

using qmol::FermionOperator;
using qmol::Mapping;
using qmol::QubitOperator;

namespace {

bool is_multiple_of_identity(const QubitOperator& op, double value) {
  if (value == 0.0) return op.size() == 0;
  return op.size() == 1 && op.terms()[0].first.is_identity() &&
         std::abs(op.terms()[0].second - value) < 1e-14;
}

void check_anticommutation(const std::vector<qmol::MajoranaPair>& images, int n) {
  std::vector<QubitOperator> a, ad;
  for (int p = 0; p < n; ++p) {
    a.push_back(qmol::map_with_majoranas(FermionOperator::annihilation(p), images, n));
    ad.push_back(qmol::map_with_majoranas(FermionOperator::creation(p), images, n));
    BOOST_TEST((a[p].adjoint().terms() == ad[p].terms()));
  }
  for (int p = 0; p < n; ++p)
    for (int q = 0; q < n; ++q) {
      BOOST_TEST(is_multiple_of_identity(a[p] * ad[q] + ad[q] * a[p], p == q ? 1.0 : 0.0));
      BOOST_TEST(is_multiple_of_identity(a[p] * a[q] + a[q] * a[p], 0.0));
      BOOST_TEST(is_multiple_of_identity(ad[p] * ad[q] + ad[q] * ad[p], 0.0));
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(ladder_images_satisfy_anticommutation) {
  for (int n = 1; n <= 9; ++n)
    for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity})
      check_anticommutation(qmol::majorana_images(m, n), n);
  for (int n = 2; n <= 8; n += 2) check_anticommutation(qmol::block_ordered_parity_majoranas(n), n);
}

BOOST_AUTO_TEST_CASE(known_images) {
  // a†_1 under Jordan-Wigner on 3 qubits: Z0 (X1 - i Y1)/2.
  const QubitOperator jw =
      qmol::map_fermion_operator(FermionOperator::creation(1), Mapping::jordan_wigner, 3);
  BOOST_TEST(jw.str() == "0.5 [Z0 X1]\n(0-0.5j) [Z0 Y1]\n");
  // Parity on 3 qubits: a†_1 = (Z0 X1 X2 - i Y1 X2)/2.
  const QubitOperator par =
      qmol::map_fermion_operator(FermionOperator::creation(1), Mapping::parity, 3);
  BOOST_TEST(par.str() == "0.5 [Z0 X1 X2]\n(0-0.5j) [Y1 X2]\n");
  // Bravyi-Kitaev, n = 8, mode 5 (Seeley-Richard-Love): U = {7}, P = {3, 4}, F = {4}, R = {3}.
  BOOST_TEST((qmol::bk_update_set(5, 8) == std::vector<int>{7}));
  BOOST_TEST((qmol::bk_parity_set(5) == std::vector<int>{3, 4}));
  BOOST_TEST((qmol::bk_flip_set(5) == std::vector<int>{4}));
  BOOST_TEST((qmol::bk_remainder_set(5) == std::vector<int>{3}));
  BOOST_TEST((qmol::bk_flip_set(7) == std::vector<int>{3, 5, 6}));
  BOOST_TEST((qmol::bk_update_set(0, 6) == std::vector<int>{1, 3}));  // n not a power of two
  // Number operator n_3 under BK (n = 4): (1 - Z1 Z2 Z3)/2.
  FermionOperator n3;
  n3.add({{3, true}, {3, false}}, 1.0);
  BOOST_TEST(qmol::bravyi_kitaev(n3, 4).str() == "0.5 []\n-0.5 [Z1 Z2 Z3]\n");
}

BOOST_AUTO_TEST_CASE(mapping_names) {
  for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity})
    BOOST_TEST((qmol::from_string<qmol::Mapping>(qmol::to_string(m)) == m));
  BOOST_TEST(qmol::to_string(Mapping::bravyi_kitaev) == "bravyi-kitaev");
  try {
    qmol::from_string<qmol::Mapping>("jordan_wigner");
    BOOST_FAIL("expected InputError");
  } catch (const qmol::InputError& e) {
    BOOST_TEST(std::string(e.what()).find("(expected jordan-wigner, bravyi-kitaev or parity)") !=
               std::string::npos);
  }
  BOOST_CHECK_THROW(qmol::map_fermion_operator(FermionOperator::creation(4), Mapping::parity, 4),
                    qmol::InputError);
}

BOOST_AUTO_TEST_SUITE_END()
