// The [noise] model: its checks, the channels after each gate on a density matrix, their
// stochastic versions averaging to those channels, trajectories converging to the density
// matrix within their statistical error (bit-for-bit repeatable, whatever the thread count), and
// measurement probabilities after a basis change against the statevector's.
#include "qmol/estimate/noise_model.h"

#include <fmt/format.h>
#include <omp.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <complex>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "qmol/core/errors.h"
#include "qmol/sim/pauli_expectation.h"
#include "support/random.h"

BOOST_AUTO_TEST_SUITE(noise_model)

namespace {

using namespace qmol;
using C = std::complex<double>;

// A native 5-qubit circuit from |00011>: every fixed-arity kind, entangling layers.
Circuit native_test_circuit() {
  Circuit c(5, 2);
  c.set_initial_state(std::vector<int>{0, 1});
  for (int q = 0; q < 5; ++q) c.ry(q, Angle::of(q % 2, 0.7 + 0.1 * q));
  for (int q = 0; q < 4; ++q) c.cnot(q, q + 1);
  c.h(0), c.s(1), c.t(2), c.sdg(3), c.tdg(4);
  c.rx(2, Angle::fixed(0.9));
  c.rz(4, Angle::of(1, -1.3));
  c.cz(0, 3);
  c.swap(1, 4);
  c.x(2), c.y(3), c.z(1);
  for (int q = 3; q >= 0; --q) c.cnot(q + 1, q);
  c.ry(0, Angle::fixed(0.4));
  return c;
}

const std::vector<double> kTheta = {0.6, -0.35};

NoiseModel test_noise() {
  NoiseModel noise;
  noise.depolarizing_1q = 0.08;
  noise.depolarizing_2q = 0.15;
  noise.amplitude_damping = 0.03;
  return noise;
}

// Z on every qubit, ZZ neighbours and XX, YY pairs: the populations damping moves and the
// coherences depolarizing shrinks.
QubitOperator test_observable() {
  QubitOperator op(5);
  for (int q = 0; q < 5; ++q) op.add(PauliString::single(q, 'Z'), 0.3 + 0.1 * q);
  for (int q = 0; q < 4; ++q) {
    op.add(PauliString::parse(fmt::format("Z{} Z{}", q, q + 1)), -0.2);
    op.add(PauliString::parse(fmt::format("X{} X{}", q, q + 1)), 0.25);
    op.add(PauliString::parse(fmt::format("Y{} Y{}", q, q + 1)), 0.15);
  }
  return op;
}

bool same_bits(const Statevector& a, const Statevector& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(check_names_the_field_and_the_range) {
  NoiseModel fine;
  fine.depolarizing_1q = 1.0;
  fine.readout_error = 0.0;
  fine.max_density_qubits = DensityMatrix::kMaxQubits;
  fine.trajectories = 1;
  BOOST_CHECK_NO_THROW(fine.check());
  BOOST_CHECK_NO_THROW(NoiseModel{}.check());
  BOOST_CHECK(!NoiseModel{}.has_gate_noise());
  BOOST_CHECK(fine.has_gate_noise());
  NoiseModel readout_only;
  readout_only.readout_error = 0.1;
  BOOST_CHECK(!readout_only.has_gate_noise());

  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::tuple<std::string, std::function<void(NoiseModel&)>, std::string>> bad = {
      {"noise.depolarizing_1q", [](NoiseModel& m) { m.depolarizing_1q = -0.01; }, "[0, 1]"},
      {"noise.depolarizing_2q", [](NoiseModel& m) { m.depolarizing_2q = 1.5; }, "[0, 1]"},
      {"noise.amplitude_damping", [nan](NoiseModel& m) { m.amplitude_damping = nan; }, "[0, 1]"},
      {"noise.readout_error", [](NoiseModel& m) { m.readout_error = 2.0; }, "[0, 1]"},
      {"noise.max_density_qubits", [](NoiseModel& m) { m.max_density_qubits = 0; }, "1 to 14"},
      {"noise.max_density_qubits", [](NoiseModel& m) { m.max_density_qubits = 15; }, "1 to 14"},
      {"noise.trajectories", [](NoiseModel& m) { m.trajectories = 0; }, "1 or more"}};
  for (const auto& [field, spoil, range] : bad) {
    BOOST_TEST_CONTEXT(field) {
      NoiseModel m;
      spoil(m);
      try {
        m.check();
        BOOST_ERROR("accepted");
      } catch (const InputError& e) {
        BOOST_CHECK_EQUAL(e.where().field, field);
        BOOST_CHECK_MESSAGE(std::string(e.what()).find(range) != std::string::npos, e.what());
        BOOST_CHECK_MESSAGE(std::string(e.what()).find(field) != std::string::npos, e.what());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(pauli_rotations_are_refused) {
  Gate rotation;
  rotation.kind = GateKind::PauliRotation;
  rotation.pauli = PauliString::parse("X0 Y1");
  rotation.angle = Angle::fixed(0.3);
  DensityMatrix rho(2);
  Statevector psi(2);
  std::mt19937_64 rng(1);
  BOOST_CHECK_THROW(apply_gate_noise(rho, rotation, test_noise()), NumericalError);
  BOOST_CHECK_THROW(apply_gate_noise(psi, rotation, test_noise(), rng), NumericalError);
}

BOOST_AUTO_TEST_CASE(noisy_density_matrix_is_gate_then_channels) {
  const Circuit circuit = native_test_circuit();
  const NoiseModel noise = test_noise();
  DensityMatrix want(5, 0b00011);
  for (const Gate& g : circuit.gates()) {
    want.apply_gate(g, kTheta);
    const std::vector<int> q = g.support();
    if (q.size() == 1) want.depolarize(q[0], noise.depolarizing_1q);
    if (q.size() == 2) want.depolarize(q[0], q[1], noise.depolarizing_2q);
    for (const int k : q) want.amplitude_damp(k, noise.amplitude_damping);
  }
  const DensityMatrix got = noisy_density_matrix(circuit, kTheta, noise);
  double worst = 0.0;
  for (std::uint64_t r = 0; r < 32; ++r)
    for (std::uint64_t c = 0; c < 32; ++c)
      worst = std::max(worst, std::abs(got.element(r, c) - want.element(r, c)));
  BOOST_CHECK_EQUAL(worst, 0.0);
  BOOST_CHECK_SMALL(got.trace() - 1.0, 1e-13);

  // Without noise: the pure state, from the circuit's initial basis state.
  const DensityMatrix pure = noisy_density_matrix(circuit, kTheta, NoiseModel{});
  const Statevector psi = simulate(circuit, kTheta);
  double pure_worst = 0.0;
  for (std::uint64_t r = 0; r < 32; ++r)
    for (std::uint64_t c = 0; c < 32; ++c)
      pure_worst = std::max(pure_worst, std::abs(pure.element(r, c) - psi[r] * std::conj(psi[c])));
  BOOST_CHECK_SMALL(pure_worst, 1e-12);
  Circuit empty(3, 0);
  empty.set_initial_state(std::vector<int>{0, 2});
  BOOST_CHECK_EQUAL(noisy_density_matrix(empty, {}, noise).element(0b101, 0b101), C(1.0));
}

BOOST_AUTO_TEST_CASE(stochastic_channels_average_to_the_channels) {
  // Each noise kind alone after one gate on a random 2-qubit state: the mean of |psi><psi| over
  // N draws, element by element, within 4 standard errors of the channel's rho (deterministic:
  // seeded). A wrong Pauli mix or jump rate moves some element by many standard errors.
  std::mt19937 state_rng(5);
  const Statevector start = testing::random_state(2, state_rng);
  NoiseModel one, two, damping;
  one.depolarizing_1q = 0.6;
  two.depolarizing_2q = 0.8;
  damping.amplitude_damping = 0.45;
  Circuit gates(2, 0);
  gates.h(1);
  gates.cnot(1, 0);
  gates.cz(0, 1);
  const std::vector<std::tuple<const char*, NoiseModel, Gate>> cases = {
      {"depolarizing_1q", one, gates.gates()[0]},
      {"depolarizing_2q", two, gates.gates()[1]},
      {"amplitude_damping", damping, gates.gates()[2]}};
  const int n_draws = 20000;
  for (const auto& [name, noise, gate] : cases) {
    BOOST_TEST_CONTEXT(name) {
      DensityMatrix exact(start);
      apply_gate_noise(exact, gate, noise);
      std::mt19937_64 rng(11);
      double sum[4][4][2] = {}, sum_squares[4][4][2] = {};
      for (int t = 0; t < n_draws; ++t) {
        Statevector psi = start;
        apply_gate_noise(psi, gate, noise, rng);
        BOOST_REQUIRE_SMALL(psi.norm_squared() - 1.0, 1e-12);
        for (int r = 0; r < 4; ++r)
          for (int c = 0; c < 4; ++c) {
            const C e = psi[r] * std::conj(psi[c]);
            for (int part = 0; part < 2; ++part) {
              const double x = part ? e.imag() : e.real();
              sum[r][c][part] += x;
              sum_squares[r][c][part] += x * x;
            }
          }
      }
      for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c)
          for (int part = 0; part < 2; ++part) {
            const double mean = sum[r][c][part] / n_draws;
            const double variance = sum_squares[r][c][part] / n_draws - mean * mean;
            const double error = std::sqrt(std::max(variance, 0.0) / n_draws);
            const C e = exact.element(r, c);
            const double want = part ? e.imag() : e.real();
            BOOST_TEST_CONTEXT("element (" << r << ", " << c << ") part " << part) {
              BOOST_CHECK_LE(std::abs(mean - want), 4 * error + 1e-12);
            }
          }
    }
  }
}

BOOST_AUTO_TEST_CASE(trajectories_converge_to_the_density_matrix) {
  const Circuit circuit = native_test_circuit();
  const NoiseModel noise = test_noise();
  const QubitOperator op = test_observable();
  const double exact = noisy_density_matrix(circuit, kTheta, noise).expectation(op);
  const double ideal = expectation_value(op, simulate(circuit, kTheta));

  const int n_trajectories = 2000;
  std::mt19937_64 rng(7);
  double sum = 0.0, sum_squares = 0.0;
  for (int t = 0; t < n_trajectories; ++t) {
    const Statevector psi = noisy_trajectory(circuit, kTheta, noise, rng);
    BOOST_REQUIRE_SMALL(psi.norm_squared() - 1.0, 1e-12);
    const double e = expectation_value(op, psi);
    sum += e;
    sum_squares += e * e;
  }
  const double mean = sum / n_trajectories;
  const double std_dev =
      std::sqrt((sum_squares - n_trajectories * mean * mean) / (n_trajectories - 1));
  const double error = std_dev / std::sqrt(n_trajectories);
  BOOST_TEST_MESSAGE("trajectories " << mean << " +- " << error << ", density matrix " << exact
                                     << ", noiseless " << ideal);
  BOOST_CHECK_LE(std::abs(mean - exact), 4 * error);
  // The noise is many standard errors large, so noiseless trajectories would fail above.
  BOOST_CHECK_GT(std::abs(ideal - exact), 10 * error);
}

BOOST_AUTO_TEST_CASE(same_seed_same_bits) {
  const Circuit circuit = native_test_circuit();
  const NoiseModel noise = test_noise();
  std::mt19937_64 a(123), b(123), c(124);
  bool all_same = true, any_differ = false;
  for (int t = 0; t < 20; ++t) {
    const Statevector pa = noisy_trajectory(circuit, kTheta, noise, a);
    const Statevector pb = noisy_trajectory(circuit, kTheta, noise, b);
    const Statevector pc = noisy_trajectory(circuit, kTheta, noise, c);
    all_same = all_same && same_bits(pa, pb);
    any_differ = any_differ || !same_bits(pa, pc);
  }
  BOOST_CHECK(all_same);
  BOOST_CHECK(any_differ);
}

BOOST_AUTO_TEST_CASE(trajectories_do_not_depend_on_the_thread_count) {
  // 15 qubits: the threaded kernels and the blocked sum of the jump probability.
  const int n = 15;
  Circuit circuit(n, 0);
  for (int q = 0; q < n; ++q) circuit.ry(q, Angle::fixed(0.3 + 0.17 * q));
  for (int q = 0; q + 1 < n; ++q) circuit.cnot(q, q + 1);
  for (int q = 0; q < n; ++q) circuit.h(q);
  NoiseModel noise;
  noise.depolarizing_1q = 0.1;
  noise.depolarizing_2q = 0.2;
  noise.amplitude_damping = 0.3;
  const int threads = omp_get_max_threads();
  std::vector<Statevector> runs;
  for (const int t : {1, 2, 3}) {
    omp_set_num_threads(t);
    std::mt19937_64 rng(99);
    runs.push_back(noisy_trajectory(circuit, {}, noise, rng));
  }
  omp_set_num_threads(threads);
  BOOST_CHECK(same_bits(runs[0], runs[1]));
  BOOST_CHECK(same_bits(runs[0], runs[2]));
}

BOOST_AUTO_TEST_CASE(measurement_probabilities_match_the_statevector) {
  std::mt19937 rng(7);
  for (const int n : {4, 8}) {
    const Statevector psi = testing::random_state(n, rng);
    const DensityMatrix rho(psi);
    std::vector<Circuit> bases;
    bases.emplace_back(n, 0);
    Circuit qwc(n, 0);  // X, Y or Z per qubit, as the qwc grouping measures
    for (int q = 0; q < n; ++q) {
      if (q % 3 == 0) qwc.h(q);
      if (q % 3 == 1) qwc.sdg(q), qwc.h(q);
    }
    bases.push_back(qwc);
    Circuit clifford(n, 0);  // as the commuting grouping's basis changes
    clifford.h(1);
    clifford.s(2);
    clifford.cnot(1, 3);
    clifford.cz(0, 2);
    clifford.cnot(n - 1, 0);
    clifford.h(0);
    clifford.h(2);
    bases.push_back(clifford);
    for (std::size_t k = 0; k < bases.size(); ++k) {
      BOOST_TEST_CONTEXT("n = " << n << ", basis change " << k) {
        Statevector rotated = psi;
        apply_circuit(rotated, bases[k], {});
        const std::vector<double> got = measurement_probabilities(rho, bases[k]);
        BOOST_REQUIRE_EQUAL(got.size(), rotated.size());
        double worst = 0.0;
        for (std::size_t i = 0; i < got.size(); ++i)
          worst = std::max(worst, std::abs(got[i] - std::norm(rotated[i])));
        BOOST_CHECK_SMALL(worst, 1e-14);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
