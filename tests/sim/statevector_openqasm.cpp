// OpenQASM export round trip: a tiny interpreter for the gates to_openqasm emits runs the text,
// and the state must equal the direct simulation up to a global phase.
#include <boost/test/unit_test.hpp>
#include <random>
#include <sstream>
#include <string>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/sim/statevector.h"

BOOST_AUTO_TEST_SUITE(statevector_openqasm)

namespace {

using namespace qmol;

// Runs the subset of OpenQASM 2.0 that to_openqasm writes.
Statevector run_qasm(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  Statevector s;
  while (std::getline(in, line)) {
    if (line.rfind("OPENQASM", 0) == 0 || line.rfind("include", 0) == 0) continue;
    if (line.rfind("qreg q[", 0) == 0) {
      s = Statevector(std::stoi(line.substr(7)));
      continue;
    }
    const std::size_t space = line.find(' ');
    std::string name = line.substr(0, space);
    double angle = 0;
    if (const std::size_t paren = name.find('('); paren != std::string::npos) {
      angle = std::stod(name.substr(paren + 1));
      name = name.substr(0, paren);
    }
    std::vector<int> q;
    for (std::size_t p = line.find('[', space); p != std::string::npos; p = line.find('[', p + 1)) {
      q.push_back(std::stoi(line.substr(p + 1)));
    }
    if (name == "x")
      s.apply_x(q[0]);
    else if (name == "y")
      s.apply_y(q[0]);
    else if (name == "z")
      s.apply_z(q[0]);
    else if (name == "h")
      s.apply_h(q[0]);
    else if (name == "s")
      s.apply_s(q[0]);
    else if (name == "sdg")
      s.apply_sdg(q[0]);
    else if (name == "t")
      s.apply_t(q[0]);
    else if (name == "rx")
      s.apply_rx(q[0], angle);
    else if (name == "ry")
      s.apply_ry(q[0], angle);
    else if (name == "rz")
      s.apply_rz(q[0], angle);
    else if (name == "cx")
      s.apply_cnot(q[0], q[1]);
    else if (name == "cz")
      s.apply_cz(q[0], q[1]);
    else
      BOOST_FAIL("unexpected OpenQASM line: " + line);
  }
  return s;
}

void check_same_up_to_phase(const Statevector& a, const Statevector& b) {
  BOOST_REQUIRE_EQUAL(a.size(), b.size());
  BOOST_CHECK_SMALL(std::abs(a.inner(b)) - 1.0, 1e-12);
}

}  // namespace

BOOST_AUTO_TEST_CASE(lowered_ucc_round_trip) {
  FermionicAnsatz ansatz;
  ansatz.n_spin_orbitals = 6;
  ansatz.reference = {0, 1};
  ansatz.n_parameters = 2;
  ansatz.terms = {{{{0}, {4}}, 0, 1.0}, {{{0, 1}, {2, 5}}, 1, 0.7}, {{{1}, {3}}, 0, -1.0}};
  const std::vector<double> theta = {0.41, -0.93};
  for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
    const Circuit c = lower_to_circuit(ansatz, m);
    check_same_up_to_phase(run_qasm(to_openqasm(c, theta)), simulate(c, theta));
  }
}

BOOST_AUTO_TEST_CASE(every_gate_round_trip) {
  Circuit c(3, 1);
  c.set_initial_state(std::vector<int>{2});
  c.h(0);
  c.x(1);
  c.y(2);
  c.z(0);
  c.s(1);
  c.sdg(2);
  c.t(0);
  c.rx(1, Angle::of(0));
  c.swap(0, 2);
  c.cnot(1, 0);
  PauliString p;
  p.x[0] = 0b110;
  p.z[0] = 0b011;
  c.pauli_rotation(p, {0, 1.5, 0.2});
  HardwareEfficientOptions o;
  o.rotations = {Rotation::rx, Rotation::ry, Rotation::rz};
  o.pattern = EntanglerPattern::ring;
  const Circuit hea = qmol::hardware_efficient(3, o, {0});
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> angle(-2, 2);
  std::vector<double> theta(static_cast<std::size_t>(hea.n_parameters()));
  for (double& t : theta) t = angle(rng);
  check_same_up_to_phase(run_qasm(to_openqasm(c, {0.77})), simulate(c, {0.77}));
  check_same_up_to_phase(run_qasm(to_openqasm(hea, theta)), simulate(hea, theta));
}

BOOST_AUTO_TEST_SUITE_END()
