// One loop over the whole gate table (ansatz/gate.h): every gate's matrix is unitary, its inverse
// undoes it, rotations are exp(-i t P/2) of their generator, the statevector kernel equals the
// dense matrix on every qubit placement, and names round-trip.
#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <complex>
#include <random>
#include <set>
#include <string>
#include <unsupported/Eigen/MatrixFunctions>
#include <vector>

#include "qmol/ansatz/gate.h"
#include "qmol/sim/statevector.h"
#include "support/dense.h"
#include "support/random.h"

BOOST_AUTO_TEST_SUITE(gate_table)

namespace {

using namespace qmol;
using namespace qmol::testing;
using C = std::complex<double>;

const double kAngles[] = {0.0, 0.7311, -2.4, 3.9};

Eigen::MatrixXcd dense_of(const GateMatrix& g) {
  Eigen::MatrixXcd m(g.dim, g.dim);
  for (int r = 0; r < g.dim; ++r)
    for (int c = 0; c < g.dim; ++c) m(r, c) = g.m[r][c];
  return m;
}

// The Pauli matrices, written here and not taken from the table.
Eigen::Matrix2cd letter_matrix(char letter) {
  Eigen::Matrix2cd m;
  if (letter == 'X') m << 0, 1, 1, 0;
  if (letter == 'Y') m << 0, C(0, -1), C(0, 1), 0;
  if (letter == 'Z') m << 1, 0, 0, -1;
  return m;
}

// Every ordered choice of k distinct qubits out of n.
std::vector<std::vector<int>> placements(int n, int k) {
  std::vector<std::vector<int>> out;
  for (int a = 0; a < n; ++a) {
    if (k == 1) {
      out.push_back({a});
      continue;
    }
    for (int b = 0; b < n; ++b)
      if (b != a) out.push_back({a, b});
  }
  return out;
}

Gate make_gate(const GateInfo& info, const std::vector<int>& qubits, double angle) {
  Gate g;
  g.kind = info.kind;
  for (std::size_t k = 0; k < qubits.size(); ++k) g.qubits[k] = qubits[k];
  g.angle = Angle::fixed(angle);
  return g;
}

void check_close(const Statevector& got, const Eigen::VectorXcd& want) {
  BOOST_CHECK_SMALL((to_eigen(got) - want).norm(), 1e-12);
}

}  // namespace

BOOST_AUTO_TEST_CASE(table_lists_every_kind_once) {
  const auto table = qmol::gate_table();
  BOOST_REQUIRE_EQUAL(table.size(), static_cast<std::size_t>(GateKind::PauliRotation) + 1);
  std::set<std::string> names, qasm_names;
  for (std::size_t k = 0; k < table.size(); ++k) {
    const GateInfo& g = table[k];
    BOOST_TEST_CONTEXT(g.name) {
      BOOST_CHECK(static_cast<std::size_t>(g.kind) == k);
      BOOST_CHECK(&gate_info(g.kind) == &g);
      BOOST_CHECK(names.insert(g.name).second);
      if (g.qasm_name) BOOST_CHECK(qasm_names.insert(g.qasm_name).second);
      // Names round-trip.
      BOOST_CHECK_EQUAL(std::string(gate_name(g.kind)), g.name);
      BOOST_REQUIRE(gate_kind_from_name(g.name).has_value());
      BOOST_CHECK(*gate_kind_from_name(g.name) == g.kind);
      // Parameters, generators and the inverse's angle sign agree.
      BOOST_CHECK_EQUAL(g.n_parameters == 1, g.generator != 0);
      BOOST_CHECK_EQUAL(g.inverse_angle_sign, g.n_parameters ? -1 : 1);
      BOOST_CHECK(gate_info(g.inverse).inverse == g.kind);
      BOOST_CHECK_EQUAL(gate_info(g.inverse).arity, g.arity);
      BOOST_CHECK_EQUAL(g.matrix == nullptr, g.arity == 0);
    }
  }
  BOOST_CHECK(!gate_kind_from_name("cx").has_value());  // the OpenQASM name is not the file name
  BOOST_CHECK(!gate_kind_from_name("").has_value());
}

BOOST_AUTO_TEST_CASE(matrices_are_unitary_and_inverses_undo_them) {
  for (const GateInfo& g : qmol::gate_table()) {
    if (!g.matrix) continue;
    for (double t : kAngles) {
      BOOST_TEST_CONTEXT(g.name << " at " << t) {
        const Eigen::MatrixXcd u = dense_of(g.matrix(t));
        BOOST_REQUIRE_EQUAL(u.rows(), 1 << g.arity);
        const Eigen::MatrixXcd one = Eigen::MatrixXcd::Identity(u.rows(), u.cols());
        BOOST_CHECK_SMALL((u.adjoint() * u - one).norm(), 1e-14);
        const GateInfo& inv = gate_info(g.inverse);
        const Eigen::MatrixXcd v = dense_of(inv.matrix(g.inverse_angle_sign * t));
        BOOST_CHECK_SMALL((v * u - one).norm(), 1e-14);
        if (g.generator) {  // exp(-i t P/2) of the generator's Pauli matrix
          const Eigen::Matrix2cd p = letter_matrix(g.generator);
          BOOST_CHECK_SMALL((u - (C(0, -t / 2) * p).exp()).norm(), 1e-14);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(kernels_equal_dense_matrices_on_every_placement) {
  std::mt19937 rng(41);
  for (int n : {3, 4}) {
    for (const GateInfo& g : qmol::gate_table()) {
      if (!g.matrix) continue;
      for (const std::vector<int>& q : placements(n, g.arity)) {
        for (double t : kAngles) {
          BOOST_TEST_CONTEXT(g.name << " on " << n << " qubits at " << q[0] << " angle " << t) {
            const Gate gate = make_gate(g, q, t);
            const Statevector start = random_state(n, rng);
            const Eigen::MatrixXcd u = embed(n, dense_of(g.matrix(t)), q);
            Statevector s = start;
            apply_gate(s, gate, {});
            check_close(s, u * to_eigen(start));
            s = start;
            apply_gate_inverse(s, gate, {});
            check_close(s, u.adjoint() * to_eigen(start));
            // The fused circuit path (single-qubit products) too.
            Circuit circuit(n, 0);
            circuit.add(gate);
            s = start;
            apply_circuit(s, circuit, {});
            check_close(s, u * to_eigen(start));
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(pauli_rotation_kernel_equals_the_exponential) {
  // Every Pauli string on 3 qubits: exp(-i t P/2) with P from the letters' matrices.
  std::mt19937 rng(42);
  const GateInfo& g = gate_info(GateKind::PauliRotation);
  const int n = 3;
  for (int code = 0; code < 64; ++code) {
    PauliString p;
    for (int q = 0; q < n; ++q) {
      const int letter = (code >> (2 * q)) & 3;  // 0 I, 1 X, 2 Y, 3 Z
      if (letter == 1 || letter == 2) p.x[0] |= std::uint64_t{1} << q;
      if (letter == 2 || letter == 3) p.z[0] |= std::uint64_t{1} << q;
    }
    for (double t : kAngles) {
      BOOST_TEST_CONTEXT(p.str() << " at " << t) {
        Gate gate = make_gate(g, {}, t);
        gate.pauli = p;
        const Eigen::MatrixXcd u = (C(0, -t / 2) * pauli_matrix(n, p)).exp();
        const Statevector start = random_state(n, rng);
        Statevector s = start;
        apply_gate(s, gate, {});
        check_close(s, u * to_eigen(start));
        apply_gate_inverse(s, gate, {});
        check_close(s, to_eigen(start));
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
