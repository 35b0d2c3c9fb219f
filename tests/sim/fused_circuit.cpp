// The fused, cache-blocked forward application (FusedCircuit, apply_circuit) against the circuit
// applied gate by gate, and against dense matrices written out plainly for small qubit counts:
// random circuits of every gate kind, blocks from 2 qubits up, targets on low and high qubits,
// and 1 to 3 threads on states where the OpenMP loops run.
#include "qmol/sim/fused_circuit.h"

#include <omp.h>

#include <Eigen/Dense>
#include <boost/test/unit_test.hpp>
#include <complex>
#include <random>
#include <unsupported/Eigen/MatrixFunctions>

#include "qmol/core/bits.h"
#include "support/dense.h"
#include "support/random.h"

BOOST_AUTO_TEST_SUITE(fused_circuit)

namespace {

using namespace qmol;
using namespace qmol::testing;
using C = std::complex<double>;

// n_gates random gates of every kind on n qubits: single-qubit runs, two-qubit gates on any pair,
// Pauli rotations on random supports (the identity and wide ones included), parametrised and
// fixed angles.
Circuit random_circuit(int n, int n_gates, std::mt19937& rng) {
  const int n_kinds = static_cast<int>(gate_table().size());
  std::uniform_int_distribution<int> kind(0, n_kinds - 1), qubit(0, n - 1), parameter(-1, 2);
  std::uniform_real_distribution<double> angle(-3, 3);
  Circuit circuit(n, 3);
  for (int k = 0; k < n_gates; ++k) {
    Gate g;
    g.kind = static_cast<GateKind>(kind(rng));
    if (n < 2 && gate_info(g.kind).arity == 2) g.kind = GateKind::RY;
    g.qubits[0] = qubit(rng);
    if (gate_info(g.kind).arity == 2) {
      g.qubits[1] = (g.qubits[0] + 1 + qubit(rng) % (n - 1)) % n;
    }
    if (g.is_parametrised()) g.angle = {parameter(rng), angle(rng), angle(rng)};
    if (g.kind == GateKind::PauliRotation) {
      const std::uint64_t all = low_bits(n);
      g.pauli.x[0] = rng() & all & (rng() % 3 ? rng() : all);  // sometimes diagonal
      g.pauli.z[0] = rng() & all;
    }
    circuit.add(g);
  }
  return circuit;
}

// The gate's 2^n x 2^n matrix from the gate table, or exp(-i t P/2) for a Pauli rotation.
Eigen::MatrixXcd dense(int n, const Gate& g, const std::vector<double>& theta) {
  const double t = g.is_parametrised() ? g.angle.value(theta) : 0.0;
  if (g.kind == GateKind::PauliRotation) {
    return (C(0, -t / 2) * pauli_matrix(n, g.pauli)).exp();
  }
  const GateInfo& info = gate_info(g.kind);
  const GateMatrix m = info.matrix(t);
  Eigen::MatrixXcd local(m.dim, m.dim);
  for (int r = 0; r < m.dim; ++r)
    for (int c = 0; c < m.dim; ++c) local(r, c) = m.m[r][c];
  std::vector<int> qubits(g.qubits, g.qubits + info.arity);
  return embed(n, local, qubits);
}

double distance(const Statevector& a, const Statevector& b) {
  return (to_eigen(a) - to_eigen(b)).norm();
}

Statevector gate_by_gate(const Circuit& circuit, const std::vector<double>& theta,
                         const Statevector& start) {
  Statevector s = start;
  for (const Gate& g : circuit.gates()) apply_gate(s, g, theta);
  return s;
}

// The fused application with block_qubits and `threads` OpenMP threads.
Statevector fused(const Circuit& circuit, const std::vector<double>& theta,
                  const Statevector& start, int block_qubits, int threads) {
  const int before = omp_get_max_threads();
  omp_set_num_threads(threads);
  Statevector s = start;
  FusedCircuit(circuit, theta, block_qubits).apply(s);
  omp_set_num_threads(before);
  return s;
}

const std::vector<double> kTheta = {0.37, -1.2, 2.1};

}  // namespace

BOOST_AUTO_TEST_CASE(matches_dense_matrices_on_small_states) {
  std::mt19937 rng(41);
  for (int n = 1; n <= 6; ++n) {
    for (int trial = 0; trial < 4; ++trial) {
      const Circuit circuit = random_circuit(n, 40, rng);
      const Statevector start = random_state(n, rng);
      Eigen::VectorXcd want = to_eigen(start);
      for (const Gate& g : circuit.gates()) want = dense(n, g, kTheta) * want;
      for (int block = std::min(2, n); block <= n; ++block) {
        BOOST_TEST_CONTEXT("n " << n << " trial " << trial << " block " << block) {
          const Statevector got = fused(circuit, kTheta, start, block, 1);
          BOOST_CHECK_SMALL((to_eigen(got) - want).norm(), 1e-12);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(matches_gate_by_gate_for_every_block_size) {
  std::mt19937 rng(42);
  for (int n : {7, 9, 12}) {
    const Circuit circuit = random_circuit(n, 300, rng);
    const Statevector start = random_state(n, rng);
    const Statevector want = gate_by_gate(circuit, kTheta, start);
    for (int block : {2, 3, 4, 5, 6, n - 1, n}) {
      BOOST_TEST_CONTEXT("n " << n << " block " << block) {
        BOOST_CHECK_SMALL(distance(fused(circuit, kTheta, start, block, 1), want), 1e-12);
      }
    }
    // apply_circuit is the fused application with the default blocks.
    Statevector s = start;
    apply_circuit(s, circuit, kTheta);
    BOOST_CHECK_SMALL(distance(s, want), 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(threads_share_the_blocks) {
  // From Statevector::kParallelQubits qubits on, blocks and whole-state passes run threaded; 3
  // threads split the kernels' index ranges off their contiguous runs.
  std::mt19937 rng(43);
  for (int n : {Statevector::kParallelQubits, Statevector::kParallelQubits + 2}) {
    const Circuit circuit = random_circuit(n, 120, rng);
    const Statevector start = random_state(n, rng);
    const Statevector want = gate_by_gate(circuit, kTheta, start);
    for (int threads : {1, 2, 3}) {
      for (int block : {0, 4, 9, n}) {
        BOOST_TEST_CONTEXT("n " << n << " threads " << threads << " block " << block) {
          BOOST_CHECK_SMALL(distance(fused(circuit, kTheta, start, block, threads), want), 1e-12);
        }
      }
      // The gate-by-gate kernels split over the threads, too.
      omp_set_num_threads(threads);
      BOOST_CHECK_SMALL(distance(gate_by_gate(circuit, kTheta, start), want), 1e-12);
    }
    omp_set_num_threads(1);
  }
}

BOOST_AUTO_TEST_CASE(layers_fuse_into_few_stages) {
  // RX and RZ on every qubit and a CNOT ring, 10 times (the benchmark's circuit): the two
  // rotations are one matrix, which the next CNOT on the qubit joins (one kernel per qubit and
  // layer, and the last CNOT), and each layer takes about two passes over the state.
  const int n = 20, layers = 10;
  Circuit circuit(n, 0);
  for (int l = 0; l < layers; ++l) {
    for (int q = 0; q < n; ++q) {
      circuit.rx(q, Angle::fixed(0.1 + 0.01 * q));
      circuit.rz(q, Angle::fixed(0.2 - 0.01 * l));
    }
    for (int q = 0; q < n; ++q) circuit.cnot(q, (q + 1) % n);
  }
  const FusedCircuit plan(circuit, {}, 14);
  BOOST_CHECK_LE(plan.n_stages(), static_cast<std::size_t>(2 * layers + 1));
  BOOST_CHECK_EQUAL(plan.n_operations(), static_cast<std::size_t>(n * layers + 1));
  for (const FusedCircuit::Stage& stage : plan.stages())
    BOOST_CHECK_LE(stage.qubits.size(), std::size_t{14});
}

BOOST_AUTO_TEST_SUITE_END()
