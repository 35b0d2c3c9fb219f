// Under ThreadSanitizer (scripts/test): the statevector kernels on Statevector::kParallelQubits
// qubits, where their loops run threaded: every gate kind, the fused circuit's blocks, Pauli
// expectation values and the adjoint gradient, checked against the parameter-shift gradient.

#include "qmol/sim/statevector.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <complex>
#include <vector>

#include "qmol/ansatz/circuit.h"
#include "qmol/qubit/pauli_string.h"
#include "qmol/qubit/qubit_operator.h"
#include "qmol/sim/fused_circuit.h"
#include "qmol/sim/pauli_expectation.h"
#include "qmol/sim/statevector_engine.h"

BOOST_AUTO_TEST_SUITE(statevector)

using namespace qmol;

namespace {

constexpr int kQubits = Statevector::kParallelQubits;
const std::vector<double> kTheta = {0.3, -0.7, 1.1, 0.4};

// Every gate kind, on parameters shared between gates.
Circuit every_gate() {
  Circuit c(kQubits, 4);
  c.set_initial_state(std::vector<int>{0, 3, 5});
  for (int q = 0; q < kQubits; ++q) q % 2 ? c.h(q) : c.ry(q, Angle::of(q % 4, 0.5 + 0.1 * q));
  c.x(1), c.y(2), c.z(3), c.s(4), c.sdg(5), c.t(6);
  c.rx(7, Angle::of(1)), c.rz(8, Angle::of(2, -1.0)), c.ry(9, Angle::fixed(0.3));
  for (int q = 0; q + 1 < kQubits; ++q) q % 3 ? c.cnot(q, q + 1) : c.cz(q + 1, q);
  c.swap(0, kQubits - 1);
  c.pauli_rotation(PauliString::parse("X0 Y1 Z2 Z12 X13"), Angle::of(3));
  c.pauli_rotation(PauliString::parse("Z0 Z1 Z13"), Angle::of(0, 0.7));
  c.pauli_rotation(PauliString::parse(""), Angle::of(1));
  return c;
}

QubitOperator observable() {
  QubitOperator h(kQubits);
  h.add(PauliString::parse("Z0 Z13"), 0.5);
  h.add(PauliString::parse("X0 X1"), -0.3);
  h.add(PauliString::parse("Y1 Y2"), 0.2);
  h.add(PauliString::parse("X6 Z7 Z8 Z9 Y10"), 0.4);
  h.add(PauliString::parse(""), 1.1);
  h.simplify();
  return h;
}

}  // namespace

BOOST_AUTO_TEST_CASE(adjoint_gradient_matches_parameter_shift) {
  StatevectorEngine engine(observable(), every_gate());
  std::vector<double> adjoint;
  const double e = engine.energy_and_gradient(kTheta, adjoint);
  BOOST_CHECK_SMALL(e - engine.energy(kTheta), 1e-12);
  BOOST_CHECK_SMALL(e - expectation_value(observable(), simulate(every_gate(), kTheta)), 1e-12);
  const std::vector<double> shift = engine.parameter_shift_gradient(kTheta);
  BOOST_REQUIRE_EQUAL(adjoint.size(), shift.size());
  for (std::size_t p = 0; p < shift.size(); ++p) BOOST_CHECK_SMALL(adjoint[p] - shift[p], 1e-10);
}

BOOST_AUTO_TEST_CASE(fused_blocks_match_gate_by_gate) {
  const Circuit circuit = every_gate();
  Statevector want(kQubits, circuit.initial_mask());
  for (const Gate& g : circuit.gates()) apply_gate(want, g, kTheta);
  // Gathered blocks of 4 qubits, the default blocks, and the whole state as one block.
  for (int block : {4, 0, kQubits}) {
    Statevector got(kQubits, circuit.initial_mask());
    FusedCircuit(circuit, kTheta, block).apply(got);
    BOOST_CHECK_SMALL(std::abs(got.inner(want) - 1.0), 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(gates_and_paulis_are_unitary) {
  const Statevector psi = simulate(every_gate(), kTheta);
  BOOST_CHECK_SMALL(psi.norm_squared() - 1.0, 1e-12);
  // A Pauli string squares to one.
  Statevector twice = psi;
  const PauliString p = PauliString::parse("X2 Y4 Z5 X13");
  twice.apply_pauli(p);
  BOOST_CHECK_SMALL(std::abs(psi.inner(twice) - pauli_matrix_element(p, psi, psi)), 1e-12);
  twice.apply_pauli(p);
  BOOST_CHECK_SMALL(std::abs(psi.inner(twice) - 1.0), 1e-12);
  const PauliString z = PauliString::parse("Z0 Z7 Z13");  // diagonal: its own kernel
  twice.apply_pauli(z);
  BOOST_CHECK_SMALL(std::abs(psi.inner(twice) - pauli_matrix_element(z, psi, psi)), 1e-12);
  // O psi, then <psi|O psi> = <O>.
  Statevector applied;
  apply(observable(), psi, applied);
  BOOST_CHECK_SMALL(psi.inner(applied).real() - expectation_value(observable(), psi), 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
