// OpenQASM export round trip: a tiny interpreter for the OpenQASM 2 and 3 that to_openqasm writes
// runs the text, and the state must equal the direct simulation up to a global phase. For qasm3
// the angles are expressions of the inputs, so other input values give the circuit at them.
#include <boost/test/unit_test.hpp>
#include <cctype>
#include <cmath>
#include <map>
#include <numbers>
#include <random>
#include <sstream>
#include <string>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/openqasm.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/sim/statevector.h"

BOOST_AUTO_TEST_SUITE(statevector_openqasm)

namespace {

using namespace qmol;
using Inputs = std::map<std::string, double>;

// +, -, *, / over numbers, pi and input names, by recursive descent.
class Expression {
 public:
  Expression(const std::string& text, const Inputs& inputs) : text_(text), inputs_(inputs) {}
  double value() {
    const double v = sum();
    skip_space();
    BOOST_REQUIRE_MESSAGE(pos_ == text_.size(), "trailing text in the angle " + text_);
    return v;
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  char peek() {
    skip_space();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  double sum() {
    double v = product();
    for (char c = peek(); c == '+' || c == '-'; c = peek()) {
      ++pos_;
      v = c == '+' ? v + product() : v - product();
    }
    return v;
  }
  double product() {
    double v = atom();
    for (char c = peek(); c == '*' || c == '/'; c = peek()) {
      ++pos_;
      v = c == '*' ? v * atom() : v / atom();
    }
    return v;
  }
  double atom() {
    const char c = peek();
    if (c == '-' || c == '+') {
      ++pos_;
      return c == '-' ? -atom() : atom();
    }
    if (c == '(') {
      ++pos_;
      const double v = sum();
      BOOST_REQUIRE_EQUAL(peek(), ')');
      ++pos_;
      return v;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const std::size_t start = pos_;
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
        ++pos_;
      const std::string name = text_.substr(start, pos_ - start);
      if (name == "pi") return std::numbers::pi;
      const auto it = inputs_.find(name);
      BOOST_REQUIRE_MESSAGE(it != inputs_.end(), "no input " + name);
      return it->second;
    }
    std::size_t used = 0;
    const double v = std::stod(text_.substr(pos_), &used);
    pos_ += used;
    return v;
  }

  const std::string& text_;
  const Inputs& inputs_;
  std::size_t pos_ = 0;
};

struct Program {
  Statevector state;
  Inputs header;  // the values of qasm3's "// theta_k = v" comments
  std::vector<std::string> declared_inputs;
};

// Runs the OpenQASM 2.0 or 3.0 that to_openqasm writes, the inputs at `inputs` (or, when empty,
// at the values the comment header lists).
Program run_qasm(const std::string& text, Inputs inputs = {}) {
  Program out;
  std::istringstream in(text);
  std::string line;
  for (std::istringstream header(text); std::getline(header, line);) {
    if (line.rfind("// theta_", 0) != 0) continue;
    const std::size_t eq = line.find(" = ");
    out.header[line.substr(3, eq - 3)] = std::stod(line.substr(eq + 3));
  }
  if (inputs.empty()) inputs = out.header;
  bool declared = false;
  while (std::getline(in, line)) {
    if (line.empty() || line.rfind("//", 0) == 0) continue;
    BOOST_REQUIRE_MESSAGE(line.back() == ';', "statement without ';': " + line);
    line.pop_back();
    if (line == "OPENQASM 2.0" || line == "OPENQASM 3.0" || line == "include \"qelib1.inc\"" ||
        line == "include \"stdgates.inc\"")
      continue;
    if (line.rfind("input float[64] ", 0) == 0) {
      out.declared_inputs.push_back(line.substr(16));
      continue;
    }
    if (line.rfind("qreg q[", 0) == 0 || line.rfind("qubit[", 0) == 0) {
      out.state = Statevector(std::stoi(line.substr(line.find('[') + 1)));
      declared = true;
      continue;
    }
    BOOST_REQUIRE_MESSAGE(declared, "a gate before the qubits are declared: " + line);
    const std::size_t paren = line.find('(');
    const std::size_t space = paren == std::string::npos ? line.find(' ') : line.find(')') + 1;
    const std::string name = line.substr(0, std::min(paren, space));
    double angle = 0;
    if (paren != std::string::npos)
      angle = Expression(line.substr(paren + 1, space - paren - 2), inputs).value();
    std::vector<int> q;
    for (std::size_t p = line.find('[', space); p != std::string::npos; p = line.find('[', p + 1))
      q.push_back(std::stoi(line.substr(p + 1)));
    Statevector& s = out.state;
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
    else if (name == "tdg")
      s.apply_tdg(q[0]);
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
  return out;
}

void check_same_up_to_phase(const Statevector& a, const Statevector& b) {
  BOOST_REQUIRE_EQUAL(a.size(), b.size());
  BOOST_CHECK_SMALL(std::abs(a.inner(b)) - 1.0, 1e-12);
}

// Both formats of the circuit at theta give its state; the qasm3 inputs at other values give the
// circuit at those.
void check_round_trip(const Circuit& c, const std::vector<double>& theta) {
  check_same_up_to_phase(run_qasm(to_openqasm(c, theta)).state, simulate(c, theta));
  const std::string qasm3 = to_openqasm(c, theta, QasmFormat::qasm3);
  const Program p = run_qasm(qasm3);
  check_same_up_to_phase(p.state, simulate(c, theta));
  BOOST_REQUIRE_EQUAL(p.header.size(), theta.size());
  BOOST_REQUIRE_EQUAL(p.declared_inputs.size(), theta.size());
  Inputs other;
  std::vector<double> shifted = theta;
  for (std::size_t k = 0; k < theta.size(); ++k) {
    const std::string name = "theta_" + std::to_string(k);
    BOOST_CHECK_EQUAL(p.header.at(name), theta[k]);  // %.17g: exact
    BOOST_CHECK_EQUAL(p.declared_inputs[k], name);
    shifted[k] = theta[k] + 0.3 * static_cast<double>(k + 1);
    other[name] = shifted[k];
  }
  check_same_up_to_phase(run_qasm(qasm3, other).state, simulate(c, shifted));
}

}  // namespace

BOOST_AUTO_TEST_CASE(lowered_ucc_round_trip) {
  FermionicAnsatz ansatz;
  ansatz.n_spin_orbitals = 6;
  ansatz.reference = {0, 1};
  ansatz.n_parameters = 2;
  ansatz.terms = {{{{0}, {4}}, 0, 1.0}, {{{0, 1}, {2, 5}}, 1, 0.7}, {{{1}, {3}}, 0, -1.0}};
  for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity})
    check_round_trip(lower_to_circuit(ansatz, m), {0.41, -0.93});
  const FermionicAnsatz lih = uccsd(3, 1, 1);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> angle(-1, 1);
  std::vector<double> theta(static_cast<std::size_t>(lih.n_parameters));
  for (double& t : theta) t = angle(rng);
  check_round_trip(lower_to_circuit(lih, Mapping::parity, true), theta);
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
  c.tdg(1);
  c.rx(1, Angle::of(0));
  c.ry(2, {0, -0.5, 0.125});
  c.rz(0, Angle::fixed(-0.3));
  c.cz(2, 1);
  c.swap(0, 2);
  c.cnot(1, 0);
  PauliString p;
  p.x[0] = 0b110;
  p.z[0] = 0b011;
  c.pauli_rotation(p, {0, 1.5, 0.2});
  check_round_trip(c, {0.77});
  HardwareEfficientOptions o;
  o.rotations = {Rotation::rx, Rotation::ry, Rotation::rz};
  o.pattern = EntanglerPattern::ring;
  const Circuit hea = qmol::hardware_efficient(3, o, {0});
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> angle(-2, 2);
  std::vector<double> theta(static_cast<std::size_t>(hea.n_parameters()));
  for (double& t : theta) t = angle(rng);
  check_round_trip(hea, theta);
}

BOOST_AUTO_TEST_CASE(qasm3_text) {
  Circuit c(3, 4);
  c.set_initial_state(std::vector<int>{1});
  c.rz(2, {3, -0.5, 0.125});
  c.rx(0, {1, 1.0, -0.25});
  c.ry(1, Angle::of(0, -1.0));
  c.rz(1, Angle::fixed(0.5));
  const std::string qasm =
      to_openqasm(c, {0.1, 0.2, 0.3, 0.0123}, QasmFormat::qasm3, {"0->2", "1->3", "0,1->2,3", "x"});
  BOOST_TEST_MESSAGE(qasm);
  BOOST_CHECK(qasm.rfind("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n//", 0) == 0);
  for (const char* line :
       {"// theta_3 = 0.0123  (x)\n", "// theta_2 = 0.29999999999999999  (0,1->2,3)\n",
        "input float[64] theta_0;\n", "input float[64] theta_3;\n", "qubit[3] q;\n", "x q[1];\n",
        "rz(-0.5*theta_3 + 0.125) q[2];\n", "rx(theta_1 - 0.25) q[0];\n", "ry(-theta_0) q[1];\n",
        "rz(0.5) q[1];\n"})
    BOOST_CHECK_MESSAGE(qasm.find(line) != std::string::npos, "missing: " << line);
}

BOOST_AUTO_TEST_SUITE_END()
