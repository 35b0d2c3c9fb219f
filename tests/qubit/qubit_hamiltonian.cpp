// Direct assembly of the qubit Hamiltonian: against mapping the full FermionOperator, the
// closed-form Jordan-Wigner builder against the generic Majorana path, and against the
// closed-form H2/STO-3G Jordan-Wigner Hamiltonian.
#include "qmol/qubit/qubit_hamiltonian.h"

#include <boost/test/unit_test.hpp>
#include <random>

#include "qmol/core/errors.h"
#include "qmol/hamiltonian/fermion_operator.h"
#include "qmol/qubit/jordan_wigner.h"
#include "qmol/qubit/jordan_wigner_hamiltonian.h"
#include "qmol/qubit/two_qubit_reduction.h"
#include "support/brute_force.h"
#include "support/random_hamiltonian.h"

BOOST_AUTO_TEST_SUITE(qubit_hamiltonian)

using qmol::Mapping;
using qmol::PauliString;
using qmol::QubitOperator;

namespace {

void check_equal(const QubitOperator& a, const QubitOperator& b) {
  BOOST_TEST_REQUIRE(a.size() == b.size());
  BOOST_TEST(a.n_qubits() == b.n_qubits());
  for (std::size_t k = 0; k < a.size(); ++k) {
    BOOST_TEST((a.terms()[k].first == b.terms()[k].first));
    BOOST_TEST(std::abs(a.terms()[k].second - b.terms()[k].second) < 1e-12);
  }
}

// Random real integrals with the 8-fold symmetry that vanish unless every index is in `active`
// (all orbitals when empty), and otherwise with probability `zeros`: the exact zeros of a
// molecule's point group.
qmol::MolecularHamiltonian sparse_hamiltonian(int n, const std::vector<int>& active, double zeros,
                                              unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  auto in = [&](std::initializer_list<int> orbitals) {
    for (int p : orbitals)
      if (!active.empty() && std::find(active.begin(), active.end(), p) == active.end())
        return false;
    return true;
  };
  auto draw = [&](double scale) { return (u(rng) + 1.0) / 2.0 < zeros ? 0.0 : scale * u(rng); };
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(n, n);
  for (int p = 0; p < n; ++p)
    for (int q = 0; q <= p; ++q)
      if (in({p, q})) h(p, q) = h(q, p) = draw(1.0);
  const std::vector<double> g = qmol::testing::symmetric_eris(n, [&](int p, int q, int r, int s) {
    return in({p, q, r, s}) ? draw(0.5) : 0.0;
  });
  return qmol::MolecularHamiltonian(u(rng), h, g, 1, 1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(jordan_wigner_equals_majorana_path) {
  // Dense and sparse integrals; 9 orbitals make 18 qubits and every class of string.
  for (auto [n, zeros, seed] : {std::tuple{1, 0.0, 21u},
                                {2, 0.0, 22u},
                                {3, 0.0, 23u},
                                {4, 0.5, 24u},
                                {6, 0.0, 25u},
                                {7, 0.8, 26u},
                                {9, 0.0, 27u},
                                {9, 0.6, 28u}}) {
    const auto h = sparse_hamiltonian(n, {}, zeros, seed);
    const QubitOperator fast = qmol::jordan_wigner_hamiltonian(h);
    check_equal(fast, qmol::qubit_hamiltonian(h, qmol::jordan_wigner_majoranas(2 * n)));
    for (const auto& [p, c] : fast.terms()) BOOST_TEST(c.imag() == 0.0);
  }
}

BOOST_AUTO_TEST_CASE(jordan_wigner_beyond_one_mask_word) {
  // 33 orbitals (66 qubits), integrals only on orbitals 0, 1 and 30-32: sign strings and four-mode
  // sets that cross from the first 64-bit mask word into the second, and the term order there.
  const auto h = sparse_hamiltonian(33, {0, 1, 30, 31, 32}, 0.0, 31);
  const QubitOperator fast = qmol::jordan_wigner_hamiltonian(h);
  BOOST_TEST(fast.n_qubits() == 66);
  check_equal(fast, qmol::jordan_wigner(qmol::fermion_operator(h), 66));
}

BOOST_AUTO_TEST_CASE(direct_assembly_equals_mapped_fermion_operator) {
  for (auto [n, seed] : {std::pair{2, 1u}, {3, 2u}, {4, 3u}, {5, 4u}}) {
    const auto h = qmol::testing::random_hamiltonian(n, 1, 1, seed);
    const qmol::FermionOperator f = qmol::fermion_operator(h);
    for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
      const QubitOperator direct = qmol::qubit_hamiltonian(h, m);
      check_equal(direct, qmol::map_fermion_operator(f, m, 2 * n));
      for (const auto& [p, c] : direct.terms()) BOOST_TEST(c.imag() == 0.0);
    }
    check_equal(qmol::qubit_hamiltonian(h, Mapping::parity, true),
                qmol::parity_two_qubit_reduction(qmol::parity_block_ordered(f, 2 * n), 1, 1));
  }
}

BOOST_AUTO_TEST_CASE(h2_sto3g_closed_form) {
  // H2/STO-3G at 0.7414 Angstrom (molecular orbitals sigma_g, sigma_u). By symmetry only
  // h00, h11, (00|00), (11|11), (00|11) and (01|01) = (01|10) = K are non-zero.
  const double core = 0.7137539936876182, h00 = -1.2524635735648986, h11 = -0.4759487152209648;
  const double j00 = 0.6744887663568382, j11 = 0.6973949659350038, j01 = 0.6634114468445802,
               k = 0.1812104520687201;
  Eigen::MatrixXd h(2, 2);
  h << h00, 0, 0, h11;
  std::vector<double> g(16, 0.0);
  auto at = [&](int p, int q, int r, int s) -> double& { return g[((p * 2 + q) * 2 + r) * 2 + s]; };
  at(0, 0, 0, 0) = j00;
  at(1, 1, 1, 1) = j11;
  at(0, 0, 1, 1) = at(1, 1, 0, 0) = j01;
  at(0, 1, 0, 1) = at(0, 1, 1, 0) = at(1, 0, 0, 1) = at(1, 0, 1, 0) = k;
  const qmol::MolecularHamiltonian mol(core, h, g, 1, 1);
  const QubitOperator op = qmol::qubit_hamiltonian(mol, Mapping::jordan_wigner);
  BOOST_TEST(op.size() == 15u);

  // n_p = (1 - Z_p)/2 on modes 0 = 0a, 1 = 0b, 2 = 1a, 3 = 1b; the two-body diagonal is
  // j00 n0 n1 + j11 n2 n3 + (j01 - k)(n0 n2 + n1 n3) + j01 (n0 n3 + n1 n2).
  const std::pair<const char*, double> expected[] = {
      {"", core + h00 + h11 + (j00 + j11 + 4 * j01 - 2 * k) / 4},
      {"Z0", -h00 / 2 - (j00 + 2 * j01 - k) / 4},
      {"Z1", -h00 / 2 - (j00 + 2 * j01 - k) / 4},
      {"Z2", -h11 / 2 - (j11 + 2 * j01 - k) / 4},
      {"Z3", -h11 / 2 - (j11 + 2 * j01 - k) / 4},
      {"Z0 Z1", j00 / 4},
      {"Z2 Z3", j11 / 4},
      {"Z0 Z2", (j01 - k) / 4},
      {"Z1 Z3", (j01 - k) / 4},
      {"Z0 Z3", j01 / 4},
      {"Z1 Z2", j01 / 4},
      {"X0 X1 Y2 Y3", -k / 4},
      {"Y0 Y1 X2 X3", -k / 4},
      {"X0 Y1 Y2 X3", k / 4},
      {"Y0 X1 X2 Y3", k / 4},
  };
  for (const auto& [pauli, value] : expected) {
    const std::complex<double> c = op.coefficient(PauliString::parse(pauli));
    BOOST_TEST(std::abs(c - value) < 1e-14, "[" << pauli << "] " << c << " vs " << value);
  }
}

BOOST_AUTO_TEST_CASE(reduction_needs_parity) {
  const auto h = qmol::testing::random_hamiltonian(2, 1, 1, 5);
  try {
    qmol::qubit_hamiltonian(h, Mapping::bravyi_kitaev, true);
    BOOST_FAIL("expected InputError");
  } catch (const qmol::InputError& e) {
    BOOST_TEST(e.where().field == "hamiltonian.two_qubit_reduction");
  }
  // A non-conserving operator cannot be reduced.
  QubitOperator bad(4);
  bad.add(PauliString::parse("X1"), 1.0);
  BOOST_CHECK_THROW(qmol::parity_two_qubit_reduction(bad, 1, 1), qmol::NumericalError);
}

BOOST_AUTO_TEST_SUITE_END()
