#include "qmol/sim/statevector_engine.h"

#include <fmt/format.h>

#include <cmath>
#include <numbers>
#include <string>

#include "qmol/core/errors.h"

namespace qmol {

double statevector_memory_bytes(int n_qubits, int n_vectors) {
  return 16.0 * std::ldexp(1.0, n_qubits) * n_vectors;
}

void check_statevector_memory(int n_qubits, int n_vectors, double limit_bytes) {
  const double need = statevector_memory_bytes(n_qubits, n_vectors);
  if (need > limit_bytes) {
    const double gib = 1024.0 * 1024.0 * 1024.0;
    throw ResourceError(
        "the statevector engine needs " + std::to_string(need / gib) + " GiB for " +
        std::to_string(n_qubits) + " qubits (" + std::to_string(n_vectors) +
        " vectors of 2^n amplitudes), over the limit of " + std::to_string(limit_bytes / gib) +
        " GiB; use a smaller active space, taper qubits, or the determinant engine");
  }
}

StatevectorEngine::StatevectorEngine(QubitOperator hamiltonian, Circuit circuit)
    : hamiltonian_(std::move(hamiltonian)), circuit_(std::move(circuit)), groups_(hamiltonian_) {
  if (groups_.max_qubit() >= circuit_.n_qubits())
    throw InputError(fmt::format("the Hamiltonian acts on qubit {}, the circuit has {} qubits",
                                 groups_.max_qubit(), circuit_.n_qubits()));
}

void StatevectorEngine::set_circuit(Circuit circuit) {
  if (circuit.n_qubits() != circuit_.n_qubits())
    throw InputError(fmt::format("the new circuit has {} qubits, the engine {}", circuit.n_qubits(),
                                 circuit_.n_qubits()));
  circuit_ = std::move(circuit);
}

std::vector<double> StatevectorEngine::rotation_gradients(const std::vector<double>& theta,
                                                          const std::vector<PauliString>& pool) {
  check_parameters(theta);
  run(theta, -1, 0.0);
  apply_objective();
  std::vector<double> gradients;
  gradients.reserve(pool.size());
  for (const PauliString& p : pool)
    gradients.push_back(pauli_matrix_element(p, lambda_, psi_).imag());
  return gradients;
}

void StatevectorEngine::check_parameters(const std::vector<double>& theta) const {
  if (static_cast<int>(theta.size()) != circuit_.n_parameters())
    throw InputError(fmt::format("{} parameters given, the circuit has {}", theta.size(),
                                 circuit_.n_parameters()));
}

void StatevectorEngine::set_initial_state(Statevector initial) {
  if (initial.size() != 0 && initial.n_qubits() != circuit_.n_qubits())
    throw InputError(fmt::format("initial state of {} qubits, the circuit has {}",
                                 initial.n_qubits(), circuit_.n_qubits()));
  initial_ = std::move(initial);
}

Statevector StatevectorEngine::state(const std::vector<double>& theta) const {
  if (initial_.size() == 0) return simulate(circuit_, theta);
  check_parameters(theta);
  Statevector psi = initial_;
  apply_circuit(psi, circuit_, theta);
  return psi;
}

void StatevectorEngine::apply_objective() {
  groups_.apply(psi_, lambda_);
  if (extra_term_) extra_term_(psi_, lambda_);
}

double StatevectorEngine::objective() {
  if (!extra_term_) return groups_.expectation(psi_).real();
  apply_objective();
  return psi_.inner(lambda_).real();
}

void StatevectorEngine::run(const std::vector<double>& theta, long shifted, double shift) {
  if (initial_.size() != 0) {
    psi_ = initial_;
  } else if (psi_.n_qubits() != circuit_.n_qubits() || psi_.size() == 0) {
    psi_ = Statevector(circuit_.n_qubits(), circuit_.initial_mask());
  } else {
    psi_.set_basis_state(circuit_.initial_mask());
  }
  if (shifted < 0) {
    apply_circuit(psi_, circuit_, theta);
    return;
  }
  const auto& gates = circuit_.gates();
  for (std::size_t k = 0; k < gates.size(); ++k) {
    if (static_cast<long>(k) == shifted) {
      Gate g = gates[k];
      g.angle.offset += shift;
      apply_gate(psi_, g, theta);
    } else {
      apply_gate(psi_, gates[k], theta);
    }
  }
}

double StatevectorEngine::energy(const std::vector<double>& theta) {
  check_parameters(theta);
  run(theta, -1, 0.0);
  return objective();
}

double StatevectorEngine::energy_and_gradient(const std::vector<double>& theta,
                                              std::vector<double>& gradient) {
  check_parameters(theta);
  run(theta, -1, 0.0);
  apply_objective();
  const double e = psi_.inner(lambda_).real();
  gradient.assign(circuit_.n_parameters(), 0.0);
  // Backward sweep in place: psi_ becomes |phi>, so only two vectors are ever allocated.
  Statevector& phi = psi_;
  Statevector& lambda = lambda_;
  const auto& gates = circuit_.gates();
  for (std::size_t k = gates.size(); k-- > 0;) {
    const Gate& g = gates[k];
    // phi is now the state just after gate k; lambda = U_{k+1}^dag ... U_K^dag H|psi>.
    if (g.is_parametrised() && g.angle.parameter >= 0) {
      const double de_da = pauli_matrix_element(g.generator(), lambda, phi).imag();
      gradient[g.angle.parameter] += g.angle.coefficient * de_da;
    }
    if (k == 0) break;  // the states before the first gate are not needed
    apply_gate_inverse(phi, g, theta);
    apply_gate_inverse(lambda, g, theta);
  }
  return e;
}

std::vector<double> StatevectorEngine::parameter_shift_gradient(const std::vector<double>& theta) {
  check_parameters(theta);
  std::vector<double> gradient(circuit_.n_parameters(), 0.0);
  const auto& gates = circuit_.gates();
  const double shift = std::numbers::pi / 2;
  for (std::size_t k = 0; k < gates.size(); ++k) {
    const Gate& g = gates[k];
    if (!g.is_parametrised() || g.angle.parameter < 0) continue;
    run(theta, static_cast<long>(k), shift);
    const double plus = objective();
    run(theta, static_cast<long>(k), -shift);
    const double minus = objective();
    gradient[g.angle.parameter] += g.angle.coefficient * (plus - minus) / 2;
  }
  return gradient;
}

}  // namespace qmol
