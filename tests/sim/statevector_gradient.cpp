// Adjoint gradients against central finite differences and the parameter-shift rule.
#include <boost/test/unit_test.hpp>
#include <complex>
#include <random>

#include "qmol/ansatz/hardware_efficient.h"
#include "qmol/ansatz/lower_to_circuit.h"
#include "qmol/core/errors.h"
#include "qmol/sim/statevector_engine.h"

BOOST_AUTO_TEST_SUITE(statevector_gradient)

namespace {

using namespace qmol;

// A random Hermitian operator: real coefficients on random strings.
QubitOperator random_hamiltonian(int n, int n_terms, std::mt19937& rng) {
  std::uniform_int_distribution<int> letter(0, 3);
  std::normal_distribution<double> normal;
  QubitOperator op(n);
  for (int t = 0; t < n_terms; ++t) {
    PauliString p;
    for (int q = 0; q < n; ++q) {
      const int l = letter(rng);
      if (l == 1 || l == 2) p.x[0] |= std::uint64_t{1} << q;
      if (l == 2 || l == 3) p.z[0] |= std::uint64_t{1} << q;
    }
    op.add(p, normal(rng));
  }
  return op;
}

std::vector<double> random_parameters(int n, std::mt19937& rng) {
  std::uniform_real_distribution<double> angle(-3.0, 3.0);
  std::vector<double> theta(n);
  for (double& t : theta) t = angle(rng);
  return theta;
}

// Adjoint gradient vs central differences (step 1e-5: error ~1e-10 + rounding ~1e-11).
void check_gradient(StatevectorEngine& engine, const std::vector<double>& theta,
                    double tolerance = 1e-6) {
  std::vector<double> gradient;
  const double e = engine.energy_and_gradient(theta, gradient);
  BOOST_CHECK_SMALL(e - engine.energy(theta), 1e-12);
  BOOST_REQUIRE_EQUAL(gradient.size(), theta.size());
  const double h = 1e-5;
  for (std::size_t p = 0; p < theta.size(); ++p) {
    std::vector<double> plus = theta, minus = theta;
    plus[p] += h;
    minus[p] -= h;
    const double fd = (engine.energy(plus) - engine.energy(minus)) / (2 * h);
    BOOST_TEST_CONTEXT("parameter " << p) {
      BOOST_CHECK_SMALL(gradient[p] - fd, tolerance);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(hardware_efficient_every_option) {
  std::mt19937 rng(31);
  const int n = 4;
  const QubitOperator h = random_hamiltonian(n, 25, rng);
  using R = Rotation;
  const std::vector<std::vector<Rotation>> rotation_sets = {
      {R::rx}, {R::ry}, {R::rz}, {R::ry, R::rz}, {R::rx, R::rz}, {R::rz, R::rx, R::ry}};
  for (const auto& rotations : rotation_sets) {
    for (const Entangler entangler : {Entangler::cnot, Entangler::cz}) {
      for (const EntanglerPattern pattern :
           {EntanglerPattern::linear, EntanglerPattern::ring, EntanglerPattern::full}) {
        BOOST_TEST_CONTEXT(rotations.size() << " rotations from " << to_string(rotations[0]) << ", "
                                            << to_string(entangler) << ", " << to_string(pattern)) {
          HardwareEfficientOptions options;
          options.layers = 2;
          options.rotations = rotations;
          options.entangler = entangler;
          options.pattern = pattern;
          StatevectorEngine engine(h, hardware_efficient(n, options, {0, 1}));
          check_gradient(engine, random_parameters(engine.n_parameters(), rng));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_gate_kind_with_offsets_and_shared_parameters) {
  std::mt19937 rng(32);
  const int n = 3;
  Circuit circuit(n, 2);
  circuit.set_initial_state(std::vector<int>{1});
  circuit.h(0);
  circuit.rx(0, {0, 0.7, 0.2});
  circuit.t(1);
  circuit.ry(1, Angle::of(1, -1.3));
  circuit.s(2);
  circuit.cnot(0, 2);
  circuit.rz(2, Angle::of(0, 2.0));
  circuit.sdg(0);
  circuit.swap(0, 1);
  circuit.cz(1, 2);
  circuit.y(0);
  circuit.rx(1, Angle::fixed(0.9));  // fixed: contributes to no parameter
  PauliString p;
  p.x[0] = 0b011;
  p.z[0] = 0b110;
  circuit.pauli_rotation(p, {1, 0.5, -0.4});
  StatevectorEngine engine(random_hamiltonian(n, 12, rng), circuit);
  for (int trial = 0; trial < 3; ++trial) {
    const std::vector<double> theta = random_parameters(2, rng);
    check_gradient(engine, theta);
    const std::vector<double> shift = engine.parameter_shift_gradient(theta);
    std::vector<double> adjoint;
    engine.energy_and_gradient(theta, adjoint);
    for (std::size_t k = 0; k < theta.size(); ++k) BOOST_CHECK_SMALL(shift[k] - adjoint[k], 1e-10);
  }
}

BOOST_AUTO_TEST_CASE(lowered_ucc_ansatz_with_shared_parameters) {
  std::mt19937 rng(33);
  FermionicAnsatz ansatz;
  ansatz.n_spin_orbitals = 6;
  ansatz.reference = {0, 1};
  ansatz.n_parameters = 3;
  ansatz.terms = {{{{0}, {2}}, 0, 1.0},
                  {{{1}, {3}}, 0, 1.0},  // a singlet single pair
                  {{{0, 1}, {4, 5}}, 1, 0.5},
                  {{{0, 1}, {2, 3}}, 2, -1.0},
                  {{{1}, {5}}, 2, 0.25}};
  for (Mapping mapping : {Mapping::jordan_wigner, Mapping::bravyi_kitaev, Mapping::parity}) {
    BOOST_TEST_CONTEXT(to_string(mapping)) {
      const Circuit circuit = lower_to_circuit(ansatz, mapping);
      StatevectorEngine engine(random_hamiltonian(6, 30, rng), circuit);
      const std::vector<double> theta = random_parameters(3, rng);
      check_gradient(engine, theta);
      const std::vector<double> shift = engine.parameter_shift_gradient(theta);
      std::vector<double> adjoint;
      engine.energy_and_gradient(theta, adjoint);
      for (std::size_t k = 0; k < theta.size(); ++k) {
        BOOST_CHECK_SMALL(shift[k] - adjoint[k], 1e-10);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(parallel_sizes) {
  // 14 qubits: the OpenMP kernels in the forward and backward sweeps.
  std::mt19937 rng(34);
  const int n = 14;
  HardwareEfficientOptions options;
  options.layers = 1;
  options.rotations = {Rotation::ry, Rotation::rz};
  options.entangler = Entangler::cnot;
  options.pattern = EntanglerPattern::ring;
  StatevectorEngine engine(random_hamiltonian(n, 10, rng), hardware_efficient(n, options, {0}));
  const std::vector<double> theta = random_parameters(engine.n_parameters(), rng);
  std::vector<double> gradient;
  engine.energy_and_gradient(theta, gradient);
  for (int p : {0, 7, 20, 41, engine.n_parameters() - 1}) {
    std::vector<double> plus = theta, minus = theta;
    plus[p] += 1e-5;
    minus[p] -= 1e-5;
    BOOST_CHECK_SMALL(gradient[p] - (engine.energy(plus) - engine.energy(minus)) / 2e-5, 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(memory_estimate_and_errors) {
  BOOST_CHECK_EQUAL(statevector_memory_bytes(10, 2), 16.0 * 1024 * 2);
  BOOST_CHECK_NO_THROW(check_statevector_memory(20, 2, 1e9));
  BOOST_CHECK_THROW(check_statevector_memory(34, 2, 64e9), ResourceError);
  QubitOperator h(5);
  PauliString p;
  p.z[0] = 0b10000;
  h.add(p, 1.0);
  BOOST_CHECK_THROW(StatevectorEngine(h, Circuit(4, 0)), std::invalid_argument);
  StatevectorEngine engine(QubitOperator(2), Circuit(2, 1));
  BOOST_CHECK_THROW(engine.energy({}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
