// Native lowering, peephole optimization, counts and folding of circuits. The transforms must be
// exact: unitaries are compared column by column on the simulator (qmol_test_support links it).
#include "qmol/ansatz/circuit_transforms.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>
#include <random>
#include <string>

#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/ansatz/uccsd.h"
#include "qmol/core/enum_names.h"
#include "qmol/core/errors.h"
#include "qmol/qubit/mapping.h"
#include "qmol/sim/statevector.h"
#include "support/random.h"

BOOST_AUTO_TEST_SUITE(circuit_transforms)

namespace {

using namespace qmol;
constexpr double kPi = std::numbers::pi;

// Column b: the circuit from |b XOR initial mask> (its x preparation included, so that a circuit
// and its native form, which prepares with x gates from |0...0>, have the same matrix).
std::vector<Statevector> unitary(const Circuit& c, const std::vector<double>& theta) {
  std::vector<Statevector> columns;
  for (std::uint64_t b = 0; b < (std::uint64_t{1} << c.n_qubits()); ++b) {
    Statevector s(c.n_qubits(), b ^ c.initial_mask());
    for (const Gate& g : c.gates()) apply_gate(s, g, theta);
    columns.push_back(std::move(s));
  }
  return columns;
}

// max |b - phase a| over the whole matrix, the phase fixed on a's largest entry (1 when `exact`).
double unitary_distance(const Circuit& a, const Circuit& b, const std::vector<double>& theta,
                        bool exact = true) {
  const std::vector<Statevector> ua = unitary(a, theta), ub = unitary(b, theta);
  std::size_t col = 0, row = 0;
  for (std::size_t j = 0; j < ua.size(); ++j)
    for (std::size_t i = 0; i < ua[j].size(); ++i)
      if (std::abs(ua[j][i]) > std::abs(ua[col][row])) col = j, row = i;
  const std::complex<double> phase = exact ? 1.0 : ub[col][row] / ua[col][row];
  double distance = 0;
  for (std::size_t j = 0; j < ua.size(); ++j)
    for (std::size_t i = 0; i < ua[j].size(); ++i)
      distance = std::max(distance, std::abs(ub[j][i] - phase * ua[j][i]));
  return distance;
}

double state_distance(const Circuit& a, const Circuit& b, const std::vector<double>& theta) {
  const Statevector sa = simulate(a, theta), sb = simulate(b, theta);
  double distance = 0;
  for (std::size_t i = 0; i < sa.size(); ++i)
    distance = std::max(distance, std::abs(sb[i] - sa[i]));
  return distance;
}

std::vector<double> random_theta(int n, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-2, 2);
  std::vector<double> theta(static_cast<std::size_t>(n));
  for (double& t : theta) t = u(rng);
  return theta;
}

// Every gate kind at least once, then random gates; a third of them followed by a partner that
// may cancel or merge with it (the inverse, or a rotation of the same kind and parameter), so
// that the optimizer has work. No Pauli rotation about the identity (a global phase).
Circuit random_circuit(int n_qubits, int n_gates, std::mt19937& rng) {
  Circuit c(n_qubits, 2);
  c.set_initial_state(std::vector<int>{0, n_qubits - 1});
  std::uniform_int_distribution<int> qubit(0, n_qubits - 1), parameter(-1, 1);
  std::uniform_real_distribution<double> u(-3, 3), coin(0, 1);
  const auto angle = [&]() {
    const int p = parameter(rng);
    return p < 0 ? Angle::fixed(u(rng)) : Angle{p, u(rng), coin(rng) < 0.5 ? 0.0 : u(rng)};
  };
  const auto random_gate = [&](GateKind kind) {
    Gate g;
    g.kind = kind;
    g.qubits[0] = qubit(rng);
    if (gate_info(kind).arity == 2) do
        g.qubits[1] = qubit(rng);
      while (g.qubits[1] == g.qubits[0]);
    if (kind == GateKind::PauliRotation) do
        g.pauli = testing::random_pauli(n_qubits, rng);
      while (g.pauli.is_identity());
    if (g.is_parametrised()) g.angle = angle();
    return g;
  };
  const int n_kinds = static_cast<int>(gate_table().size());
  std::uniform_int_distribution<int> kind(0, n_kinds - 1);
  for (int k = 0; k < n_gates; ++k) {
    const Gate g = random_gate(GateKind(k < n_kinds ? k : kind(rng)));
    c.add(g);
    if (coin(rng) > 1.0 / 3) continue;
    Gate partner = g;
    if (g.is_parametrised()) {
      partner.angle = angle();
    } else {
      partner.kind = gate_info(g.kind).inverse;
      // cz and swap are symmetric: either order cancels. A swapped cnot is another gate.
      if (gate_info(g.kind).arity == 2 && coin(rng) < 0.5)
        std::swap(partner.qubits[0], partner.qubits[1]);
    }
    c.add(partner);
  }
  return c;
}

bool is_native(const Circuit& c) {
  for (const Gate& g : c.gates())
    if (gate_info(g.kind).qasm_name == nullptr) return false;
  return c.initial_qubits().empty();
}

Circuit lowered_uccsd(int n_orbitals, int n_electrons, Mapping m) {
  return lower_to_circuit(uccsd(n_orbitals, n_electrons / 2, n_electrons / 2), m);
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_circuits_are_kept_exactly) {
  std::mt19937 rng(11);
  long before = 0, after = 0;
  for (int trial = 0; trial < 20; ++trial) {
    const Circuit c = random_circuit(4, 40, rng);
    const std::vector<double> theta = random_theta(2, rng);
    const Circuit native = native_circuit(c);
    const Circuit optimized = optimize_circuit(c);
    const Circuit both = optimize_circuit(native);
    BOOST_CHECK(is_native(native));
    BOOST_CHECK(is_native(both));
    BOOST_CHECK_EQUAL(native.n_parameters(), 2);
    BOOST_CHECK(optimized.initial_qubits() == c.initial_qubits());
    BOOST_CHECK_EQUAL(optimized.n_qubits(), 4);
    BOOST_CHECK_EQUAL(optimized.n_parameters(), 2);
    BOOST_CHECK_LE(optimized.size(), c.size());
    // Exact, global phase included: every step is an identity of unitaries.
    BOOST_CHECK_SMALL(unitary_distance(c, native, theta), 1e-12);
    BOOST_CHECK_SMALL(unitary_distance(c, optimized, theta), 1e-12);
    BOOST_CHECK_SMALL(unitary_distance(c, both, theta), 1e-12);
    before += static_cast<long>(native.size());
    after += static_cast<long>(both.size());
  }
  BOOST_TEST_MESSAGE("random circuits, native gates: " << before << " -> " << after);
  BOOST_CHECK_LT(after, before);
}

BOOST_AUTO_TEST_CASE(lowered_uccsd_is_kept_exactly_and_shrinks) {
  std::mt19937 rng(7);
  for (Mapping m : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
    // H2 (4 qubits) and 3 orbitals (6 qubits): whole unitaries; LiH (12 qubits): states.
    for (int n_orbitals : {2, 3, 6}) {
      const Circuit c = lowered_uccsd(n_orbitals, n_orbitals == 6 ? 4 : 2, m);
      const std::vector<double> theta = random_theta(c.n_parameters(), rng);
      const Circuit native = native_circuit(c);
      const Circuit optimized = optimize_circuit(native);
      BOOST_CHECK(is_native(optimized));
      BOOST_CHECK_EQUAL(optimized.n_parameters(), c.n_parameters());
      const CircuitStats s = circuit_stats(native), o = circuit_stats(optimized);
      BOOST_TEST_MESSAGE(to_string(m)
                         << " UCCSD " << 2 * n_orbitals << " qubits: gates " << s.n_gates << " -> "
                         << o.n_gates << ", two-qubit " << s.n_two_qubit_gates << " -> "
                         << o.n_two_qubit_gates << ", depth " << s.depth << " -> " << o.depth);
      BOOST_CHECK_LT(o.n_gates, s.n_gates);
      // CNOTs of neighbouring ladders cancel only where no basis change sits between them
      // (LiH: about 2%; none for the smaller ones).
      BOOST_CHECK_LE(o.n_two_qubit_gates, s.n_two_qubit_gates);
      BOOST_CHECK_LE(o.depth, s.depth);
      if (n_orbitals < 6) {
        BOOST_CHECK_SMALL(unitary_distance(c, native, theta), 1e-12);
        BOOST_CHECK_SMALL(unitary_distance(c, optimized, theta), 1e-12);
      } else {
        BOOST_CHECK_SMALL(state_distance(c, native, theta), 1e-12);
        BOOST_CHECK_SMALL(state_distance(c, optimized, theta), 1e-12);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(native_gates) {
  Circuit c(3, 1);
  c.set_initial_state(std::vector<int>{0, 2});
  c.swap(0, 1);
  PauliString p;
  p.set(0, 'Y');
  p.set(2, 'X');
  c.pauli_rotation(p, {0, -0.5, 0.25});
  c.pauli_rotation(PauliString{}, Angle::of(0));  // a global phase: dropped
  const Circuit n = native_circuit(c);
  BOOST_CHECK_EQUAL(n.n_parameters(), 1);
  std::vector<std::string> names;
  for (const Gate& g : n.gates()) names.push_back(gate_name(g.kind));
  const std::vector<std::string> expected = {"x", "x",    "cnot", "cnot", "cnot", "rx",
                                             "h", "cnot", "rz",   "cnot", "rx",   "h"};
  BOOST_CHECK_EQUAL_COLLECTIONS(names.begin(), names.end(), expected.begin(), expected.end());
  const Gate& rz = n.gates()[8];
  BOOST_CHECK_EQUAL(rz.qubits[0], 2);  // the ladder ends on the highest qubit
  BOOST_CHECK_EQUAL(rz.angle.parameter, 0);
  BOOST_CHECK_EQUAL(rz.angle.coefficient, -0.5);
  BOOST_CHECK_EQUAL(rz.angle.offset, 0.25);
  BOOST_CHECK_EQUAL(n.gates()[5].angle.offset, kPi / 2);
  BOOST_CHECK_EQUAL(n.gates()[10].angle.offset, -kPi / 2);
  BOOST_CHECK_SMALL(unitary_distance(c, n, {0.6}, false), 1e-12);
  BOOST_CHECK_EQUAL(native_circuit(n).size(), n.size());  // already native
}

BOOST_AUTO_TEST_CASE(cancellations_cascade) {
  Circuit c(3, 0);
  c.h(0);
  c.x(0);
  c.x(0);
  c.h(0);
  BOOST_CHECK_EQUAL(optimize_circuit(c).size(), 0u);
  // Through two-qubit pairs, and past gates on other qubits.
  Circuit d(3, 0);
  d.s(0);
  d.h(1);
  d.cnot(0, 1);
  d.t(2);
  d.cz(1, 2);
  d.cz(2, 1);
  d.cnot(0, 1);
  d.h(1);
  d.swap(0, 2);
  d.swap(2, 0);
  d.sdg(0);
  d.y(2);
  d.tdg(2);
  d.y(2);  // not adjacent to the first y: tdg between
  const Circuit o = optimize_circuit(d);
  BOOST_REQUIRE_EQUAL(o.size(), 4u);  // t y tdg y
  BOOST_CHECK(o.gates()[0].kind == GateKind::T);
  BOOST_CHECK(o.gates()[3].kind == GateKind::Y);
  BOOST_CHECK_SMALL(unitary_distance(d, o, {}), 1e-12);
}

BOOST_AUTO_TEST_CASE(what_does_not_cancel) {
  Circuit c(3, 0);
  c.cnot(0, 1);
  c.cnot(1, 0);  // roles swapped: not inverses
  c.cnot(1, 2);
  c.h(2);  // between the cnot(1,2) pair on qubit 2
  c.cnot(1, 2);
  c.t(0);
  c.t(0);
  c.s(1);
  c.s(1);
  BOOST_CHECK_EQUAL(optimize_circuit(c).size(), c.size());
}

BOOST_AUTO_TEST_CASE(rotations_merge) {
  Circuit c(2, 2);
  c.rz(0, Angle::of(0));
  c.rz(0, Angle::of(0, 0.5));
  const Circuit merged = optimize_circuit(c);
  BOOST_REQUIRE_EQUAL(merged.size(), 1u);
  BOOST_CHECK_EQUAL(merged.gates()[0].angle.parameter, 0);
  BOOST_CHECK_EQUAL(merged.gates()[0].angle.coefficient, 1.5);
  BOOST_CHECK_EQUAL(merged.gates()[0].angle.offset, 0.0);

  Circuit mixed(2, 2);
  mixed.rz(0, Angle::of(0));
  mixed.rz(0, Angle::of(1));  // two parameters: no single Angle
  mixed.rx(1, Angle::of(0));
  mixed.ry(1, Angle::of(0));  // another kind
  BOOST_CHECK_EQUAL(optimize_circuit(mixed).size(), 4u);

  Circuit offset(2, 2);
  offset.rx(1, Angle::fixed(0.3));
  offset.rx(1, {1, -2.0, 0.1});
  offset.rx(1, Angle::fixed(0.2));
  const Circuit o = optimize_circuit(offset);
  BOOST_REQUIRE_EQUAL(o.size(), 1u);
  BOOST_CHECK_EQUAL(o.gates()[0].angle.parameter, 1);
  BOOST_CHECK_EQUAL(o.gates()[0].angle.coefficient, -2.0);
  BOOST_CHECK_CLOSE(o.gates()[0].angle.offset, 0.6, 1e-12);
  BOOST_CHECK_SMALL(unitary_distance(offset, o, {0.0, 0.7}), 1e-12);

  // To zero (mod 4 pi): gone, and the neighbours cascade. 2 pi is -1, not the identity.
  Circuit zero(2, 1);
  zero.h(0);
  zero.rz(0, Angle::of(0, 0.5));
  zero.rz(0, Angle::of(0, -0.5));
  zero.h(0);
  zero.ry(1, Angle::fixed(kPi));
  zero.ry(1, Angle::fixed(3 * kPi));
  zero.rx(1, Angle::fixed(0));
  BOOST_CHECK_EQUAL(optimize_circuit(zero).size(), 0u);
  Circuit two_pi(1, 0);
  two_pi.rz(0, Angle::fixed(kPi));
  two_pi.rz(0, Angle::fixed(kPi));
  BOOST_CHECK_EQUAL(optimize_circuit(two_pi).size(), 1u);
  BOOST_CHECK_SMALL(unitary_distance(two_pi, optimize_circuit(two_pi), {}), 1e-12);

  // Pauli rotations of one string merge; of different strings on the same qubits they stay.
  PauliString xz, zx;
  xz.set(0, 'X');
  xz.set(1, 'Z');
  zx.set(0, 'Z');
  zx.set(1, 'X');
  Circuit pauli(2, 1);
  pauli.pauli_rotation(xz, Angle::of(0));
  pauli.pauli_rotation(xz, Angle::fixed(0.5));
  pauli.pauli_rotation(zx, Angle::of(0));
  const Circuit po = optimize_circuit(pauli);
  BOOST_CHECK_EQUAL(po.size(), 2u);
  BOOST_CHECK_SMALL(unitary_distance(pauli, po, {0.4}), 1e-12);
}

BOOST_AUTO_TEST_CASE(stats) {
  Circuit c(4, 1);
  c.set_initial_state(std::vector<int>{3});  // not a gate
  c.h(0);                                    // layer 1
  c.h(1);                                    // 1
  c.cnot(0, 1);                              // 2
  c.h(2);                                    // 1
  c.cnot(1, 2);                              // 3
  c.rz(0, Angle::of(0));                     // 3
  PauliString p;
  p.set(0, 'X');
  p.set(3, 'Y');
  c.pauli_rotation(p, Angle::of(0));  // 4, on qubits 0 and 3
  c.x(3);                             // 5
  c.x(1);                             // 4
  const CircuitStats s = circuit_stats(c);
  BOOST_CHECK_EQUAL(s.n_qubits, 4);
  BOOST_CHECK_EQUAL(s.n_parameters, 1);
  BOOST_CHECK_EQUAL(s.n_gates, 9);
  BOOST_CHECK_EQUAL(s.n_two_qubit_gates, 3);
  BOOST_CHECK_EQUAL(s.depth, 5);
  BOOST_CHECK_EQUAL(circuit_stats(Circuit(2, 0)).depth, 0);
}

BOOST_AUTO_TEST_CASE(folding) {
  std::mt19937 rng(3);
  const Circuit u = random_circuit(3, 25, rng);
  const std::vector<double> theta = random_theta(2, rng);
  const Circuit f1 = fold_circuit(u, 1), f3 = fold_circuit(u, 3), f5 = fold_circuit(u, 5);
  BOOST_CHECK_EQUAL(f1.size(), u.size());
  BOOST_CHECK_EQUAL(f3.size(), 3 * u.size());
  BOOST_CHECK_EQUAL(f5.size(), 5 * u.size());
  BOOST_CHECK(f3.initial_qubits() == u.initial_qubits());
  BOOST_CHECK_EQUAL(f3.n_parameters(), u.n_parameters());
  BOOST_CHECK_SMALL(state_distance(u, f3, theta), 1e-12);
  BOOST_CHECK_SMALL(unitary_distance(u, f5, theta), 1e-12);
  // U^dagger starts with the last gate inverted.
  Circuit r(1, 1);
  r.s(0);
  r.rz(0, {0, 0.5, 0.25});
  const Circuit rf = fold_circuit(r, 3);
  BOOST_REQUIRE_EQUAL(rf.size(), 6u);
  BOOST_CHECK(rf.gates()[2].kind == GateKind::RZ);
  BOOST_CHECK_EQUAL(rf.gates()[2].angle.parameter, 0);
  BOOST_CHECK_EQUAL(rf.gates()[2].angle.coefficient, -0.5);
  BOOST_CHECK_EQUAL(rf.gates()[2].angle.offset, -0.25);
  BOOST_CHECK(rf.gates()[3].kind == GateKind::Sdg);
  BOOST_CHECK_EQUAL(optimize_circuit(rf).size(), 2u);  // U^dagger U cancels back to U
  for (int bad : {0, 2, -1, 4}) BOOST_CHECK_THROW(fold_circuit(u, bad), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
