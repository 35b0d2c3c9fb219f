// Every gate of the statevector against its explicit matrix on random states (matrices live only
// here, in the tests).
#include <Eigen/Dense>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <complex>
#include <numbers>
#include <random>
#include <unsupported/Eigen/MatrixFunctions>

#include "qmol/core/errors.h"
#include "qmol/sim/statevector.h"
#include "support/dense.h"
#include "support/random.h"

BOOST_AUTO_TEST_SUITE(statevector_gates)

namespace {

using namespace qmol;
using namespace qmol::testing;
using C = std::complex<double>;
const C I(0, 1);

// g applied to qubits q of v element by element (no 2^n x 2^n matrix).
Eigen::VectorXcd apply_reference(int n, const Eigen::MatrixXcd& g, const std::vector<int>& q,
                                 const Eigen::VectorXcd& v) {
  const std::size_t dim = std::size_t{1} << n;
  Eigen::VectorXcd out = Eigen::VectorXcd::Zero(dim);
  for (std::size_t row = 0; row < dim; ++row) {
    std::size_t sub_row = 0;
    for (std::size_t k = 0; k < q.size(); ++k) sub_row |= ((row >> q[k]) & 1u) << k;
    for (std::size_t sub_col = 0; sub_col < (std::size_t{1} << q.size()); ++sub_col) {
      std::size_t col = row;
      for (std::size_t k = 0; k < q.size(); ++k) {
        col = (col & ~(std::size_t{1} << q[k])) | (((sub_col >> k) & 1u) << q[k]);
      }
      out[row] += g(sub_row, sub_col) * v[col];
    }
  }
  return out;
}

Eigen::Matrix2cd m2(C a, C b, C c, C d) {
  Eigen::Matrix2cd m;
  m << a, b, c, d;
  return m;
}

const Eigen::Matrix2cd kX = m2(0, 1, 1, 0), kY = m2(0, -I, I, 0), kZ = m2(1, 0, 0, -1);

void check_close(const Statevector& got, const Eigen::VectorXcd& want, double tol = 1e-12) {
  BOOST_REQUIRE_EQUAL(got.size(), static_cast<std::size_t>(want.size()));
  BOOST_CHECK_SMALL((to_eigen(got) - want).norm(), tol);
}

}  // namespace

BOOST_AUTO_TEST_CASE(single_qubit_gates_match_matrices) {
  std::mt19937 rng(11);
  const double r = 1 / std::numbers::sqrt2;
  const double t = 0.7311;
  const double c = std::cos(t / 2), s = std::sin(t / 2);
  struct Case {
    const char* name;
    Eigen::Matrix2cd m;
    void (*apply)(Statevector&, int);
  };
  const Case cases[] = {
      {"h", m2(r, r, r, -r), [](Statevector& v, int q) { v.apply_h(q); }},
      {"x", kX, [](Statevector& v, int q) { v.apply_x(q); }},
      {"y", kY, [](Statevector& v, int q) { v.apply_y(q); }},
      {"z", kZ, [](Statevector& v, int q) { v.apply_z(q); }},
      {"s", m2(1, 0, 0, I), [](Statevector& v, int q) { v.apply_s(q); }},
      {"sdg", m2(1, 0, 0, -I), [](Statevector& v, int q) { v.apply_sdg(q); }},
      {"t", m2(1, 0, 0, std::exp(I * std::numbers::pi / 4.0)),
       [](Statevector& v, int q) { v.apply_t(q); }},
      {"rx", m2(c, -I * s, -I * s, c), [](Statevector& v, int q) { v.apply_rx(q, 0.7311); }},
      {"ry", m2(c, -s, s, c), [](Statevector& v, int q) { v.apply_ry(q, 0.7311); }},
      {"rz", m2(std::exp(-I * t / 2.0), 0, 0, std::exp(I * t / 2.0)),
       [](Statevector& v, int q) { v.apply_rz(q, 0.7311); }},
  };
  const int n = 4;
  for (const Case& gate : cases) {
    for (int q = 0; q < n; ++q) {
      BOOST_TEST_CONTEXT(gate.name << " on qubit " << q) {
        Statevector s = random_state(n, rng);
        const Eigen::VectorXcd want = embed(n, gate.m, {q}) * to_eigen(s);
        gate.apply(s, q);
        check_close(s, want);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(two_qubit_gates_match_matrices) {
  std::mt19937 rng(12);
  Eigen::Matrix4cd cnot, cz, swap;  // index = bit0 (first qubit) + 2 bit1 (second qubit)
  cnot << 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0;  // control = first qubit
  cz << 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1;
  swap << 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1;
  const int n = 4;
  for (int a = 0; a < n; ++a) {
    for (int b = 0; b < n; ++b) {
      if (a == b) continue;
      BOOST_TEST_CONTEXT("qubits " << a << ", " << b) {
        Statevector s = random_state(n, rng);
        Eigen::VectorXcd want = embed(n, cnot, {a, b}) * to_eigen(s);
        s.apply_cnot(a, b);
        check_close(s, want);
        want = embed(n, cz, {a, b}) * to_eigen(s);
        s.apply_cz(a, b);
        check_close(s, want);
        want = embed(n, swap, {a, b}) * to_eigen(s);
        s.apply_swap(a, b);
        check_close(s, want);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(pauli_rotation_matches_dense_exponential) {
  std::mt19937 rng(13);
  std::uniform_int_distribution<int> letter(0, 3);
  std::uniform_real_distribution<double> angle(-3.0, 3.0);
  const int n = 5;
  for (int trial = 0; trial < 60; ++trial) {
    PauliString p;
    for (int q = 0; q < n; ++q) {
      const int l = letter(rng);  // 0 I, 1 X, 2 Y, 3 Z
      if (l == 1 || l == 2) p.x[0] |= std::uint64_t{1} << q;
      if (l == 2 || l == 3) p.z[0] |= std::uint64_t{1} << q;
    }
    const double t = angle(rng);
    Statevector s = random_state(n, rng);
    const Eigen::MatrixXcd u = (-I * (t / 2) * pauli_matrix(n, p)).exp();
    const Eigen::VectorXcd want = u * to_eigen(s);
    const Eigen::VectorXcd want_p = pauli_matrix(n, p) * to_eigen(s);
    Statevector s_p = s;
    s.apply_pauli_rotation(p, t);
    check_close(s, want, 1e-11);
    s_p.apply_pauli(p);
    check_close(s_p, want_p);
  }
}

BOOST_AUTO_TEST_CASE(circuit_gates_and_inverses) {
  std::mt19937 rng(14);
  const int n = 3;
  Circuit circuit(n, 2);
  circuit.h(0);
  circuit.x(1);
  circuit.y(2);
  circuit.z(0);
  circuit.s(1);
  circuit.sdg(2);
  circuit.t(0);
  circuit.rx(1, Angle::of(0, 0.5));
  circuit.ry(2, Angle::of(1, -1.5));
  circuit.rz(0, {1, 2.0, 0.3});
  circuit.cnot(2, 0);
  circuit.cz(0, 1);
  circuit.swap(1, 2);
  PauliString p;
  p.x[0] = 0b101;
  p.z[0] = 0b110;
  circuit.pauli_rotation(p, Angle::fixed(0.4));
  const std::vector<double> theta = {0.37, -1.1};
  const Statevector start = random_state(n, rng);
  Statevector s = start;
  for (const Gate& g : circuit.gates()) apply_gate(s, g, theta);
  BOOST_CHECK_CLOSE(s.norm_squared(), 1.0, 1e-10);
  for (std::size_t k = circuit.size(); k-- > 0;) apply_gate_inverse(s, circuit.gates()[k], theta);
  check_close(s, to_eigen(start));
}

BOOST_AUTO_TEST_CASE(parallel_kernels_match_reference) {
  // 15 qubits: above Statevector::kParallelQubits, so the OpenMP loops run.
  std::mt19937 rng(15);
  const int n = 15;
  Statevector s = random_state(n, rng);
  Eigen::VectorXcd want = to_eigen(s);
  const double t = 0.3, c = std::cos(t / 2), sn = std::sin(t / 2);
  want = apply_reference(n, m2(c, -sn, sn, c), {14}, want);
  s.apply_ry(14, t);
  Eigen::Matrix4cd cnot;
  cnot << 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0;
  want = apply_reference(n, cnot, {13, 2}, want);
  s.apply_cnot(13, 2);
  // exp(-i t P/2) = cos(t/2) - i sin(t/2) P with P = Y14 Z7 X0 built letter by letter.
  Eigen::VectorXcd p_want = apply_reference(n, kX, {0}, want);
  p_want = apply_reference(n, kZ, {7}, p_want);
  p_want = apply_reference(n, kY, {14}, p_want);
  want = c * want - I * sn * p_want;
  PauliString p;
  p.x[0] = (1u << 14) | 1u;
  p.z[0] = (1u << 14) | (1u << 7);
  s.apply_pauli_rotation(p, t);
  check_close(s, want);
}

BOOST_AUTO_TEST_CASE(fused_circuit_matches_gate_by_gate) {
  std::mt19937 rng(16);
  std::uniform_int_distribution<int> kind(0, static_cast<int>(gate_table().size()) - 1),
      qubit(0, 4);
  std::uniform_real_distribution<double> angle(-3, 3);
  const int n = 5;
  Circuit circuit(n, 3);
  for (int k = 0; k < 200; ++k) {
    Gate g;
    g.kind = static_cast<GateKind>(kind(rng));
    g.qubits[0] = qubit(rng);
    g.qubits[1] = (g.qubits[0] + 1 + qubit(rng) % (n - 1)) % n;
    g.angle = {qubit(rng) % 4 - 1, angle(rng), angle(rng)};
    g.pauli.x[0] = static_cast<std::uint64_t>(rng() % 32);
    g.pauli.z[0] = static_cast<std::uint64_t>(rng() % 32);
    circuit.add(g);
  }
  const std::vector<double> theta = {0.3, -0.8, 1.7};
  const Statevector start = random_state(n, rng);
  Statevector fused = start, single = start;
  apply_circuit(fused, circuit, theta);
  for (const Gate& g : circuit.gates()) apply_gate(single, g, theta);
  check_close(fused, to_eigen(single), 1e-11);
}

BOOST_AUTO_TEST_CASE(basis_states_and_errors) {
  Circuit circuit(3, 0);
  circuit.set_initial_state(std::vector<int>{0, 2});
  const Statevector s = simulate(circuit, {});
  BOOST_CHECK_EQUAL(s[0b101], C(1.0));
  BOOST_CHECK_CLOSE(s.norm_squared(), 1.0, 1e-12);
  BOOST_CHECK_THROW(Statevector(3, 8), InternalError);
  BOOST_CHECK_THROW(Statevector(41), ResourceError);
  Statevector t(3);
  BOOST_CHECK_THROW(t.apply_x(3), InternalError);
  BOOST_CHECK_THROW(t.apply_cnot(1, 1), InternalError);
}

BOOST_AUTO_TEST_SUITE_END()
