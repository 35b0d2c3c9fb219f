// The density matrix against pure states (every gate of the table on |psi><psi|), against dense
// linear algebra written out here (unitaries, the depolarizing sums over Paulis, the damping
// Kraus operators), against the channels' closed forms, and the reduced measurement diagonal
// against the full transform. 7 and 8 qubits (14 and 16 bits of vec(rho)) take the threaded loops.
#include "qmol/sim/density_matrix.h"

#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <complex>
#include <random>
#include <vector>

#include "qmol/ansatz/gate.h"
#include "qmol/core/errors.h"
#include "qmol/sim/pauli_expectation.h"
#include "support/brute_force.h"
#include "support/dense.h"
#include "support/random.h"

BOOST_AUTO_TEST_SUITE(density_matrix)

namespace {

using namespace qmol;
using namespace qmol::testing;
using C = std::complex<double>;

Eigen::MatrixXcd dense(const DensityMatrix& rho) {
  const std::size_t dim = std::size_t{1} << rho.n_qubits();
  Eigen::MatrixXcd m(dim, dim);
  for (std::size_t r = 0; r < dim; ++r)
    for (std::size_t c = 0; c < dim; ++c) m(r, c) = rho.element(r, c);
  return m;
}

double max_difference(const DensityMatrix& rho, const Eigen::MatrixXcd& want) {
  return (dense(rho) - want).cwiseAbs().maxCoeff();
}

// The n-qubit unitary of a gate, column j = the gate on basis state j (the statevector kernels
// are checked against the gate table's matrices in gate_table.cpp).
Eigen::MatrixXcd unitary(int n, const Gate& g, const std::vector<double>& parameters) {
  const std::size_t dim = std::size_t{1} << n;
  Eigen::MatrixXcd u(dim, dim);
  for (std::size_t j = 0; j < dim; ++j) {
    Statevector e(n, j);
    apply_gate(e, g, parameters);
    u.col(static_cast<Eigen::Index>(j)) = to_eigen(e);
  }
  return u;
}

// A gate of this kind on random distinct qubits; rotations at a random fixed angle or driven by
// parameter 0 (coefficient and offset).
Gate random_gate(GateKind kind, int n, std::mt19937& rng) {
  std::uniform_int_distribution<int> qubit(0, n - 1);
  std::uniform_real_distribution<double> angle(-4.0, 4.0);
  Gate g;
  g.kind = kind;
  const int arity = gate_info(kind).arity;
  if (arity >= 1) g.qubits[0] = qubit(rng);
  if (arity == 2) do
      g.qubits[1] = qubit(rng);
    while (g.qubits[1] == g.qubits[0]);
  if (kind == GateKind::PauliRotation) g.pauli = random_pauli(n, rng);
  if (g.is_parametrised())
    g.angle = rng() % 2 ? Angle::fixed(angle(rng)) : Angle{0, angle(rng), angle(rng)};
  return g;
}

// Every kind of the table in turn, `rounds` times (two-qubit kinds only from 2 qubits on).
Circuit random_circuit(int n, int rounds, std::mt19937& rng) {
  Circuit circuit(n, 1);
  for (int r = 0; r < rounds; ++r)
    for (const GateInfo& info : gate_table())
      if (info.arity <= n) circuit.add(random_gate(info.kind, n, rng));
  return circuit;
}

// A mixed state with coherences and correlations: a random pure state through damping and
// depolarizing on every qubit, then entangling gates.
DensityMatrix random_mixed(int n, std::mt19937& rng) {
  std::uniform_real_distribution<double> strength(0.1, 0.4);
  DensityMatrix rho(random_state(n, rng));
  for (int q = 0; q < n; ++q) {
    rho.amplitude_damp(q, strength(rng));
    rho.depolarize(q, strength(rng));
  }
  for (int q = 0; q < n; ++q) {
    rho.apply_gate(random_gate(GateKind::RY, n, rng), {0.5});
    if (q + 1 < n) {
      Gate cnot;
      cnot.kind = GateKind::CNOT;
      cnot.qubits[0] = q;
      cnot.qubits[1] = q + 1;
      rho.apply_gate(cnot, {});
    }
  }
  BOOST_REQUIRE_SMALL(rho.trace() - 1.0, 1e-12);
  BOOST_REQUIRE_LT((dense(rho) * dense(rho)).trace().real(), 0.9);  // mixed
  return rho;
}

PauliString pauli_of(std::initializer_list<std::pair<int, char>> letters) {
  PauliString p;
  for (const auto& [q, letter] : letters)
    if (letter != 'I') p.set(q, letter);
  return p;
}

double pauli_expectation(const DensityMatrix& rho, const PauliString& p) {
  QubitOperator op(rho.n_qubits());
  op.add(p, 1.0);
  return rho.expectation(op);
}

const char kLetters[] = {'I', 'X', 'Y', 'Z'};

}  // namespace

BOOST_AUTO_TEST_CASE(pure_states_follow_the_statevector) {
  std::mt19937 rng(41);
  const std::vector<double> parameters = {0.83};
  for (const int n : {1, 2, 3, 4, 7}) {
    BOOST_TEST_CONTEXT("n = " << n) {
      const Circuit circuit = random_circuit(n, 3, rng);
      const std::uint64_t start = rng() % (std::uint64_t{1} << n);
      Statevector psi(n, start);
      DensityMatrix rho(n, start), whole(n, start);
      for (const Gate& g : circuit.gates()) {
        apply_gate(psi, g, parameters);
        rho.apply_gate(g, parameters);
      }
      whole.apply_circuit(circuit, parameters);
      const std::size_t dim = std::size_t{1} << n;
      const DensityMatrix projector(psi);
      double worst = 0.0, worst_projector = 0.0, worst_whole = 0.0;
      for (std::size_t r = 0; r < dim; ++r)
        for (std::size_t c = 0; c < dim; ++c) {
          const C want = psi[r] * std::conj(psi[c]);
          worst = std::max(worst, std::abs(rho.element(r, c) - want));
          worst_projector = std::max(worst_projector, std::abs(projector.element(r, c) - want));
          worst_whole = std::max(worst_whole, std::abs(whole.element(r, c) - rho.element(r, c)));
        }
      BOOST_CHECK_SMALL(worst, 1e-12);
      BOOST_CHECK_SMALL(worst_projector, 1e-15);
      BOOST_CHECK_SMALL(worst_whole, 1e-15);
      BOOST_CHECK_SMALL(rho.trace() - 1.0, 1e-12);
      const std::vector<double> d = rho.diagonal();
      for (std::size_t r = 0; r < dim; ++r) BOOST_CHECK_SMALL(d[r] - std::norm(psi[r]), 1e-12);

      const QubitOperator op = random_qubit_operator(n, 25, rng);
      BOOST_CHECK_SMALL(rho.expectation(op) - expectation_value(op, psi), 1e-12 * op.one_norm());
    }
  }
}

BOOST_AUTO_TEST_CASE(mixed_states_follow_dense_unitaries_and_traces) {
  std::mt19937 rng(42);
  const std::vector<double> parameters = {-1.7};
  for (const int n : {3, 7}) {
    BOOST_TEST_CONTEXT("n = " << n) {
      DensityMatrix rho = random_mixed(n, rng);
      for (const GateInfo& info : gate_table()) {
        BOOST_TEST_CONTEXT(info.name) {
          const Gate g = random_gate(info.kind, n, rng);
          const Eigen::MatrixXcd u = unitary(n, g, parameters);
          const Eigen::MatrixXcd want = u * dense(rho) * u.adjoint();
          rho.apply_gate(g, parameters);
          BOOST_CHECK_SMALL(max_difference(rho, want), 1e-13);
        }
      }
      // Complex coefficients: Re Tr(rho O) of a non-Hermitian O.
      QubitOperator op(n);
      std::normal_distribution<double> normal;
      for (int t = 0; t < 30; ++t) op.add(random_pauli(n, rng), C(normal(rng), normal(rng)));
      const C want = (dense(rho) * dense_matrix(op, n)).trace();
      BOOST_CHECK_SMALL(rho.expectation(op) - want.real(), 1e-12 * op.one_norm());
    }
  }
}

BOOST_AUTO_TEST_CASE(one_qubit_depolarizing_shrinks_the_bloch_vector) {
  std::mt19937 rng(43);
  for (const double p : {0.05, 0.5, 0.75, 1.0}) {
    BOOST_TEST_CONTEXT("p = " << p) {
      DensityMatrix rho(random_state(1, rng));
      double bloch[3];
      for (int k = 0; k < 3; ++k) bloch[k] = pauli_expectation(rho, pauli_of({{0, "XYZ"[k]}}));
      BOOST_REQUIRE_GT(std::abs(bloch[0]) + std::abs(bloch[1]) + std::abs(bloch[2]), 0.1);
      rho.depolarize(0, p);
      for (int k = 0; k < 3; ++k)
        BOOST_CHECK_SMALL(
            pauli_expectation(rho, pauli_of({{0, "XYZ"[k]}})) - (1.0 - 4.0 * p / 3.0) * bloch[k],
            1e-15);
      BOOST_CHECK_SMALL(rho.trace() - 1.0, 1e-15);
    }
  }
}

BOOST_AUTO_TEST_CASE(one_qubit_depolarizing_is_the_sum_over_paulis) {
  std::mt19937 rng(44);
  for (const int n : {3, 7}) {
    for (const int q : {0, n / 2, n - 1}) {
      BOOST_TEST_CONTEXT("n = " << n << ", q = " << q) {
        const double p = 0.3;
        DensityMatrix rho = random_mixed(n, rng);
        const Eigen::MatrixXcd m = dense(rho);
        Eigen::MatrixXcd want = (1 - p) * m;
        for (const char letter : {'X', 'Y', 'Z'}) {
          const Eigen::MatrixXcd pq = pauli_matrix(n, PauliString::single(q, letter));
          want += p / 3 * pq * m * pq;
        }
        rho.depolarize(q, p);
        BOOST_CHECK_SMALL(max_difference(rho, want), 1e-15);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(two_qubit_depolarizing_is_the_sum_over_paulis) {
  std::mt19937 rng(45);
  for (const int n : {3, 7}) {
    for (const auto& [a, b] : {std::pair{0, 1}, std::pair{2, 0}, std::pair{1, n - 1}}) {
      for (const double p : {0.2, 0.9375}) {  // 1 - 16p/15 = 0 at p = 15/16
        BOOST_TEST_CONTEXT("n = " << n << ", pair (" << a << ", " << b << "), p = " << p) {
          DensityMatrix rho = random_mixed(n, rng);
          const Eigen::MatrixXcd m = dense(rho);
          int other = 0;  // a qubit off the pair
          while (other == a || other == b) ++other;
          const double other_z = pauli_expectation(rho, pauli_of({{other, 'Z'}}));
          double before[4][4];
          Eigen::MatrixXcd want = (1 - p) * m;
          for (int la = 0; la < 4; ++la)
            for (int lb = 0; lb < 4; ++lb) {
              const PauliString pp = pauli_of({{a, kLetters[la]}, {b, kLetters[lb]}});
              before[la][lb] = pauli_expectation(rho, pp);
              if (la == 0 && lb == 0) continue;
              const Eigen::MatrixXcd pm = pauli_matrix(n, pp);
              want += p / 15 * pm * m * pm;
            }
          rho.depolarize(a, b, p);
          BOOST_CHECK_SMALL(max_difference(rho, want), 1e-15);
          BOOST_CHECK_SMALL(rho.trace() - 1.0, 1e-14);
          for (int la = 0; la < 4; ++la)
            for (int lb = 0; lb < 4; ++lb) {
              const double shrink = la == 0 && lb == 0 ? 1.0 : 1.0 - 16.0 * p / 15.0;
              const PauliString pp = pauli_of({{a, kLetters[la]}, {b, kLetters[lb]}});
              BOOST_CHECK_SMALL(pauli_expectation(rho, pp) - shrink * before[la][lb], 1e-14);
            }
          // Off the pair nothing changes (another qubit's marginal).
          BOOST_CHECK_SMALL(pauli_expectation(rho, pauli_of({{other, 'Z'}})) - other_z, 1e-14);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(amplitude_damping_closed_form) {
  std::mt19937 rng(46);
  for (const double g : {0.1, 0.6, 1.0}) {
    BOOST_TEST_CONTEXT("gamma = " << g) {
      DensityMatrix rho(random_state(1, rng));
      const C r00 = rho.element(0, 0), r11 = rho.element(1, 1), r01 = rho.element(0, 1);
      rho.amplitude_damp(0, g);
      BOOST_CHECK_SMALL(std::abs(rho.element(1, 1) - (1 - g) * r11), 1e-15);
      BOOST_CHECK_SMALL(std::abs(rho.element(0, 0) - (r00 + g * r11)), 1e-15);
      BOOST_CHECK_SMALL(std::abs(rho.element(0, 1) - std::sqrt(1 - g) * r01), 1e-15);
      BOOST_CHECK_SMALL(std::abs(rho.element(1, 0) - std::sqrt(1 - g) * std::conj(r01)), 1e-15);
      BOOST_CHECK_SMALL(rho.trace() - 1.0, 1e-15);
    }
  }
  // Against the Kraus operators on a correlated mixed state.
  for (const int n : {3, 7}) {
    for (const int q : {0, n - 1}) {
      BOOST_TEST_CONTEXT("n = " << n << ", q = " << q) {
        const double g = 0.35;
        DensityMatrix rho = random_mixed(n, rng);
        Eigen::Matrix2cd k0, k1;
        k0 << 1, 0, 0, std::sqrt(1 - g);
        k1 << 0, std::sqrt(g), 0, 0;
        const Eigen::MatrixXcd e0 = embed(n, k0, {q}), e1 = embed(n, k1, {q});
        const Eigen::MatrixXcd m = dense(rho);
        const Eigen::MatrixXcd want = e0 * m * e0.adjoint() + e1 * m * e1.adjoint();
        rho.amplitude_damp(q, g);
        BOOST_CHECK_SMALL(max_difference(rho, want), 1e-15);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(t1_decay_of_an_excited_qubit) {
  // |101>: qubit 2 decays as (1 - g)^k, qubit 0 (not damped) stays in |1>.
  const double g = 0.07;
  DensityMatrix rho(3, 0b101);
  for (int k = 1; k <= 40; ++k) {
    rho.amplitude_damp(2, g);
    const std::vector<double> d = rho.diagonal();
    BOOST_CHECK_SMALL(d[0b101] - std::pow(1 - g, k), 1e-14);
    BOOST_CHECK_SMALL(d[0b001] - (1 - std::pow(1 - g, k)), 1e-14);
    BOOST_CHECK_SMALL(rho.trace() - 1.0, 1e-14);
  }
}

BOOST_AUTO_TEST_CASE(diagonal_after_equals_the_full_transform) {
  std::mt19937 rng(47);
  for (const int n : {1, 3, 8}) {
    const DensityMatrix rho = random_mixed(n, rng);
    // Qubit-wise bases (h, sdg h) on some qubits, Clifford circuits on a subset, every gate
    // kind (some qubits untouched), and no gates at all.
    std::vector<Circuit> circuits;
    circuits.emplace_back(n, 0);
    Circuit qwc(n, 0);
    for (int q = 0; q < n; ++q) {
      if (q % 3 == 1) qwc.h(q);
      if (q % 3 == 2) qwc.sdg(q), qwc.h(q);
    }
    circuits.push_back(qwc);
    if (n >= 3) {
      Circuit clifford(n, 0);
      clifford.h(0);
      clifford.cnot(0, n - 1);
      clifford.s(n - 1);
      clifford.cz(n - 1, 1);
      clifford.h(1);
      clifford.swap(0, 1);
      clifford.h(0);
      circuits.push_back(clifford);
    }
    circuits.push_back(random_circuit(n, 2, rng));
    Circuit single(n, 1);
    single.add(random_gate(GateKind::PauliRotation, n, rng));
    circuits.push_back(single);
    for (std::size_t k = 0; k < circuits.size(); ++k) {
      BOOST_TEST_CONTEXT("n = " << n << ", circuit " << k) {
        const Circuit& circuit = circuits[k];
        const std::vector<double> theta(static_cast<std::size_t>(circuit.n_parameters()), 0.41);
        DensityMatrix full = rho;
        full.apply_circuit(circuit, theta);
        const std::vector<double> want = full.diagonal(), got = rho.diagonal_after(circuit, theta);
        BOOST_REQUIRE_EQUAL(got.size(), want.size());
        double worst = 0.0, sum = 0.0;
        for (std::size_t r = 0; r < got.size(); ++r) {
          worst = std::max(worst, std::abs(got[r] - want[r]));
          sum += got[r];
        }
        BOOST_CHECK_SMALL(worst, 1e-14);
        BOOST_CHECK_SMALL(sum - 1.0, 1e-13);
        if (n == 3) {  // and against U rho U^dagger in dense form
          Eigen::MatrixXcd m = dense(rho);
          for (const Gate& g : circuit.gates()) {
            const Eigen::MatrixXcd u = unitary(n, g, theta);
            m = u * m * u.adjoint();
          }
          for (std::size_t r = 0; r < got.size(); ++r)
            BOOST_CHECK_SMALL(got[r] - m(r, r).real(), 1e-13);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(size_guard_and_memory) {
  BOOST_CHECK_THROW(DensityMatrix(DensityMatrix::kMaxQubits + 1), ResourceError);
  BOOST_CHECK_THROW(DensityMatrix(-1), ResourceError);
  BOOST_CHECK_EQUAL(DensityMatrix::memory_bytes(12), 16.0 * 16777216.0);
  const DensityMatrix rho(2, 0b10);
  BOOST_CHECK_EQUAL(rho.n_qubits(), 2);
  BOOST_CHECK_EQUAL(rho.element(0b10, 0b10), C(1.0));
  BOOST_CHECK_EQUAL(rho.trace(), 1.0);
  BOOST_CHECK_THROW(rho.element(4, 0), InternalError);
}

BOOST_AUTO_TEST_SUITE_END()
