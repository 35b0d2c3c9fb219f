// Circuit construction, validation and OpenQASM 2.0 export.
#include "qmol/ansatz/circuit.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "qmol/ansatz/openqasm.h"
#include "qmol/core/errors.h"

BOOST_AUTO_TEST_SUITE(circuit)

namespace {

using namespace qmol;

bool contains(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(angles_and_initial_state) {
  Circuit c(4, 2);
  c.set_initial_state(std::uint64_t{0b0101});
  BOOST_CHECK_EQUAL(c.initial_qubits().size(), 2u);
  BOOST_CHECK_EQUAL(c.initial_mask(), 0b0101u);
  c.set_initial_state(std::vector<int>{3, 1});
  BOOST_CHECK_EQUAL(c.initial_mask(), 0b1010u);
  const Angle a{1, -2.0, 0.5};
  BOOST_CHECK_CLOSE(a.value({0.0, 0.25}), 0.0, 1e-12);
  BOOST_CHECK_EQUAL(Angle::fixed(0.3).value({}), 0.3);
  c.rx(0, a);
  c.cnot(0, 3);
  BOOST_CHECK_EQUAL(c.size(), 2u);
  BOOST_CHECK(c.gates()[0].is_parametrised());
  BOOST_CHECK(!c.gates()[1].is_parametrised());
  const PauliString g = c.gates()[0].generator();
  BOOST_CHECK_EQUAL(g.x[0], 1u);
  BOOST_CHECK_EQUAL(g.z[0], 0u);
}

BOOST_AUTO_TEST_CASE(bad_gates_are_refused) {
  Circuit c(3, 1);
  BOOST_CHECK_THROW(c.x(3), InputError);
  BOOST_CHECK_THROW(c.h(-1), InputError);
  BOOST_CHECK_THROW(c.cnot(1, 1), InputError);
  BOOST_CHECK_THROW(c.ry(0, Angle::of(1)), InputError);  // only parameter 0 exists
  PauliString p;
  p.z[0] = 0b1000;
  BOOST_CHECK_THROW(c.pauli_rotation(p, Angle::of(0)), InputError);
  BOOST_CHECK_THROW(c.set_initial_state(std::vector<int>{0, 0}), InputError);
  BOOST_CHECK_THROW(c.set_initial_state(std::vector<int>{5}), InputError);
  BOOST_CHECK_THROW(Circuit(129, 0), InputError);
}

BOOST_AUTO_TEST_CASE(openqasm_has_the_expected_gates) {
  Circuit c(3, 1);
  c.set_initial_state(std::vector<int>{0});
  c.h(0);
  c.sdg(1);
  c.t(2);
  c.ry(1, {0, 2.0, 0.0});
  c.cz(0, 2);
  c.swap(1, 2);
  PauliString p;  // X0 Y1 Z2
  p.x[0] = 0b011;
  p.z[0] = 0b110;
  c.pauli_rotation(p, Angle::of(0, -1.0));
  const std::string qasm = to_openqasm(c, {0.25});
  BOOST_TEST_MESSAGE(qasm);
  BOOST_CHECK(qasm.rfind("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\n", 0) == 0);
  BOOST_CHECK(
      contains(qasm, "x q[0];\nh q[0];\nsdg q[1];\nt q[2];\nry(0.5) q[1];\ncz q[0],q[2];\n"));
  BOOST_CHECK(contains(qasm, "cx q[1],q[2];\ncx q[2],q[1];\ncx q[1],q[2];\n"));
  // exp(-i t X0 Y1 Z2 / 2), t = -0.25: basis changes, ladder 0->1->2, rz on q[2], mirror.
  BOOST_CHECK(contains(qasm,
                       "h q[0];\nrx(1.5707963267948966) q[1];\ncx q[0],q[1];\ncx q[1],q[2];\n"
                       "rz(-0.25) q[2];\ncx q[1],q[2];\ncx q[0],q[1];\nh q[0];\n"
                       "rx(-1.5707963267948966) q[1];\n"));
  BOOST_CHECK_THROW(to_openqasm(c, {}), InternalError);
}

BOOST_AUTO_TEST_SUITE_END()
