// Structure of lowered fermionic ansätze (the simulations are in tests/sim/statevector_lowering).
#include "qmol/ansatz/lower_to_circuit.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(lower_to_circuit)

using namespace qmol;

BOOST_AUTO_TEST_CASE(rotations_per_excitation) {
  FermionicAnsatz ansatz;
  ansatz.n_spin_orbitals = 4;
  ansatz.reference = {0, 1};
  ansatz.n_parameters = 2;
  ansatz.terms = {{{{0}, {2}}, 0, 1.0}, {{{0, 1}, {2, 3}}, 1, 0.5}};
  const Circuit c = qmol::lower_to_circuit(ansatz, Mapping::jordan_wigner);
  BOOST_CHECK_EQUAL(c.n_qubits(), 4);
  BOOST_CHECK_EQUAL(c.n_parameters(), 2);
  BOOST_CHECK_EQUAL(c.initial_mask(), 0b0011u);
  // A single maps to 2 strings (X Z Y - Y Z X), a double to 8.
  BOOST_REQUIRE_EQUAL(c.size(), 10u);
  for (std::size_t k = 0; k < c.size(); ++k) {
    BOOST_CHECK(c.gates()[k].kind == GateKind::PauliRotation);
    BOOST_CHECK_EQUAL(c.gates()[k].angle.parameter, k < 2 ? 0 : 1);
    // |angle coefficient| = 2 * coefficient * |c_j|: 2 * 1 * 1/2 for singles, 2 * 0.5 * 1/8.
    BOOST_CHECK_CLOSE(std::abs(c.gates()[k].angle.coefficient), k < 2 ? 1.0 : 0.125, 1e-10);
  }
  const Circuit reduced = qmol::lower_to_circuit(ansatz, Mapping::parity, true);
  BOOST_CHECK_EQUAL(reduced.n_qubits(), 2);
}

BOOST_AUTO_TEST_SUITE_END()
